import type { Row } from './estate.js';
import { asset, ci, dep, member, pick, rand } from './estate.js';

import { racksByRoom } from './facilities.js';

// ---- Network: e-government extranet (电子政务外网), intranet (内网), internet edge, DC interconnect.
export const net = { ownerId: 'org-team-network', supplierId: 'sup-net' };
export function pair(
  prefix: string,
  name: string,
  ciClass: string,
  manufacturer: string,
  model: string,
  racks: string[],
  extra: Row = {},
): [string, string[]] {
  const members = ['1', '2'].map((n, i) => {
    const id = ci(`${prefix}-${n}`, `${name}-0${n}`, ciClass, {
      ...net,
      criticality: 'CRITICAL',
      ...extra,
      asset: asset(
        manufacturer,
        model,
        2015 + Math.floor(rand() * 6),
        180000 + Math.floor(rand() * 400000),
        5,
        `机柜 ${racks[i % racks.length]!.slice(5)}`,
      ),
      attributes: { mgmtIp: `10.0.${Math.floor(rand() * 250)}.${Math.floor(rand() * 250)}` },
    });
    dep(id, racks[i % racks.length]!, 'LOCATED_IN');
    return id;
  });
  const grp = ci(`grp-${prefix}`, `${name} 双机 HA pair`, 'HAPair', {
    ...net,
    criticality: 'CRITICAL',
    ...extra,
    redundancy: { minMembersUp: 1 },
  });
  member(grp, members);
  return [grp, members];
}
export const netRacks = racksByRoom['room-b']!;
export const [coreExt] = pair(
  'core-ext',
  '外网核心交换机 Extranet core switch',
  'Switch',
  'Huawei',
  'CloudEngine 16808',
  netRacks,
);
export const [coreInt] = pair(
  'core-int',
  '内网核心交换机 Intranet core switch',
  'Switch',
  'H3C',
  'S12508X-AF',
  netRacks.slice(2),
);
export const [aggExt, aggExtMembers] = pair(
  'agg-ext-a',
  '外网汇聚交换机(A区) Extranet aggregation',
  'Switch',
  'Huawei',
  'CloudEngine 8850',
  netRacks.slice(4),
);
export const [aggInt, aggIntMembers] = pair(
  'agg-int-a',
  '内网汇聚交换机(A区) Intranet aggregation',
  'Switch',
  'H3C',
  'S6850-56HF',
  netRacks.slice(6),
);
aggExtMembers.forEach((m) => dep(m, coreExt, 'CONNECTS_TO'));
aggIntMembers.forEach((m) => dep(m, coreInt, 'CONNECTS_TO'));
export const [fwInternet, fwInternetMembers] = pair(
  'fw-internet',
  '互联网边界防火墙 Internet firewall',
  'Firewall',
  'Hillstone',
  'SG-6000-X9180',
  netRacks,
  { supplierId: 'sup-sec' },
);
export const [fwExt, fwExtMembers] = pair(
  'fw-ext',
  '政务外网边界防火墙 Extranet firewall',
  'Firewall',
  'Huawei',
  'USG12004',
  netRacks.slice(1),
  { supplierId: 'sup-sec' },
);
export const [fwInt, fwIntMembers] = pair(
  'fw-int',
  '政务内网边界防火墙 Intranet firewall',
  'Firewall',
  'Topsec',
  'NGFW4000-UF',
  netRacks.slice(3),
  { supplierId: 'sup-sec' },
);
export const [lbPortal, lbPortalMembers] = pair(
  'lb-portal',
  '门户负载均衡 Portal load balancer',
  'LoadBalancer',
  'F5',
  'BIG-IP i7800',
  netRacks.slice(4),
);
export const [lbApp, lbAppMembers] = pair(
  'lb-app',
  '应用负载均衡 Application load balancer',
  'LoadBalancer',
  'Sangfor',
  'AD-1000-M2100',
  netRacks.slice(5),
);
fwExtMembers.forEach((m) => dep(m, coreExt, 'CONNECTS_TO'));
fwIntMembers.forEach((m) => dep(m, coreInt, 'CONNECTS_TO'));
[...lbPortalMembers, ...lbAppMembers].forEach((m) => dep(m, coreExt, 'CONNECTS_TO'));
export const waf = ci('waf-portal', '门户Web应用防火墙 Portal WAF', 'WebApplicationFirewall', {
  ...net,
  supplierId: 'sup-sec',
  criticality: 'HIGH',
  asset: asset('Qi-AnXin', 'WAF-3000', 2019, 260000, 3, '机柜 B02'),
});
dep(waf, fwInternet, 'CONNECTS_TO');
dep(lbPortal, waf, 'CONNECTS_TO');
export const ips = ci('ips-internet', '互联网入侵防御 Internet IPS', 'IntrusionPrevention', {
  ...net,
  supplierId: 'sup-sec',
  criticality: 'HIGH',
  asset: asset('Qi-AnXin', 'IPS-5000', 2017, 240000, 3, '机柜 B01'),
});
dep(ips, fwInternet, 'CONNECTS_TO');
export const links = [
  ci('link-telecom', '中国电信互联网专线 1Gbps Internet link (Telecom)', 'NetworkLink', {
    ownerId: 'org-team-network',
    supplierId: 'sup-telecom',
    criticality: 'HIGH',
    attributes: { bandwidthMbps: 1000 },
  }),
  ci('link-unicom', '中国联通互联网专线 1Gbps Internet link (Unicom)', 'NetworkLink', {
    ownerId: 'org-team-network',
    supplierId: 'sup-unicom',
    criticality: 'HIGH',
    attributes: { bandwidthMbps: 1000 },
  }),
];
export const rtr = links.map((l, i) => {
  const id = ci(`rtr-internet-${i + 1}`, `互联网出口路由器-0${i + 1} Internet router`, 'Router', {
    ...net,
    criticality: 'CRITICAL',
    asset: asset('Huawei', 'NetEngine 8000 M8', 2018, 420000, 5, `机柜 B0${i + 1}`),
  });
  dep(id, l, 'CONNECTS_TO');
  dep(id, netRacks[i]!, 'LOCATED_IN');
  return id;
});
export const internetEdge = ci(
  'grp-internet-edge',
  '双运营商互联网出口 Dual-carrier internet edge',
  'ResourcePool',
  { ...net, criticality: 'CRITICAL', redundancy: { minMembersUp: 1 } },
);
member(internetEdge, rtr);
fwInternetMembers.forEach((m) => dep(m, internetEdge, 'CONNECTS_TO'));
export const extranetLink = ci(
  'link-extranet-province',
  '省电子政务外网专线 Provincial extranet circuit',
  'NetworkLink',
  { ownerId: 'org-team-network', supplierId: 'sup-telecom', criticality: 'CRITICAL' },
);
dep(fwExt, extranetLink, 'CONNECTS_TO');
export const drLinks = ['1', '2'].map((n) =>
  ci(`link-dr-fiber-${n}`, `主备中心裸光纤-${n} DC interconnect fibre ${n}`, 'NetworkLink', {
    ownerId: 'org-team-network',
    supplierId: pick(['sup-telecom', 'sup-unicom']),
    criticality: 'HIGH',
  }),
);
export const drInterconnect = ci(
  'grp-dr-interconnect',
  '主备中心互联(双光纤) DC interconnect',
  'ResourcePool',
  { ...net, criticality: 'HIGH', redundancy: { minMembersUp: 1 } },
);
member(drInterconnect, drLinks);
export const vpn = ci('vpn-gw', 'SSL VPN网关 SSL VPN gateway', 'Firewall', {
  ...net,
  supplierId: 'sup-sangfor',
  criticality: 'HIGH',
  asset: asset('Sangfor', 'VPN-1000-B1500', 2016, 150000, 3, '机柜 B03'),
  tags: ['VPN'],
});
dep(vpn, fwInternet, 'CONNECTS_TO');

// Access (top-of-rack) switches in every server rack, dual-homed to the aggregation pair.
export const tor: Record<string, string> = {};
for (const rack of [...racksByRoom['room-a']!, ...racksByRoom['room-dr']!]) {
  const code = rack.slice(5);
  const id = ci(`acc-${code}`, `接入交换机 ${code} Access switch`, 'Switch', {
    ...net,
    environment: code.startsWith('DR') ? 'DISASTER_RECOVERY' : 'PRODUCTION',
    asset: asset(
      pick(['Huawei', 'H3C']),
      pick(['CE6881-48S6CQ', 'S6520X-54QC-EI']),
      2014 + Math.floor(rand() * 8),
      68000,
      3,
      `机柜 ${code}`,
    ),
  });
  dep(id, rack, 'LOCATED_IN');
  dep(id, code.startsWith('DR') ? drInterconnect : rand() < 0.5 ? aggExt : aggInt, 'CONNECTS_TO');
  tor[rack] = id;
}
