import type http from 'node:http';
import { isIP } from 'node:net';

const bare = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');

/** The addresses a `Forwarded` or `X-Forwarded-For` header lists, nearest client first. */
function forwardedChain(req: http.IncomingMessage): string[] {
  const forwarded = req.headers.forwarded;
  if (typeof forwarded === 'string' && forwarded.trim() !== '') {
    return [...forwarded.matchAll(/for=("?)\[?([^\]";,]+)\]?(?::\d+)?\1/gi)].map((m) => m[2]!);
  }
  const xff = req.headers['x-forwarded-for'];
  const text = Array.isArray(xff) ? xff.join(',') : (xff ?? '');
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The client's address for the audit log and the failed-login limiter. The socket's address,
 * unless it is one of the trusted reverse proxies: then the nearest address in `Forwarded` (or
 * `X-Forwarded-For`) that is not a trusted proxy itself, walking from the proxy back to the
 * client. Headers from anyone else are ignored, so a client cannot name its own address.
 */
export function clientAddressOf(
  req: http.IncomingMessage,
  trustedProxies: ReadonlySet<string>,
): string | null {
  const socket = req.socket.remoteAddress ? bare(req.socket.remoteAddress) : null;
  if (socket === null || !trustedProxies.has(socket)) return socket;
  const chain = forwardedChain(req).map(bare);
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = chain[i]!;
    if (isIP(hop) === 0) return socket;
    if (!trustedProxies.has(hop)) return hop;
  }
  return chain[0] ?? socket;
}
