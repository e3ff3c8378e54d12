import path from 'node:path';
import { tmpdir } from 'node:os';

/** Where the end-to-end run's service listens (loopback only), and its working folder. */
export const PORT = Number(process.env.E2E_PORT ?? 4791);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
export const WORK_DIR = path.join(tmpdir(), `egov-cmdb-e2e-${PORT}`);

/** The API keys of the run's people, by name: the key and the roles it carries. */
export const PEOPLE = {
  viewer: ['VIEWER'],
  engineer: ['ENGINEER'],
  engineer2: ['ENGINEER'],
  manager: ['PROBLEM_MANAGER'],
  changeManager: ['CHANGE_MANAGER'],
  admin: ['ADMIN'],
} as const;
export type Person = keyof typeof PEOPLE;

/** The key of a person of the run (made up; only its hash is in the service's key file). */
export const keyOf = (who: Person) => `e2e-${who}-key-0123456789abcdef0123456789`;
