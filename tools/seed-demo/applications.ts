import type { Row } from './estate.js';
import { asset, ci, dep, pad, pick, rand } from './estate.js';
import { departments } from './organisation.js';
import { coreInt, drInterconnect, lbApp, lbPortal, vpn } from './network.js';
import {
  appOps,
  clDr,
  clExt,
  clInt,
  dbExchange,
  dbGov,
  dbHpf,
  dbMail,
  dbOa,
  dbPortal,
  dbRealEstate,
  dbSocial,
  kafka,
  mwTong,
  pool,
  redis,
  sanDr,
  vms,
} from './compute.js';

// ---- Applications: each on a pool of VMs behind a load balancer, with its database.
export function app(
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
export const appPortalZh = app(
  'app-portal-zh',
  '政府门户网站(中文版) Portal (Chinese)',
  4,
  2,
  clExt,
  [[dbPortal], [lbPortal], [redis, 'SOFT']],
  { criticality: 'CRITICAL' },
);
export const appPortalEn = app(
  'app-portal-en',
  'Government portal (English) 门户英文版',
  2,
  1,
  clExt,
  [[dbPortal], [lbPortal]],
);
export const appPortalJa = app('app-portal-ja', '政府ポータル (日本語) 门户日文版', 2, 1, clExt, [
  [dbPortal],
  [lbPortal],
]);
export const appCms = app('app-cms', '门户内容管理系统 Portal CMS', 2, 1, clExt, [[dbPortal]]);
export const appOa = app('app-oa', '协同办公系统 OA (Seeyon)', 4, 2, clInt, [[dbOa], [lbApp]], {
  supplierId: 'sup-seeyon',
  criticality: 'CRITICAL',
});
export const appMail = app('app-mail', '政务邮件系统 Government mail', 3, 2, clInt, [[dbMail]]);
export const appSs = app(
  'app-ss-card',
  '社会保障卡业务系统 Social security card system',
  4,
  2,
  clExt,
  [[dbSocial], [lbApp]],
  { supplierId: 'sup-app', criticality: 'CRITICAL' },
);
export const appRe = app(
  'app-real-estate',
  '不动产登记系统 Real-estate registration',
  3,
  2,
  clInt,
  [[dbRealEstate], [lbApp]],
  { criticality: 'CRITICAL' },
);
export const appHpf = app(
  'app-hpf',
  '住房公积金管理系统 Housing provident fund',
  3,
  2,
  clExt,
  [[dbHpf], [lbApp]],
  { criticality: 'CRITICAL' },
);
export const appExchange = app(
  'app-exchange',
  '数据共享交换平台 Data sharing & exchange',
  4,
  2,
  clExt,
  [[dbExchange], [kafka]],
  { criticality: 'CRITICAL' },
);
export const appGov = app(
  'app-gov-services',
  '一网通办网上办事大厅 Online government services',
  4,
  2,
  clExt,
  [[dbGov], [lbPortal], [appExchange, 'SOFT']],
  { criticality: 'CRITICAL' },
);
export const appHotline = app('app-12345', '12345政务服务热线系统 12345 hotline', 2, 1, clExt, [
  [dbGov],
  [appExchange, 'SOFT'],
]);
export const appLicense = app(
  'app-e-license',
  '电子证照库 Electronic licence library',
  2,
  1,
  clExt,
  [[dbExchange]],
);
export const appOpenData = app('app-open-data', '公共数据开放平台 Open data portal', 2, 1, clExt, [
  [dbExchange],
  [lbPortal],
]);
export const appVideo = app('app-video', '视频会议系统 Video conferencing (MCU)', 2, 1, clInt, [], {
  supplierId: 'sup-huawei',
});
export const appSecMon = app(
  'app-sec-monitor',
  '安全态势感知平台 Security situational awareness',
  2,
  1,
  clInt,
  [],
  { supplierId: 'sup-qianxin', ownerId: 'org-team-security' },
);
export const appBackup = app('app-backup', '备份系统 Backup (NBU)', 2, 1, clDr, [], {
  ownerId: 'org-team-system',
});
dep(appBackup, sanDr, 'DEPENDS_ON');
dep(appBackup, drInterconnect, 'DEPENDS_ON');
export const appCa = app('app-ca', '数字证书认证服务 Certificate authority (CA)', 2, 1, clInt, [], {
  supplierId: 'sup-cfca',
  ownerId: 'org-team-security',
});
dep(appGov, appCa, 'DEPENDS_ON', 'SOFT');
dep(appOa, appCa, 'DEPENDS_ON', 'SOFT');

// Certificates that applications present (expiry is a classic known error).
export const certs: [string, string, string, string][] = [
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
