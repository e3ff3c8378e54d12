import { cis, deps } from './estate.js';

// ---- IP addresses, assigned once the estate is built (so that nothing above draws differently).
// The plan of a city data centre: out-of-band management 10.0.0.0/16 (network devices keep the
// mgmtIp drawn above); the e-government extranet (电子政务外网) segment 59.255.0.0/16; the
// intranet (内网) 172.20.0.0/16; the DR site 10.128.0.0/16; the internet edge's public addresses
// from documentation ranges (203.0.113.0/24 and the IPv6 2001:db8::/32).
export const IP_CLASSES = new Set([
  'Switch',
  'Router',
  'Firewall',
  'LoadBalancer',
  'WebApplicationFirewall',
  'IntrusionPrevention',
  'PhysicalServer',
  'Hypervisor',
  'VirtualMachine',
  'Storage',
]);
export const hostOf = new Map(
  deps.filter((d) => d.kind === 'RUNS_ON').map((d) => [d.fromId, d.toId]),
);
export const zoneOf = (id: string): string => {
  const where = `${id} ${String(hostOf.get(id) ?? '')}`;
  if (/internet|waf|ips/.test(where)) return 'edge';
  if (/(^|-)dr(-|$)/.test(where)) return 'dr';
  if (/(^|-)int(-|$)/.test(where)) return 'int';
  return 'ext';
};
export const nextHost: Record<string, number> = { mgmt: 0, ext: 0, int: 0, dr: 0, edge: 0 };
export const address = (zone: string): string => {
  const n = (nextHost[zone]! += 1);
  // Management addresses drawn above stay below 10.0.250.0; the ones given here start there.
  const [a, b, c] = (
    {
      mgmt: [10, 0, 250],
      ext: [59, 255, 10],
      int: [172, 20, 10],
      dr: [10, 128, 10],
      edge: [203, 0, 0],
    } as Record<string, [number, number, number]>
  )[zone]!;
  return zone === 'edge'
    ? `203.0.113.${n + 10}`
    : `${a}.${b}.${c + Math.floor(n / 250)}.${(n % 250) + 1}`;
};
for (const c of cis) {
  if (!IP_CLASSES.has(String(c.ciClass))) continue;
  const id = String(c.id);
  const mgmt = (c.attributes as { mgmtIp?: string } | undefined)?.mgmtIp ?? address('mgmt');
  const zone = zoneOf(id);
  const isHost = ['PhysicalServer', 'Hypervisor', 'VirtualMachine', 'Storage'].includes(
    String(c.ciClass),
  );
  const service = isHost ? [address(zone)] : [];
  const edge =
    zone === 'edge' ? [address('edge'), `2001:db8:10::${nextHost.edge!.toString(16)}`] : [];
  c.ipAddresses = [mgmt, ...service, ...edge];
}
