import { ForbiddenError } from '../../errors.js';

/** Who is asking: an authenticated identity with its roles. */
export interface Actor {
  id: string;
  roles: string[];
}

/** The roles of API.md's Access section. */
export const ROLES = [
  'VIEWER',
  'ENGINEER',
  'PROBLEM_MANAGER',
  'CMDB_ADMIN',
  'CHANGE_MANAGER',
  'ADMIN',
  'AUDITOR',
  'SECURITY_ADMIN',
] as const;
export type Role = (typeof ROLES)[number];

/** What each role grants besides itself: duties stay separate (a CMDB_ADMIN is no PROBLEM_MANAGER). */
const IMPLIES: Record<Role, Role[]> = {
  VIEWER: [],
  ENGINEER: ['VIEWER'],
  PROBLEM_MANAGER: ['ENGINEER', 'VIEWER'],
  CMDB_ADMIN: ['VIEWER'],
  // Approves, rejects and cancels changes and keeps the blackout windows; creates none itself.
  CHANGE_MANAGER: ['VIEWER'],
  // The three administrators stay apart (三权分立): ADMIN covers neither the auditor nor keys.
  ADMIN: ['VIEWER', 'ENGINEER', 'PROBLEM_MANAGER', 'CMDB_ADMIN', 'CHANGE_MANAGER'],
  // Reads the security audit events and ChangeRecords, nothing else.
  AUDITOR: [],
  // Manages API keys, nothing else.
  SECURITY_ADMIN: [],
};

/** True when the actor holds the role directly or through a role that implies it. */
export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.some((r) => r === role || (IMPLIES[r as Role] ?? []).includes(role));
}

/** Throws FORBIDDEN unless the actor holds one of the roles; the first is named as required. */
export function requireAnyRole(actor: Actor, roles: readonly Role[]): void {
  if (!roles.some((r) => hasRole(actor, r)))
    throw new ForbiddenError(`this needs one of the roles ${roles.join(', ')}`, roles[0]!);
}

/** Throws FORBIDDEN naming the missing role. */
export function requireRole(actor: Actor, role: Role): void {
  if (!hasRole(actor, role)) throw new ForbiddenError(`this needs the ${role} role`, role);
}
