import { BadUserInputError } from '../../errors.js';
import { canonicalIp } from './validation.js';

/** The CI filters served by the keyword index ci_identifiers. */
export interface IdentifierFilter {
  assetTag?: string | null;
  serialNumber?: string | null;
  ipAddress?: string | null;
  identifier?: string | null;
}

/** One exact term of the keyword index, quoted for Lucene's query parser. */
const term = (kind: string, value: string) => `"${kind}:${value.replace(/["\\]/g, '\\$&')}"`;

/**
 * The Lucene query over ci_identifiers (see cypher/cmdb/ci-identifiers.cypher) that the lookup
 * filters amount to, each required; null when none is given. `identifier` matches the id, asset
 * tag, serial number or an IP address exactly, or the name in any case. A malformed `ipAddress`
 * is BAD_USER_INPUT; in `identifier` a value that is no address simply matches no address.
 */
export function identifierLookup(f: IdentifierFilter): string | null {
  const required: string[] = [];
  if (f.assetTag) required.push(term('tag', f.assetTag));
  if (f.serialNumber) required.push(term('sn', f.serialNumber));
  if (f.ipAddress) {
    const ip = canonicalIp(f.ipAddress);
    if (ip === null)
      throw new BadUserInputError(
        `ipAddress ${JSON.stringify(f.ipAddress)} is not an IPv4 or IPv6 address`,
        'ipAddress',
      );
    required.push(term('ip', ip));
  }
  if (f.identifier) {
    const v = f.identifier.trim();
    const ip = canonicalIp(v);
    const any = [
      term('id', v),
      term('tag', v),
      term('sn', v),
      term('name', v.toLowerCase()),
      ...(ip ? [term('ip', ip)] : []),
    ];
    required.push(`(${any.join(' OR ')})`);
  }
  return required.length === 0 ? null : required.map((r) => `+${r}`).join(' ');
}
