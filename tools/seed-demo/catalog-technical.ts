import type { Row } from './estate.js';
import { dep, services } from './estate.js';
import { departments } from './organisation.js';
import {
  coreExt,
  coreInt,
  drInterconnect,
  extranetLink,
  fwExt,
  fwInt,
  fwInternet,
  internetEdge,
  ips,
  vpn,
  waf,
} from './network.js';
import {
  clDr,
  clExt,
  clInt,
  dbOa,
  dbPortal,
  dbRealEstate,
  dbSocial,
  sanExt,
  sanInt,
} from './compute.js';
import { appBackup, appCa, appSecMon } from './applications.js';

// ---- The service catalog (服务目录), with SLAs and indicators.
export const sla = (availability: number, hours: string, response: number, resolution: number) => ({
  availabilityTarget: availability,
  supportHours: hours,
  responseMinutes: response,
  resolutionMinutes: resolution,
  indicators: [] as Row[],
});

// The indicators of each catalog category as the practice defines them (监控, 例行维护, 故障修复,
// 内容, 网络接入, 安全): timeliness, accuracy and security, with their direction and period.
const ind = (
  name: string,
  target: number,
  unit: string,
  dimension: string,
  direction = 'AT_LEAST',
  period = 'MONTH',
) => ({ name, target, unit, dimension, direction, period });
const monitoring = [ind('异常报告及时率', 98, '%', 'TIMELINESS')];
const maintenance = [
  ind('维护作业计划的及时完成率', 95, '%', 'TIMELINESS'),
  ind('故障隐患发现率', 90, '%', 'QUALITY', 'AT_LEAST', 'QUARTER'),
  ind('问题解决率', 95, '%', 'QUALITY'),
];
const repair = [
  ind('服务响应及时率', 98, '%', 'TIMELINESS'),
  ind('故障修复及时率', 95, '%', 'TIMELINESS'),
];
export const INDICATORS: Record<string, Row[]> = {
  INFRASTRUCTURE: [...monitoring, ...maintenance, ...repair],
  APPLICATION: [...maintenance, ...repair],
  CONTENT: [ind('检索成功率', 99, '%', 'ACCURACY'), ind('响应及时率', 98, '%', 'TIMELINESS')],
  NETWORK_ACCESS: [
    ind('平均响应时间', 30, 'min', 'TIMELINESS', 'AT_MOST'),
    ind('问题解决率', 95, '%', 'QUALITY'),
  ],
  SECURITY: [
    ind('漏洞扫描覆盖率', 100, '%', 'SECURITY', 'AT_LEAST', 'QUARTER'),
    ind('安全报告呈报及时率', 100, '%', 'TIMELINESS'),
    ind('安全事件次数', 0, '次', 'SECURITY', 'AT_MOST'),
  ],
};
export function service(
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
    sla: s && { ...s, indicators: INDICATORS[category] },
    ...extra,
  });
  for (const [target, strength, kind] of needs)
    dep(id, target, kind ?? 'HOSTED_ON', strength ?? 'HARD');
}
export const allDepts = departments.map(([id]) => id);
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
