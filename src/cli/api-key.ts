import { ApiKeyFile } from '../modules/access/api-keys.js';
import { ROLES, type Role } from '../modules/access/roles.js';
import { runCli } from './runtime.js';

/**
 * `npm run api-key -- --id NAME --roles ROLE[,ROLE] [--expires ISO-8601] [--file FILE]`: creates
 * an API key, prints it once, and adds only its hash to the key file (API_KEYS_FILE, default
 * .data/api-keys.json). A running service reads the file again within a second.
 */
const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const id = arg('id');
const roles = (arg('roles') ?? '').split(',').filter(Boolean);
const file = arg('file') ?? process.env.API_KEYS_FILE ?? '.data/api-keys.json';
if (!id || roles.length === 0 || roles.some((r) => !ROLES.includes(r as Role))) {
  console.error(
    `usage: npm run api-key -- --id NAME --roles ${ROLES.join('|')}[,…] [--expires ISO-8601] [--file FILE]`,
  );
  process.exit(64);
}
runCli(async () => {
  const { key } = new ApiKeyFile(file).create({ id, roles, expires: arg('expires') }, new Date());
  console.log(key);
  console.error(`added ${id} (${roles.join(', ')}) to ${file}; the key above is shown only once`);
});
