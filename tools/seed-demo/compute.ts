import type { Row } from './estate.js';
import { asset, ci, dep, member, pad, pick, rand } from './estate.js';

import { racksByRoom } from './facilities.js';
import { tor } from './network.js';

// ---- Storage and compute: SAN arrays, hypervisor clusters of physical hosts spread over racks.
export const sys = { ownerId: 'org-team-system', supplierId: 'sup-prime' };
export const roomARacks = racksByRoom['room-a']!;
export function host(id: string, name: string, rack: string, env = 'PRODUCTION', extra: Row = {}) {
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
export const sanExt = ci('san-ext-01', '外网云存储 OceanStor SAN (extranet cloud)', 'Storage', {
  ...sys,
  supplierId: 'sup-huawei',
  criticality: 'CRITICAL',
  asset: asset('Huawei', 'OceanStor 5500 V5', 2018, 2600000, 5, '机柜 A01'),
});
export const sanInt = ci('san-int-01', '内网云存储 SAN (intranet cloud)', 'Storage', {
  ...sys,
  supplierId: 'sup-inspur',
  criticality: 'CRITICAL',
  asset: asset('Inspur', 'AS5600G2', 2017, 1800000, 5, '机柜 A02'),
});
export const sanDr = ci('san-dr-01', '灾备存储 SAN (DR)', 'Storage', {
  ...sys,
  environment: 'DISASTER_RECOVERY',
  supplierId: 'sup-huawei',
  asset: asset('Huawei', 'OceanStor 5300 V5', 2019, 1200000, 5, '机柜 DR01'),
});
dep(sanExt, 'rack-A01', 'LOCATED_IN');
dep(sanInt, 'rack-A02', 'LOCATED_IN');
dep(sanDr, 'rack-DR01', 'LOCATED_IN');
dep(sanDr, sanExt, 'DEPENDS_ON', 'SOFT');

export function cluster(
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
export const clExt = cluster(
  'cl-ext',
  '外网云平台集群 Extranet cloud cluster',
  10,
  7,
  roomARacks.slice(2, 12),
  sanExt,
);
export const clInt = cluster(
  'cl-int',
  '内网云平台集群 Intranet cloud cluster',
  8,
  5,
  roomARacks.slice(12, 20),
  sanInt,
  'PRODUCTION',
  'sup-huawei',
);
export const clDr = cluster(
  'cl-dr',
  '灾备云平台集群 DR cloud cluster',
  4,
  2,
  racksByRoom['room-dr']!,
  sanDr,
  'DISASTER_RECOVERY',
);

export function vm(id: string, name: string, clusterId: string, extra: Row = {}) {
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
export function pool(id: string, name: string, members: string[], k: number, extra: Row = {}) {
  ci(id, name, 'ResourcePool', {
    ...sys,
    criticality: 'HIGH',
    redundancy: { minMembersUp: k },
    ...extra,
  });
  member(id, members);
  return id;
}
export function vms(prefix: string, label: string, n: number, clusterId: string, extra: Row = {}) {
  return Array.from({ length: n }, (_, i) =>
    vm(`${prefix}-${pad(i + 1)}`, `${label}-${pad(i + 1)}`, clusterId, extra),
  );
}

// ---- Databases and middleware.
export const appOps = { ownerId: 'org-team-app', supplierId: 'sup-prime' };
export function dbPair(
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
export const dbSocial = dbPair(
  'db-ss-oracle',
  '社保核心库 Oracle RAC (social security)',
  'Oracle Database 19c RAC',
  'sup-oracle',
  null,
  ['rack-A03', 'rack-A04'],
);
export const dbHpf = dbPair(
  'db-hpf-oracle',
  '公积金核心库 Oracle (housing fund)',
  'Oracle Database 12c',
  'sup-oracle',
  null,
  ['rack-A05', 'rack-A06'],
);
export const dbPortal = dbPair(
  'db-portal-mysql',
  '门户数据库 MySQL (portal)',
  'MySQL 8.0 主从',
  'sup-prime',
  clExt,
);
export const dbOa = dbPair('db-oa-dm', 'OA数据库 达梦DM8 (OA)', 'DM8', 'sup-dameng', clInt);
export const dbRealEstate = dbPair(
  'db-re-kingbase',
  '不动产登记库 KingbaseES (real estate)',
  'KingbaseES V8',
  'sup-kingbase',
  clInt,
);
export const dbExchange = dbPair(
  'db-exchange-dm',
  '共享交换库 达梦DM8 (data exchange)',
  'DM8',
  'sup-dameng',
  clExt,
);
export const dbMail = dbPair('db-mail', '邮件数据库 (mail)', 'PostgreSQL 14', 'sup-prime', clInt);
export const dbGov = dbPair(
  'db-gov-services',
  '一网通办数据库 (online services)',
  'DM8',
  'sup-dameng',
  clExt,
);
export const redis = pool(
  'grp-redis-portal',
  '门户缓存 Redis 哨兵组 Redis sentinel',
  vms('vm-redis-portal', '门户Redis', 3, clExt),
  2,
);
export const kafka = pool(
  'grp-kafka-exchange',
  '交换平台消息队列 Kafka cluster',
  vms('vm-kafka', '交换Kafka', 3, clExt),
  2,
);
export const mwTong = (id: string, name: string, target: string) => {
  ci(id, name, 'Middleware', {
    ...appOps,
    supplierId: 'sup-tongtech',
    attributes: { product: 'TongWeb 7.0' },
  });
  dep(id, target, 'RUNS_ON');
  return id;
};
