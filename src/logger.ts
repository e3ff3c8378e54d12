import { pino, type DestinationStream, type Logger } from 'pino';

/** Where secrets can stand in what the service logs: headers, tokens, keys, passwords. */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  'neo4j.password',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'headers.cookie',
  '*.headers.cookie',
  'token',
  '*.token',
  'apiKey',
  '*.apiKey',
  'meili.apiKey',
  'jwtSecret',
  '*.jwtSecret',
  'auth.jwtSecret',
  'metricsToken',
  '*.metricsToken',
  'masterKey',
  '*.masterKey',
];

/** Creates the one structured logger; modules take child loggers from it. Secrets are redacted. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'egov-cmdb' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}

export type { Logger };
