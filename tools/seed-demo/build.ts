/**
 * Builds seed/demo-cmdb.json: the demo estate of a municipal e-government data centre (市政务数据中心),
 * in the import format. Deterministic: the same script writes the same file.
 * Run: npx tsx tools/seed-demo/build.ts > seed/demo-cmdb.json
 */
type Row = Record<string, unknown>;
const orgUnits: Row[] = [];
const suppliers: Row[] = [];
const cis: Row[] = [];
const services: Row[] = [];
const deps: Row[] = [];

let seed = 20261124;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)]!;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

const dep = (fromId: string, toId: string, kind = 'DEPENDS_ON', strength = 'HARD') =>
  deps.push({ fromId, toId, kind, strength });
const member = (groupId: string, ids: string[]) => ids.forEach((id) => dep(groupId, id, 'MEMBER'));

function asset(
  manufacturer: string,
  model: string,
  year: number,
  value: number,
  warrantyYears: number,
  location: string,
): Row {
  const month = 1 + Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  return {
    assetTag: `ZWSJ-${year}-${pad(Math.floor(rand() * 100000), 5)}`,
    serialNumber: `${manufacturer.slice(0, 2).toUpperCase()}${year}${pad(Math.floor(rand() * 1e7), 7)}`,
    manufacturer,
    model,
    purchaseDate: `${year}-${pad(month)}-${pad(day)}`,
    originalValue: value,
    currency: 'CNY',
    warrantyExpiry: `${year + warrantyYears}-${pad(month)}-${pad(day)}`,
    location,
  };
}

function ci(id: string, name: string, ciClass: string, extra: Row = {}): string {
  cis.push({
    id,
    name,
    ciClass,
    status: 'ACTIVE',
    environment: 'PRODUCTION',
    criticality: 'MEDIUM',
    ...extra,
  });
  return id;
}

// ---- Org units: the big-data centre's teams, the service desk, consuming departments (委办局).
const org = (id: string, name: string, kind: string, parentId?: string) =>
  orgUnits.push({ id, name, kind, ...(parentId ? { parentId } : {}) });
org('org-bdc', '市大数据中心 Municipal Big Data Center', 'TEAM');
org('org-team-facility', '基础设施运维组 Facilities team', 'TEAM', 'org-bdc');
org('org-team-network', '网络运维组 Network team', 'TEAM', 'org-bdc');
org('org-team-system', '系统运维组 Systems team', 'TEAM', 'org-bdc');
org('org-team-app', '应用运维组 Applications team', 'TEAM', 'org-bdc');
org('org-team-security', '安全运维组 Security team', 'TEAM', 'org-bdc');
org('org-service-desk', '运维服务台 Service Desk', 'SERVICE_DESK', 'org-bdc');
const departments: [string, string][] = [
  ['org-gov-office', '市政府办公厅'],
  ['org-drc', '市发展和改革委员会'],
  ['org-hrss', '市人力资源和社会保障局'],
  ['org-housing', '市住房和城乡建设局'],
  ['org-nrp', '市自然资源和规划局'],
  ['org-hpf', '市住房公积金管理中心'],
  ['org-finance', '市财政局'],
  ['org-health', '市卫生健康委员会'],
  ['org-education', '市教育局'],
  ['org-samr', '市市场监督管理局'],
  ['org-gsa', '市政务服务管理局'],
  ['org-civil', '市民政局'],
  ['org-eco', '市生态环境局'],
  ['org-transport', '市交通运输局'],
  ['org-audit', '市审计局'],
  ['org-stats', '市统计局'],
  ['org-medical', '市医疗保障局'],
  ['org-emergency', '市应急管理局'],
  ['org-archives', '市档案馆'],
  ['org-foreign', '市外事办公室'],
  ['org-district-east', '东城区人民政府'],
  ['org-district-west', '西城区人民政府'],
];
departments.forEach(([id, name]) => org(id, name, 'DEPARTMENT'));

// ---- Suppliers: the prime contractor (服务总包方), subcontractors (服务分包方), vendors (原厂).
const sup = (
  id: string,
  name: string,
  role: string,
  contractRef: string | null,
  contractEnd: string | null,
  contact: string,
) => suppliers.push({ id, name, role, contractRef, contractEnd, contact });
sup(
  'sup-prime',
  '华信数字政府运维服务有限公司 (总包)',
  'PRIME_CONTRACTOR',
  'ZFCG-2024-YW-001',
  '2027-06-30',
  '项目经理 王磊 138-0000-1001',
);
sup(
  'sup-net',
  '城联网络技术有限公司 (网络分包)',
  'SUBCONTRACTOR',
  'ZFCG-2024-YW-001-02',
  '2027-06-30',
  '网络组长 陈刚 138-0000-1002',
);
sup(
  'sup-sec',
  '恒安信息安全服务有限公司 (安全分包)',
  'SUBCONTRACTOR',
  'ZFCG-2024-YW-001-03',
  '2027-06-30',
  '安全值班 7x24 400-000-1003',
);
sup(
  'sup-facility',
  '中科动力环境工程有限公司 (机房分包)',
  'SUBCONTRACTOR',
  'ZFCG-2024-YW-001-04',
  '2026-12-31',
  '驻场工程师 刘洋 138-0000-1004',
);
sup(
  'sup-app',
  '东软集团股份有限公司 (社保应用)',
  'SUBCONTRACTOR',
  'ZFCG-2023-SB-017',
  '2026-09-30',
  'support@example-neusoft.cn',
);
const vendors: [string, string][] = [
  ['sup-huawei', '华为技术有限公司'],
  ['sup-h3c', '新华三技术有限公司'],
  ['sup-sangfor', '深信服科技股份有限公司'],
  ['sup-inspur', '浪潮电子信息产业股份有限公司'],
  ['sup-oracle', '甲骨文(中国)软件系统有限公司'],
  ['sup-dameng', '武汉达梦数据库股份有限公司'],
  ['sup-tongtech', '北京东方通科技股份有限公司'],
  ['sup-vmware', 'VMware (Broadcom)'],
  ['sup-f5', 'F5 Networks'],
  ['sup-qianxin', '奇安信科技集团股份有限公司'],
  ['sup-telecom', '中国电信股份有限公司'],
  ['sup-unicom', '中国联合网络通信有限公司'],
  ['sup-seeyon', '北京致远互联软件股份有限公司'],
  ['sup-hikvision', '杭州海康威视数字技术股份有限公司'],
  ['sup-kingbase', '人大金仓'],
  ['sup-cfca', '中国金融认证中心 (CFCA)'],
];
vendors.forEach(([id, name]) => sup(id, name, 'VENDOR', null, null, '原厂技术支持热线'));

// ---- Facilities: two data centres, machine rooms, dual power feeds, cooling, racks.
ci('dc-main', '市政务云数据中心(主中心) Main data centre', 'DataCenter', {
  criticality: 'CRITICAL',
  ownerId: 'org-team-facility',
  supplierId: 'sup-facility',
});
ci('dc-dr', '市政务灾备中心 DR data centre', 'DataCenter', {
  environment: 'DISASTER_RECOVERY',
  criticality: 'HIGH',
  ownerId: 'org-team-facility',
  supplierId: 'sup-facility',
});
const rooms: [string, string, string, number][] = [
  ['room-a', '主机房A(3F) Server room A', 'dc-main', 20],
  ['room-b', '网络机房B(2F) Network room B', 'dc-main', 8],
  ['room-dr', '灾备机房 DR room', 'dc-dr', 6],
];
const racksByRoom: Record<string, string[]> = {};
for (const [roomId, roomName, dcId, rackCount] of rooms) {
  const env = dcId === 'dc-dr' ? 'DISASTER_RECOVERY' : 'PRODUCTION';
  ci(roomId, roomName, 'Room', {
    environment: env,
    criticality: 'CRITICAL',
    ownerId: 'org-team-facility',
    supplierId: 'sup-facility',
  });
  dep(roomId, dcId, 'LOCATED_IN');
  const feeds = ['1', '2'].map((n) =>
    ci(
      `pwr-${roomId}-feed${n}`,
      `${roomName.split(' ')[0]} ${n === '1' ? 'A' : 'B'}路供电(UPS-${n}) Power feed ${n === '1' ? 'A' : 'B'}`,
      'PowerSupply',
      {
        environment: env,
        criticality: 'CRITICAL',
        ownerId: 'org-team-facility',
        supplierId: 'sup-facility',
        asset: asset(
          'Vertiv',
          'Liebert EXL S1 200kVA',
          2016 + Math.floor(rand() * 4),
          860000,
          5,
          roomName,
        ),
      },
    ),
  );
  feeds.forEach((f) => dep(f, roomId, 'LOCATED_IN'));
  const grp = ci(
    `pwrgrp-${roomId}`,
    `${roomName.split(' ')[0]} 双路供电 Dual power feeds`,
    'PowerRedundancyGroup',
    {
      environment: env,
      criticality: 'CRITICAL',
      ownerId: 'org-team-facility',
      supplierId: 'sup-facility',
      redundancy: { minMembersUp: 1 },
    },
  );
  member(grp, feeds);
  const cooling = ['1', '2', '3'].map((n) =>
    ci(`cool-${roomId}-${n}`, `${roomName.split(' ')[0]} 精密空调-${n} CRAC ${n}`, 'CoolingUnit', {
      environment: env,
      ownerId: 'org-team-facility',
      supplierId: 'sup-facility',
      asset: asset(
        'Vertiv',
        'Liebert PEX4 60kW',
        2015 + Math.floor(rand() * 5),
        320000,
        3,
        roomName,
      ),
    }),
  );
  const coolGrp = ci(
    `coolgrp-${roomId}`,
    `${roomName.split(' ')[0]} 精密空调组(N+1) Cooling N+1`,
    'ResourcePool',
    {
      environment: env,
      criticality: 'HIGH',
      ownerId: 'org-team-facility',
      supplierId: 'sup-facility',
      redundancy: { minMembersUp: 2 },
    },
  );
  member(coolGrp, cooling);
  dep(roomId, coolGrp, 'DEPENDS_ON', 'HARD');
  racksByRoom[roomId] = [];
  for (let r = 1; r <= rackCount; r++) {
    const code = `${roomId === 'room-dr' ? 'DR' : roomId.slice(-1).toUpperCase()}${pad(r)}`;
    const rack = ci(`rack-${code}`, `机柜 ${code} Rack ${code}`, 'Rack', {
      environment: env,
      ownerId: 'org-team-facility',
      attributes: { units: 42, powerKw: 6 },
    });
    dep(rack, roomId, 'LOCATED_IN');
    dep(rack, grp, 'DEPENDS_ON');
    racksByRoom[roomId]!.push(rack);
  }
}

// ---- Network: e-government extranet (电子政务外网), intranet (内网), internet edge, DC interconnect.
const net = { ownerId: 'org-team-network', supplierId: 'sup-net' };
function pair(
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
const netRacks = racksByRoom['room-b']!;
const [coreExt] = pair(
  'core-ext',
  '外网核心交换机 Extranet core switch',
  'Switch',
  'Huawei',
  'CloudEngine 16808',
  netRacks,
);
const [coreInt] = pair(
  'core-int',
  '内网核心交换机 Intranet core switch',
  'Switch',
  'H3C',
  'S12508X-AF',
  netRacks.slice(2),
);
const [aggExt, aggExtMembers] = pair(
  'agg-ext-a',
  '外网汇聚交换机(A区) Extranet aggregation',
  'Switch',
  'Huawei',
  'CloudEngine 8850',
  netRacks.slice(4),
);
const [aggInt, aggIntMembers] = pair(
  'agg-int-a',
  '内网汇聚交换机(A区) Intranet aggregation',
  'Switch',
  'H3C',
  'S6850-56HF',
  netRacks.slice(6),
);
aggExtMembers.forEach((m) => dep(m, coreExt, 'CONNECTS_TO'));
aggIntMembers.forEach((m) => dep(m, coreInt, 'CONNECTS_TO'));
const [fwInternet, fwInternetMembers] = pair(
  'fw-internet',
  '互联网边界防火墙 Internet firewall',
  'Firewall',
  'Hillstone',
  'SG-6000-X9180',
  netRacks,
  { supplierId: 'sup-sec' },
);
const [fwExt, fwExtMembers] = pair(
  'fw-ext',
  '政务外网边界防火墙 Extranet firewall',
  'Firewall',
  'Huawei',
  'USG12004',
  netRacks.slice(1),
  { supplierId: 'sup-sec' },
);
const [fwInt, fwIntMembers] = pair(
  'fw-int',
  '政务内网边界防火墙 Intranet firewall',
  'Firewall',
  'Topsec',
  'NGFW4000-UF',
  netRacks.slice(3),
  { supplierId: 'sup-sec' },
);
const [lbPortal, lbPortalMembers] = pair(
  'lb-portal',
  '门户负载均衡 Portal load balancer',
  'LoadBalancer',
  'F5',
  'BIG-IP i7800',
  netRacks.slice(4),
);
const [lbApp, lbAppMembers] = pair(
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
const waf = ci('waf-portal', '门户Web应用防火墙 Portal WAF', 'WebApplicationFirewall', {
  ...net,
  supplierId: 'sup-sec',
  criticality: 'HIGH',
  asset: asset('Qi-AnXin', 'WAF-3000', 2019, 260000, 3, '机柜 B02'),
});
dep(waf, fwInternet, 'CONNECTS_TO');
dep(lbPortal, waf, 'CONNECTS_TO');
const ips = ci('ips-internet', '互联网入侵防御 Internet IPS', 'IntrusionPrevention', {
  ...net,
  supplierId: 'sup-sec',
  criticality: 'HIGH',
  asset: asset('Qi-AnXin', 'IPS-5000', 2017, 240000, 3, '机柜 B01'),
});
dep(ips, fwInternet, 'CONNECTS_TO');
const links = [
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
const rtr = links.map((l, i) => {
  const id = ci(`rtr-internet-${i + 1}`, `互联网出口路由器-0${i + 1} Internet router`, 'Router', {
    ...net,
    criticality: 'CRITICAL',
    asset: asset('Huawei', 'NetEngine 8000 M8', 2018, 420000, 5, `机柜 B0${i + 1}`),
  });
  dep(id, l, 'CONNECTS_TO');
  dep(id, netRacks[i]!, 'LOCATED_IN');
  return id;
});
const internetEdge = ci(
  'grp-internet-edge',
  '双运营商互联网出口 Dual-carrier internet edge',
  'ResourcePool',
  { ...net, criticality: 'CRITICAL', redundancy: { minMembersUp: 1 } },
);
member(internetEdge, rtr);
fwInternetMembers.forEach((m) => dep(m, internetEdge, 'CONNECTS_TO'));
const extranetLink = ci(
  'link-extranet-province',
  '省电子政务外网专线 Provincial extranet circuit',
  'NetworkLink',
  { ownerId: 'org-team-network', supplierId: 'sup-telecom', criticality: 'CRITICAL' },
);
dep(fwExt, extranetLink, 'CONNECTS_TO');
const drLinks = ['1', '2'].map((n) =>
  ci(`link-dr-fiber-${n}`, `主备中心裸光纤-${n} DC interconnect fibre ${n}`, 'NetworkLink', {
    ownerId: 'org-team-network',
    supplierId: pick(['sup-telecom', 'sup-unicom']),
    criticality: 'HIGH',
  }),
);
const drInterconnect = ci(
  'grp-dr-interconnect',
  '主备中心互联(双光纤) DC interconnect',
  'ResourcePool',
  { ...net, criticality: 'HIGH', redundancy: { minMembersUp: 1 } },
);
member(drInterconnect, drLinks);
const vpn = ci('vpn-gw', 'SSL VPN网关 SSL VPN gateway', 'Firewall', {
  ...net,
  supplierId: 'sup-sangfor',
  criticality: 'HIGH',
  asset: asset('Sangfor', 'VPN-1000-B1500', 2016, 150000, 3, '机柜 B03'),
  tags: ['VPN'],
});
dep(vpn, fwInternet, 'CONNECTS_TO');

// Access (top-of-rack) switches in every server rack, dual-homed to the aggregation pair.
const tor: Record<string, string> = {};
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

// ---- Storage and compute: SAN arrays, hypervisor clusters of physical hosts spread over racks.
const sys = { ownerId: 'org-team-system', supplierId: 'sup-prime' };
const roomARacks = racksByRoom['room-a']!;
function host(id: string, name: string, rack: string, env = 'PRODUCTION', extra: Row = {}) {
  ci(id, name, 'PhysicalServer', {
    ...sys,
    environment: env,
    criticality: 'HIGH',
    asset: asset(
      pick(['Inspur', 'Huawei', 'H3C']),
      pick(['NF5280M5', 'FusionServer 2288H V5', 'UniServer R4900 G3']),
      2014 + Math.floor(rand() * 9),
      95000 + Math.floor(rand() * 60000),
      3,
      `机柜 ${rack.slice(5)}`,
    ),
    attributes: { cpuCores: pick([48, 64, 96]), memoryGb: pick([384, 512, 768]) },
    ...extra,
  });
  dep(id, rack, 'LOCATED_IN');
  dep(id, tor[rack]!, 'CONNECTS_TO');
  return id;
}
const sanExt = ci('san-ext-01', '外网云存储 OceanStor SAN (extranet cloud)', 'Storage', {
  ...sys,
  supplierId: 'sup-huawei',
  criticality: 'CRITICAL',
  asset: asset('Huawei', 'OceanStor 5500 V5', 2018, 2600000, 5, '机柜 A01'),
});
const sanInt = ci('san-int-01', '内网云存储 SAN (intranet cloud)', 'Storage', {
  ...sys,
  supplierId: 'sup-inspur',
  criticality: 'CRITICAL',
  asset: asset('Inspur', 'AS5600G2', 2017, 1800000, 5, '机柜 A02'),
});
const sanDr = ci('san-dr-01', '灾备存储 SAN (DR)', 'Storage', {
  ...sys,
  environment: 'DISASTER_RECOVERY',
  supplierId: 'sup-huawei',
  asset: asset('Huawei', 'OceanStor 5300 V5', 2019, 1200000, 5, '机柜 DR01'),
});
dep(sanExt, 'rack-A01', 'LOCATED_IN');
dep(sanInt, 'rack-A02', 'LOCATED_IN');
dep(sanDr, 'rack-DR01', 'LOCATED_IN');
dep(sanDr, sanExt, 'DEPENDS_ON', 'SOFT');

function cluster(
  id: string,
  name: string,
  hosts: number,
  k: number,
  racks: string[],
  san: string,
  env = 'PRODUCTION',
  vendor = 'sup-vmware',
) {
  const members = Array.from({ length: hosts }, (_, i) =>
    host(
      `${id}-esx${pad(i + 1)}`,
      `${name.split(' ')[0]}-主机${pad(i + 1)} host ${i + 1}`,
      racks[i % racks.length]!,
      env,
    ),
  );
  const hv = ci(`hv-${id}`, `${name} 虚拟化平台 hypervisor`, 'Hypervisor', {
    ...sys,
    environment: env,
    supplierId: vendor,
    criticality: 'CRITICAL',
    attributes: {
      product: vendor === 'sup-vmware' ? 'VMware vSphere 7.0U3' : 'Huawei FusionCompute 8.0',
    },
  });
  const grp = ci(id, name, 'Cluster', {
    ...sys,
    environment: env,
    criticality: 'CRITICAL',
    redundancy: { minMembersUp: k },
  });
  member(grp, members);
  dep(grp, hv, 'RUNS_ON');
  dep(grp, san, 'DEPENDS_ON');
  return grp;
}
const clExt = cluster(
  'cl-ext',
  '外网云平台集群 Extranet cloud cluster',
  10,
  7,
  roomARacks.slice(2, 12),
  sanExt,
);
const clInt = cluster(
  'cl-int',
  '内网云平台集群 Intranet cloud cluster',
  8,
  5,
  roomARacks.slice(12, 20),
  sanInt,
  'PRODUCTION',
  'sup-huawei',
);
const clDr = cluster(
  'cl-dr',
  '灾备云平台集群 DR cloud cluster',
  4,
  2,
  racksByRoom['room-dr']!,
  sanDr,
  'DISASTER_RECOVERY',
);

function vm(id: string, name: string, clusterId: string, extra: Row = {}) {
  ci(id, name, 'VirtualMachine', {
    ...sys,
    attributes: {
      os: pick(['麒麟 Kylin V10 SP2', 'UOS 20', 'CentOS 7.9', 'Red Hat Enterprise Linux 8.6']),
      vcpu: pick([4, 8, 16]),
      memoryGb: pick([8, 16, 32, 64]),
    },
    ...extra,
  });
  dep(id, clusterId, 'RUNS_ON');
  return id;
}
function pool(id: string, name: string, members: string[], k: number, extra: Row = {}) {
  ci(id, name, 'ResourcePool', {
    ...sys,
    criticality: 'HIGH',
    redundancy: { minMembersUp: k },
    ...extra,
  });
  member(id, members);
  return id;
}
function vms(prefix: string, label: string, n: number, clusterId: string, extra: Row = {}) {
  return Array.from({ length: n }, (_, i) =>
    vm(`${prefix}-${pad(i + 1)}`, `${label}-${pad(i + 1)}`, clusterId, extra),
  );
}

// ---- Databases and middleware.
const appOps = { ownerId: 'org-team-app', supplierId: 'sup-prime' };
function dbPair(
  id: string,
  name: string,
  product: string,
  vendor: string,
  clusterId: string | null,
  physicalRacks?: string[],
) {
  const nodes = physicalRacks
    ? physicalRacks.map((r, i) =>
        host(
          `${id}-node${i + 1}`,
          `${name.split(' ')[0]}-节点${i + 1} node ${i + 1}`,
          r,
          'PRODUCTION',
          { criticality: 'CRITICAL' },
        ),
      )
    : vms(`vm-${id}`, `${name.split(' ')[0]}虚机 VM`, 2, clusterId!);
  const grp = pool(`grp-${id}`, `${name} 集群/主备 HA`, nodes, 1, { criticality: 'CRITICAL' });
  const db = ci(id, name, 'Database', {
    ...appOps,
    supplierId: vendor,
    criticality: 'CRITICAL',
    attributes: { product },
  });
  dep(db, grp, 'RUNS_ON');
  return db;
}
const dbSocial = dbPair(
  'db-ss-oracle',
  '社保核心库 Oracle RAC (social security)',
  'Oracle Database 19c RAC',
  'sup-oracle',
  null,
  ['rack-A03', 'rack-A04'],
);
const dbHpf = dbPair(
  'db-hpf-oracle',
  '公积金核心库 Oracle (housing fund)',
  'Oracle Database 12c',
  'sup-oracle',
  null,
  ['rack-A05', 'rack-A06'],
);
const dbPortal = dbPair(
  'db-portal-mysql',
  '门户数据库 MySQL (portal)',
  'MySQL 8.0 主从',
  'sup-prime',
  clExt,
);
const dbOa = dbPair('db-oa-dm', 'OA数据库 达梦DM8 (OA)', 'DM8', 'sup-dameng', clInt);
const dbRealEstate = dbPair(
  'db-re-kingbase',
  '不动产登记库 KingbaseES (real estate)',
  'KingbaseES V8',
  'sup-kingbase',
  clInt,
);
const dbExchange = dbPair(
  'db-exchange-dm',
  '共享交换库 达梦DM8 (data exchange)',
  'DM8',
  'sup-dameng',
  clExt,
);
const dbMail = dbPair('db-mail', '邮件数据库 (mail)', 'PostgreSQL 14', 'sup-prime', clInt);
const dbGov = dbPair(
  'db-gov-services',
  '一网通办数据库 (online services)',
  'DM8',
  'sup-dameng',
  clExt,
);
const redis = pool(
  'grp-redis-portal',
  '门户缓存 Redis 哨兵组 Redis sentinel',
  vms('vm-redis-portal', '门户Redis', 3, clExt),
  2,
);
const kafka = pool(
  'grp-kafka-exchange',
  '交换平台消息队列 Kafka cluster',
  vms('vm-kafka', '交换Kafka', 3, clExt),
  2,
);
const mwTong = (id: string, name: string, target: string) => {
  ci(id, name, 'Middleware', {
    ...appOps,
    supplierId: 'sup-tongtech',
    attributes: { product: 'TongWeb 7.0' },
  });
  dep(id, target, 'RUNS_ON');
  return id;
};

// ---- Applications: each on a pool of VMs behind a load balancer, with its database.
function app(
  id: string,
  name: string,
  webVms: number,
  k: number,
  clusterId: string,
  needs: [string, string?][],
  extra: Row = {},
) {
  const web = vms(
    `vm-${id.replace(/^app-/, '')}`,
    `${name.split(' ')[0]} 应用服务器`,
    webVms,
    clusterId,
  );
  const p = pool(
    `pool-${id.replace(/^app-/, '')}`,
    `${name.split(' ')[0]} 应用服务器池 app pool`,
    web,
    k,
  );
  const mw = mwTong(`mw-${id.replace(/^app-/, '')}`, `${name.split(' ')[0]} 中间件 TongWeb`, p);
  ci(id, name, 'Application', { ...appOps, criticality: 'HIGH', ...extra });
  dep(id, mw, 'RUNS_ON');
  for (const [target, strength] of needs) dep(id, target, 'DEPENDS_ON', strength ?? 'HARD');
  return id;
}
const appPortalZh = app(
  'app-portal-zh',
  '政府门户网站(中文版) Portal (Chinese)',
  4,
  2,
  clExt,
  [[dbPortal], [lbPortal], [redis, 'SOFT']],
  { criticality: 'CRITICAL' },
);
const appPortalEn = app('app-portal-en', 'Government portal (English) 门户英文版', 2, 1, clExt, [
  [dbPortal],
  [lbPortal],
]);
const appPortalJa = app('app-portal-ja', '政府ポータル (日本語) 门户日文版', 2, 1, clExt, [
  [dbPortal],
  [lbPortal],
]);
const appCms = app('app-cms', '门户内容管理系统 Portal CMS', 2, 1, clExt, [[dbPortal]]);
const appOa = app('app-oa', '协同办公系统 OA (Seeyon)', 4, 2, clInt, [[dbOa], [lbApp]], {
  supplierId: 'sup-seeyon',
  criticality: 'CRITICAL',
});
const appMail = app('app-mail', '政务邮件系统 Government mail', 3, 2, clInt, [[dbMail]]);
const appSs = app(
  'app-ss-card',
  '社会保障卡业务系统 Social security card system',
  4,
  2,
  clExt,
  [[dbSocial], [lbApp]],
  { supplierId: 'sup-app', criticality: 'CRITICAL' },
);
const appRe = app(
  'app-real-estate',
  '不动产登记系统 Real-estate registration',
  3,
  2,
  clInt,
  [[dbRealEstate], [lbApp]],
  { criticality: 'CRITICAL' },
);
const appHpf = app(
  'app-hpf',
  '住房公积金管理系统 Housing provident fund',
  3,
  2,
  clExt,
  [[dbHpf], [lbApp]],
  { criticality: 'CRITICAL' },
);
const appExchange = app(
  'app-exchange',
  '数据共享交换平台 Data sharing & exchange',
  4,
  2,
  clExt,
  [[dbExchange], [kafka]],
  { criticality: 'CRITICAL' },
);
const appGov = app(
  'app-gov-services',
  '一网通办网上办事大厅 Online government services',
  4,
  2,
  clExt,
  [[dbGov], [lbPortal], [appExchange, 'SOFT']],
  { criticality: 'CRITICAL' },
);
const appHotline = app('app-12345', '12345政务服务热线系统 12345 hotline', 2, 1, clExt, [
  [dbGov],
  [appExchange, 'SOFT'],
]);
const appLicense = app('app-e-license', '电子证照库 Electronic licence library', 2, 1, clExt, [
  [dbExchange],
]);
const appOpenData = app('app-open-data', '公共数据开放平台 Open data portal', 2, 1, clExt, [
  [dbExchange],
  [lbPortal],
]);
const appVideo = app('app-video', '视频会议系统 Video conferencing (MCU)', 2, 1, clInt, [], {
  supplierId: 'sup-huawei',
});
const appSecMon = app(
  'app-sec-monitor',
  '安全态势感知平台 Security situational awareness',
  2,
  1,
  clInt,
  [],
  { supplierId: 'sup-qianxin', ownerId: 'org-team-security' },
);
const appBackup = app('app-backup', '备份系统 Backup (NBU)', 2, 1, clDr, [], {
  ownerId: 'org-team-system',
});
dep(appBackup, sanDr, 'DEPENDS_ON');
dep(appBackup, drInterconnect, 'DEPENDS_ON');
const appCa = app('app-ca', '数字证书认证服务 Certificate authority (CA)', 2, 1, clInt, [], {
  supplierId: 'sup-cfca',
  ownerId: 'org-team-security',
});
dep(appGov, appCa, 'DEPENDS_ON', 'SOFT');
dep(appOa, appCa, 'DEPENDS_ON', 'SOFT');

// Certificates that applications present (expiry is a classic known error).
const certs: [string, string, string, string][] = [
  ['cert-portal', 'www 门户 SSL 证书 (www.example.gov.cn)', appPortalZh, '2026-12-15'],
  ['cert-gov', '一网通办 SSL 证书', appGov, '2027-03-01'],
  ['cert-mail', '邮件系统 SSL 证书', appMail, '2026-11-30'],
  ['cert-vpn', 'VPN 网关证书', vpn, '2027-05-20'],
  ['cert-oa', 'OA SSL 证书', appOa, '2027-08-01'],
];
for (const [id, name, user, expiry] of certs) {
  ci(id, name, 'Certificate', {
    ownerId: 'org-team-security',
    supplierId: 'sup-cfca',
    attributes: { notAfter: expiry, issuer: 'CFCA OV SSL' },
  });
  dep(user, id, 'DEPENDS_ON');
}

// End-user devices: social security card readers and printers in the service hall, video terminals.
for (let i = 1; i <= 24; i++) {
  const id = ci(
    `reader-ss-${pad(i)}`,
    `社保卡读卡器-大厅窗口${pad(i)} Card reader counter ${i}`,
    'CardReader',
    {
      ownerId: 'org-hrss',
      supplierId: 'sup-app',
      criticality: 'LOW',
      attributes: { counter: i, hall: '市民中心一楼' },
      asset: asset(
        'Sunyard',
        'SD-8610',
        2016 + Math.floor(rand() * 6),
        1800,
        2,
        `市民中心一楼 窗口${i}`,
      ),
    },
  );
  dep(id, appSs, 'DEPENDS_ON');
}
for (let i = 1; i <= 16; i++) {
  const dept = departments[(i * 3) % departments.length]!;
  ci(`printer-${pad(i)}`, `网络打印机-${dept[1]}-${pad(i)} Network printer`, 'Printer', {
    ownerId: dept[0],
    supplierId: 'sup-prime',
    criticality: 'LOW',
    asset: asset(
      pick(['HP', 'Lenovo', 'Pantum']),
      pick(['LaserJet M528', 'LJ6700DN', 'BM5100ADN']),
      2015 + Math.floor(rand() * 8),
      6500,
      3,
      `${dept[1]} 办公区`,
    ),
  });
  dep(`printer-${pad(i)}`, coreInt, 'CONNECTS_TO');
}
for (let i = 0; i < 20; i++) {
  const dept = departments[i]!;
  const id = ci(
    `vc-${dept[0].slice(4)}`,
    `视频会议终端-${dept[1]} Video terminal`,
    'VideoTerminal',
    {
      ownerId: dept[0],
      supplierId: 'sup-huawei',
      criticality: 'LOW',
      asset: asset('Huawei', 'TE40', 2015 + Math.floor(rand() * 6), 38000, 3, `${dept[1]} 会议室`),
    },
  );
  dep(id, appVideo, 'DEPENDS_ON');
}

// ---- The service catalog (服务目录), with SLAs and indicators.
const sla = (availability: number, hours: string, response: number, resolution: number) => ({
  availabilityTarget: availability,
  supportHours: hours,
  responseMinutes: response,
  resolutionMinutes: resolution,
  indicators: [
    { name: '故障修复及时率', target: 95, unit: '%' },
    { name: '服务响应及时率', target: 98, unit: '%' },
    { name: '用户满意度', target: 90, unit: '%' },
  ],
});
function service(
  id: string,
  name: string,
  category: string,
  kind: string,
  criticality: string,
  consumers: string[],
  provider: string,
  s: ReturnType<typeof sla> | null,
  needs: [string, string?, string?][],
  extra: Row = {},
) {
  services.push({
    id,
    name,
    category,
    kind,
    status: 'LIVE',
    criticality,
    ownerId: 'org-bdc',
    consumerIds: consumers,
    providerId: provider,
    sla: s,
    ...extra,
  });
  for (const [target, strength, kind] of needs)
    dep(id, target, kind ?? 'HOSTED_ON', strength ?? 'HARD');
}
const allDepts = departments.map(([id]) => id);
// Technical services first: business services depend on them.
service(
  'svc-dc-facility',
  '机房环境保障服务 Data-centre facilities',
  'INFRASTRUCTURE',
  'TECHNICAL',
  'CRITICAL',
  ['org-bdc'],
  'sup-facility',
  sla(99.99, '7x24', 15, 120),
  [['room-a'], ['room-b']],
  { subcategory: '机房基础设施' },
);
service(
  'svc-cloud-ext',
  '政务外网云平台服务 Extranet cloud platform',
  'INFRASTRUCTURE',
  'TECHNICAL',
  'CRITICAL',
  allDepts,
  'sup-prime',
  sla(99.95, '7x24', 15, 240),
  [[clExt]],
  { subcategory: '云计算资源' },
);
service(
  'svc-cloud-int',
  '政务内网云平台服务 Intranet cloud platform',
  'INFRASTRUCTURE',
  'TECHNICAL',
  'CRITICAL',
  allDepts,
  'sup-prime',
  sla(99.95, '7x24', 15, 240),
  [[clInt]],
  { subcategory: '云计算资源' },
);
service(
  'svc-storage-backup',
  '存储与备份服务 Storage and backup',
  'INFRASTRUCTURE',
  'TECHNICAL',
  'HIGH',
  ['org-bdc'],
  'sup-prime',
  sla(99.9, '7x24', 30, 480),
  [[sanExt], [sanInt], [appBackup, 'SOFT']],
  { subcategory: '存储备份' },
);
service(
  'svc-dr',
  '灾备服务 Disaster recovery',
  'INFRASTRUCTURE',
  'TECHNICAL',
  'HIGH',
  ['org-bdc'],
  'sup-prime',
  sla(99.5, '7x24', 30, 720),
  [[clDr], [drInterconnect]],
  { subcategory: '容灾备份' },
);
service(
  'svc-db-platform',
  '数据库平台服务 Database platform',
  'INFRASTRUCTURE',
  'TECHNICAL',
  'CRITICAL',
  ['org-bdc'],
  'sup-prime',
  sla(99.95, '7x24', 15, 240),
  [
    [dbSocial, 'SOFT'],
    [dbOa, 'SOFT'],
    [dbPortal, 'SOFT'],
    [dbRealEstate, 'SOFT'],
  ],
  { subcategory: '数据库' },
);
service(
  'svc-extranet',
  '电子政务外网接入服务 E-government extranet access',
  'NETWORK_ACCESS',
  'BUSINESS',
  'CRITICAL',
  allDepts,
  'sup-net',
  sla(99.9, '7x24', 15, 240),
  [[coreExt], [fwExt], [extranetLink]],
  { subcategory: '政务外网' },
);
service(
  'svc-intranet',
  '电子政务内网接入服务 E-government intranet access',
  'NETWORK_ACCESS',
  'BUSINESS',
  'CRITICAL',
  allDepts,
  'sup-net',
  sla(99.9, '7x24', 15, 240),
  [[coreInt], [fwInt]],
  { subcategory: '政务内网' },
);
service(
  'svc-internet',
  '互联网接入服务 Internet access',
  'NETWORK_ACCESS',
  'TECHNICAL',
  'CRITICAL',
  ['org-bdc'],
  'sup-net',
  sla(99.9, '7x24', 15, 240),
  [[fwInternet], [internetEdge], [ips, 'SOFT']],
  { subcategory: '互联网出口' },
);
service(
  'svc-vpn',
  '远程安全接入服务 Secure remote access (VPN)',
  'NETWORK_ACCESS',
  'BUSINESS',
  'MEDIUM',
  allDepts.slice(0, 12),
  'sup-net',
  sla(99.5, '5x8', 30, 480),
  [[vpn], ['svc-internet', 'HARD', 'DEPENDS_ON'], ['cert-vpn']],
  { subcategory: 'VPN' },
);
service(
  'svc-dc-interconnect',
  '主备中心互联服务 DC interconnect',
  'NETWORK_ACCESS',
  'TECHNICAL',
  'HIGH',
  ['org-bdc'],
  'sup-net',
  sla(99.9, '7x24', 15, 240),
  [[drInterconnect]],
  { subcategory: '数据中心互联' },
);
service(
  'svc-sec-boundary',
  '边界安全防护服务 Boundary protection',
  'SECURITY',
  'TECHNICAL',
  'CRITICAL',
  ['org-bdc'],
  'sup-sec',
  sla(99.9, '7x24', 15, 240),
  [[fwInternet], [fwExt], [fwInt], [waf, 'SOFT'], [ips, 'SOFT']],
  { subcategory: '边界防护' },
);
service(
  'svc-sec-monitor',
  '安全监测与态势感知服务 Security monitoring',
  'SECURITY',
  'TECHNICAL',
  'HIGH',
  ['org-bdc'],
  'sup-sec',
  sla(99.5, '7x24', 15, 240),
  [[appSecMon]],
  { subcategory: '安全监测' },
);
service(
  'svc-ca',
  '数字证书服务 Digital certificates (CA)',
  'SECURITY',
  'BUSINESS',
  'HIGH',
  allDepts,
  'sup-cfca',
  sla(99.9, '7x24', 30, 240),
  [[appCa]],
  { subcategory: '密码与证书' },
);
service(
  'svc-mlps',
  '等级保护测评配合服务 MLPS assessment support',
  'SECURITY',
  'BUSINESS',
  'MEDIUM',
  allDepts,
  'sup-sec',
  sla(99, '5x8', 240, 4320),
  [],
  { subcategory: '等级保护', status: 'PIPELINE' },
);
const onExt: [string, string?, string?][] = [
  ['svc-extranet', 'HARD', 'DEPENDS_ON'],
  ['svc-cloud-ext', 'HARD', 'DEPENDS_ON'],
];
const onInt: [string, string?, string?][] = [
  ['svc-intranet', 'HARD', 'DEPENDS_ON'],
  ['svc-cloud-int', 'HARD', 'DEPENDS_ON'],
];
const publicFacing: [string, string?, string?][] = [
  ['svc-internet', 'HARD', 'DEPENDS_ON'],
  ['svc-cloud-ext', 'HARD', 'DEPENDS_ON'],
];
service(
  'svc-portal',
  '政府门户网站 Government portal (中/EN/日本語)',
  'APPLICATION',
  'BUSINESS',
  'CRITICAL',
  ['org-gov-office', 'org-foreign', 'org-gsa'],
  'sup-prime',
  sla(99.9, '7x24', 15, 240),
  [[appPortalZh], [appPortalEn, 'SOFT'], [appPortalJa, 'SOFT'], ...publicFacing],
  { subcategory: '门户网站' },
);
service(
  'svc-oa',
  '协同办公服务 Office automation (OA)',
  'APPLICATION',
  'BUSINESS',
  'CRITICAL',
  allDepts,
  'sup-prime',
  sla(99.9, '5x8', 15, 240),
  [[appOa], ...onInt],
  { subcategory: '办公系统' },
);
service(
  'svc-mail',
  '政务邮件服务 Government mail',
  'APPLICATION',
  'BUSINESS',
  'HIGH',
  allDepts,
  'sup-prime',
  sla(99.9, '7x24', 30, 240),
  [[appMail], ...onInt, ['cert-mail']],
  { subcategory: '邮件' },
);
service(
  'svc-video',
  '视频会议服务 Video conferencing',
  'APPLICATION',
  'BUSINESS',
  'HIGH',
  allDepts,
  'sup-prime',
  sla(99.5, '5x8', 15, 120),
  [[appVideo], ...onInt],
  { subcategory: '视频会议' },
);
service(
  'svc-ss-card',
  '社会保障卡服务 Social security card service',
  'APPLICATION',
  'BUSINESS',
  'CRITICAL',
  ['org-hrss', 'org-medical', 'org-gsa'],
  'sup-app',
  sla(99.95, '7x24', 10, 120),
  [[appSs], ...onExt],
  { subcategory: '社会保障' },
);
service(
  'svc-real-estate',
  '不动产登记服务 Real-estate registration',
  'APPLICATION',
  'BUSINESS',
  'CRITICAL',
  ['org-nrp', 'org-housing', 'org-gsa', 'org-finance'],
  'sup-prime',
  sla(99.9, '5x8', 15, 240),
  [[appRe], ...onInt],
  { subcategory: '不动产' },
);
service(
  'svc-hpf',
  '住房公积金服务 Housing provident fund',
  'APPLICATION',
  'BUSINESS',
  'CRITICAL',
  ['org-hpf', 'org-housing'],
  'sup-prime',
  sla(99.9, '5x8', 15, 240),
  [[appHpf], ...onExt],
  { subcategory: '公积金' },
);
service(
  'svc-exchange',
  '数据共享交换服务 Data sharing and exchange',
  'APPLICATION',
  'BUSINESS',
  'CRITICAL',
  ['org-drc', 'org-gsa', 'org-hrss', 'org-nrp', 'org-samr', 'org-stats', 'org-civil'],
  'sup-prime',
  sla(99.9, '7x24', 15, 240),
  [[appExchange], ...onExt],
  { subcategory: '数据共享' },
);
service(
  'svc-gov-services',
  '一网通办服务 Online government services',
  'APPLICATION',
  'BUSINESS',
  'CRITICAL',
  ['org-gsa', 'org-samr', 'org-civil', 'org-transport', 'org-district-east', 'org-district-west'],
  'sup-prime',
  sla(99.9, '7x24', 15, 240),
  [[appGov], ...publicFacing, ['svc-exchange', 'SOFT', 'DEPENDS_ON']],
  { subcategory: '政务服务' },
);
service(
  'svc-12345',
  '12345政务服务热线支撑服务 12345 hotline',
  'APPLICATION',
  'BUSINESS',
  'HIGH',
  ['org-gsa', 'org-gov-office'],
  'sup-prime',
  sla(99.9, '7x24', 10, 120),
  [[appHotline], ...onExt],
  { subcategory: '热线' },
);
service(
  'svc-e-license',
  '电子证照服务 Electronic licences',
  'APPLICATION',
  'BUSINESS',
  'HIGH',
  ['org-gsa', 'org-samr', 'org-civil'],
  'sup-prime',
  sla(99.9, '7x24', 15, 240),
  [[appLicense], ...onExt],
  { subcategory: '电子证照' },
);
service(
  'svc-portal-content',
  '门户网站内容发布服务 Portal content publishing',
  'CONTENT',
  'BUSINESS',
  'HIGH',
  ['org-gov-office', 'org-foreign'],
  'sup-prime',
  sla(99.5, '5x8', 30, 480),
  [[appCms], ['svc-portal', 'SOFT', 'DEPENDS_ON']],
  { subcategory: '内容发布' },
);
service(
  'svc-info-disclosure',
  '政府信息公开服务 Government information disclosure',
  'CONTENT',
  'BUSINESS',
  'MEDIUM',
  ['org-gov-office', 'org-archives'],
  'sup-prime',
  sla(99.5, '5x8', 30, 480),
  [
    ['svc-portal', 'HARD', 'DEPENDS_ON'],
    [appCms, 'SOFT'],
  ],
  { subcategory: '信息公开' },
);
service(
  'svc-open-data',
  '公共数据开放服务 Open data',
  'CONTENT',
  'BUSINESS',
  'MEDIUM',
  ['org-drc', 'org-stats'],
  'sup-prime',
  sla(99.5, '5x8', 30, 480),
  [[appOpenData], ...publicFacing],
  { subcategory: '数据开放' },
);

// ---- IP addresses, assigned once the estate is built (so that nothing above draws differently).
// The plan of a city data centre: out-of-band management 10.0.0.0/16 (network devices keep the
// mgmtIp drawn above); the e-government extranet (电子政务外网) segment 59.255.0.0/16; the
// intranet (内网) 172.20.0.0/16; the DR site 10.128.0.0/16; the internet edge's public addresses
// from documentation ranges (203.0.113.0/24 and the IPv6 2001:db8::/32).
const IP_CLASSES = new Set([
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
const hostOf = new Map(deps.filter((d) => d.kind === 'RUNS_ON').map((d) => [d.fromId, d.toId]));
const zoneOf = (id: string): string => {
  const where = `${id} ${String(hostOf.get(id) ?? '')}`;
  if (/internet|waf|ips/.test(where)) return 'edge';
  if (/(^|-)dr(-|$)/.test(where)) return 'dr';
  if (/(^|-)int(-|$)/.test(where)) return 'int';
  return 'ext';
};
const nextHost: Record<string, number> = { mgmt: 0, ext: 0, int: 0, dr: 0, edge: 0 };
const address = (zone: string): string => {
  const n = (nextHost[zone]! += 1);
  // Management addresses drawn above stay below 10.0.250.0; the ones given here start there.
  const [a, b, c] = {
    mgmt: [10, 0, 250],
    ext: [59, 255, 10],
    int: [172, 20, 10],
    dr: [10, 128, 10],
    edge: [203, 0, 0],
  }[zone]!;
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

console.log(
  JSON.stringify(
    { orgUnits, suppliers, configurationItems: cis, services, dependencies: deps },
    null,
    1,
  ),
);
console.error(
  `demo estate: ${orgUnits.length} org units, ${suppliers.length} suppliers, ${cis.length} CIs, ${services.length} services, ${deps.length} dependencies`,
);
