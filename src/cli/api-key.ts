import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hashApiKey } from '../http/auth.js';
import { ROLES, type Role } from '../modules/access/roles.js';

/**
 * `npm run api-key -- --id NAME --roles ROLE[,ROLE] [--file FILE]`: creates an API key, prints it
 * once, and adds only its hash to the key file (API_KEYS_FILE, default .data/api-keys.json).
 */
const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const id = arg('id');
const roles = (arg('roles') ?? '').split(',').filter(Boolean);
const file = arg('file') ?? process.env.API_KEYS_FILE ?? '.data/api-keys.json';
if (
  !id ||
  !/^[\w.@-]{1,100}$/.test(id) ||
  roles.length === 0 ||
  roles.some((r) => !ROLES.includes(r as Role))
) {
  console.error(`usage: npm run api-key -- --id NAME --roles ${ROLES.join('|')}[,…] [--file FILE]`);
  process.exit(64);
}
const entries = existsSync(file)
  ? (JSON.parse(readFileSync(file, 'utf8')) as { id: string }[])
  : [];
if (entries.some((e) => e.id === id)) {
  console.error(`${file} already has a key for ${id}; remove it first to replace it`);
  process.exit(65);
}
const key = `egk_${randomBytes(32).toString('base64url')}`;
entries.push({ id, hash: hashApiKey(key), roles } as never);
writeFileSync(file, `${JSON.stringify(entries, null, 2)}\n`, { mode: 0o600 });
console.log(key);
console.error(`added ${id} (${roles.join(', ')}) to ${file}; the key above is shown only once`);
