import { pino, type Logger } from 'pino';

/** Creates the one structured logger; modules take child loggers from it. Secrets are redacted. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'egov-cmdb' },
    redact: {
      paths: [
        'password',
        '*.password',
        'authorization',
        '*.authorization',
        'headers.authorization',
        'token',
      ],
      censor: '[redacted]',
    },
  });
}

export type { Logger };
