import { identifierLookup } from './identifier-lookup.js';

describe('identifierLookup', () => {
  it('is null without a lookup filter', () => {
    expect(identifierLookup({})).toBeNull();
  });

  it('requires every given filter, with IPs canonical and quotes escaped', () => {
    expect(identifierLookup({ assetTag: 'ZC-"1"', ipAddress: '2001:DB8:0::1' })).toBe(
      '+"tag:ZC-\\"1\\"" +"ip:2001:db8::1"',
    );
  });

  it('matches an identifier as id, tag, serial, name in any case, and as an address when it is one', () => {
    expect(identifierLookup({ identifier: ' 10.1.2.3 ' })).toBe(
      '+("id:10.1.2.3" OR "tag:10.1.2.3" OR "sn:10.1.2.3" OR "name:10.1.2.3" OR "ip:10.1.2.3")',
    );
    expect(identifierLookup({ identifier: 'Core-SW' })).toBe(
      '+("id:Core-SW" OR "tag:Core-SW" OR "sn:Core-SW" OR "name:core-sw")',
    );
  });

  it('refuses a malformed ipAddress filter', () => {
    expect(() => identifierLookup({ ipAddress: '10.1.2' })).toThrow(/not an IPv4 or IPv6/);
  });
});
