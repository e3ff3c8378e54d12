/** What each role grants besides itself (src/modules/access/roles.ts): offers only what may be done. */
const IMPLIES: Record<string, string[]> = {
  ENGINEER: ['VIEWER'],
  PROBLEM_MANAGER: ['ENGINEER', 'VIEWER'],
  CMDB_ADMIN: ['VIEWER'],
  CHANGE_MANAGER: ['VIEWER'],
  ADMIN: ['VIEWER', 'ENGINEER', 'PROBLEM_MANAGER', 'CMDB_ADMIN', 'CHANGE_MANAGER'],
};

/** True when these roles hold `role` directly or through one that implies it. */
export const holds = (roles: readonly string[], role: string): boolean =>
  roles.some((r) => r === role || (IMPLIES[r] ?? []).includes(role));
