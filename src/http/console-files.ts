import { existsSync, readFileSync, statSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

/**
 * The console's Content-Security-Policy: nothing outside the service's origin. Styles may be
 * inline (the UI kit injects its CSS at run time); images may be data or blob URLs (the impact
 * map's PNG export).
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** The console's client routes: a request for one of them is answered with index.html. */
const CLIENT_ROUTES =
  /^\/(?:$|impact$|catalog$|explorer$|signin$|changes(?:\/.*)?$|reports$|ci\/[^/]+$|services\/[^/]+$|known-errors(?:\/[^/]+)?$)/;

/**
 * Serves the built console (dist/web): hashed files under /assets/ with a year's cache, and
 * index.html (never cached, with the CSP) for every client route. Returns false when the path is
 * not the console's, or when the console was not built.
 */
export function serveConsole(dir: string, pathname: string, res: http.ServerResponse): boolean {
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) return false;
  if (pathname.startsWith('/assets/')) {
    const file = path.resolve(dir, `.${decodeURIComponent(pathname)}`);
    if (!file.startsWith(path.join(dir, 'assets') + path.sep) || !existsSync(file)) return false;
    if (!statSync(file).isFile()) return false;
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'public, max-age=31536000, immutable',
    });
    res.end(readFileSync(file));
    return true;
  }
  if (!CLIENT_ROUTES.test(pathname)) return false;
  res.writeHead(200, {
    'content-type': TYPES['.html']!,
    'cache-control': 'no-cache',
    'content-security-policy': CONSOLE_CSP,
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
  });
  res.end(readFileSync(index));
  return true;
}
