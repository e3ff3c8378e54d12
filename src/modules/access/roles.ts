import type { Actor } from '../../context.js';
import { ForbiddenError } from '../../errors.js';

/** The roles of API.md's Access section. */
export type Role = 'VIEWER' | 'ENGINEER' | 'PROBLEM_MANAGER' | 'CMDB_ADMIN' | 'ADMIN';
export const ROLES: readonly Role[] = [
  'VIEWER',
  'ENGINEER',
  'PROBLEM_MANAGER',
  'CMDB_ADMIN',
  'ADMIN',
];

/** What each role grants besides itself: duties stay separate (a CMDB_ADMIN is no PROBLEM_MANAGER). */
const IMPLIES: Record<Role, Role[]> = {
  VIEWER: [],
  ENGINEER: ['VIEWER'],
  PROBLEM_MANAGER: ['ENGINEER', 'VIEWER'],
  CMDB_ADMIN: ['VIEWER'],
  ADMIN: ['VIEWER', 'ENGINEER', 'PROBLEM_MANAGER', 'CMDB_ADMIN'],
};

/** True when the actor holds the role directly or through a role that implies it. */
export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.some((r) => r === role || (IMPLIES[r as Role] ?? []).includes(role));
}

/** Throws FORBIDDEN naming the missing role. */
export function requireRole(actor: Actor, role: Role): void {
  if (!hasRole(actor, role)) throw new ForbiddenError(`this needs the ${role} role`, role);
}
