import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { SERVICE_CATEGORIES } from '../modules/cmdb/models.js';
import { CSV_FILES } from './read-document.js';
import { InterruptedError } from '../progress.js';
import { CliProgress } from './progress.js';

/**
 * `npm run gen -- --cis N [--out DIR]`: writes a layered, realistic synthetic estate of about N CIs
 * (facilities → network → hosts and hypervisor clusters → VMs → databases, middleware and
 * applications → catalog services) as CSV files in the import format, streamed so that any size fits.
 * About five dependencies per CI. Deterministic for a given N.
 */

const args = process.argv.slice(2);
const arg = (name: string, fallback?: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const N = Number(arg('cis'));
if (!Number.isInteger(N) || N < 1000) {
  console.error('usage: npm run gen -- --cis N [--out DIR]   (N ≥ 1000)');
  process.exit(64);
}
const out = path.resolve(arg('out', `bench/data/estate-${N}`)!);
mkdirSync(out, { recursive: true });

let seed = N;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const int = (n: number) => Math.floor(rand() * n);

const COLUMNS = {
  orgUnits: ['id', 'name', 'kind', 'parentId'],
  suppliers: ['id', 'name', 'role', 'contractRef', 'contractEnd', 'contact'],
  configurationItems: [
    'id',
    'name',
    'ciClass',
    'status',
    'environment',
    'criticality',
    'ownerId',
    'supplierId',
    'tags',
    'minMembersUp',
    'manufacturer',
    'model',
    'purchaseDate',
    'originalValue',
    'warrantyExpiry',
    'location',
  ],
  services: [
    'id',
    'name',
    'category',
    'kind',
    'criticality',
    'ownerId',
    'consumerIds',
    'providerId',
    'availabilityTarget',
    'supportHours',
    'responseMinutes',
    'resolutionMinutes',
    'indicators',
  ],
  dependencies: ['fromId', 'toId', 'kind', 'strength'],
} as const;
type Collection = keyof typeof COLUMNS;
const streams = Object.fromEntries(
  (Object.keys(COLUMNS) as Collection[]).map((c) => {
    const s = createWriteStream(path.join(out, CSV_FILES[c]));
    s.write(COLUMNS[c].join(',') + '\n');
    return [c, s];
  }),
) as Record<Collection, WriteStream>;
const counts: Record<Collection, number> = {
  orgUnits: 0,
  suppliers: 0,
  configurationItems: 0,
  services: 0,
  dependencies: 0,
};
const cell = (v: unknown) => {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
// Progress by CI written (about N of them); Ctrl-C stops between rows (the files are then partial).
const progress = CliProgress.forArgs(args).interruptible();
const generating = progress.phase('generate configuration items', N);
async function write(c: Collection, row: Record<string, unknown>) {
  counts[c] += 1;
  if (c === 'configurationItems') {
    generating.advance();
    if (counts[c] % 1000 === 0) progress.checkpoint();
  }
  if (!streams[c].write(COLUMNS[c].map((k) => cell(row[k])).join(',') + '\n'))
    await new Promise<void>((r) => streams[c].once('drain', () => r()));
}
const dep = (fromId: string, toId: string, kind = 'DEPENDS_ON', strength = 'HARD') =>
  write('dependencies', { fromId, toId, kind, strength });
const teams = ['g-team-facility', 'g-team-network', 'g-team-system', 'g-team-app'];
async function ci(id: string, name: string, ciClass: string, extra: Record<string, unknown> = {}) {
  const asset = ['PhysicalServer', 'Switch', 'Storage', 'PowerSupply', 'Firewall'].includes(
    ciClass,
  );
  const year = 2013 + int(11);
  await write('configurationItems', {
    id,
    name,
    ciClass,
    status: 'ACTIVE',
    environment: 'PRODUCTION',
    criticality: ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'][int(4)],
    ownerId: teams[int(teams.length)],
    supplierId: `g-sup-${int(30)}`,
    ...(asset
      ? {
          manufacturer: ['Huawei', 'H3C', 'Inspur', 'Lenovo'][int(4)],
          model: `M${int(900)}`,
          purchaseDate: `${year}-0${1 + int(9)}-1${int(9)}`,
          originalValue: 20000 + int(500000),
          warrantyExpiry: `${year + 3 + int(3)}-0${1 + int(9)}-1${int(9)}`,
        }
      : {}),
    ...extra,
  });
  return id;
}
async function group(id: string, name: string, ciClass: string, members: string[], k: number) {
  await ci(id, name, ciClass, { minMembersUp: k });
  for (const m of members) await dep(id, m, 'MEMBER');
  return id;
}

async function main() {
  const started = Date.now();
  for (const [id, name] of [
    ['g-bdc', '大数据中心'],
    ...teams.map((t) => [t, `运维组 ${t.slice(7)}`]),
  ] as [string, string][]) {
    await write('orgUnits', { id, name, kind: 'TEAM', parentId: id === 'g-bdc' ? '' : 'g-bdc' });
  }
  for (let d = 0; d < 50; d++)
    await write('orgUnits', { id: `g-dept-${d}`, name: `委办局-${d}`, kind: 'DEPARTMENT' });
  for (let s = 0; s < 30; s++)
    await write('suppliers', {
      id: `g-sup-${s}`,
      name: `供应商-${s}`,
      role: s === 0 ? 'PRIME_CONTRACTOR' : s < 8 ? 'SUBCONTRACTOR' : 'VENDOR',
      contractEnd: '2027-12-31',
    });

  const hostCount = Math.max(24, Math.round(N * 0.06));
  const rackCount = Math.ceil(hostCount / 16);
  const roomCount = Math.ceil(rackCount / 40);
  const dcCount = Math.ceil(roomCount / 4);
  // Facilities and the network: each room has dual power feeds; racks have a top-of-rack switch
  // uplinked to an aggregation pair; aggregation pairs uplink to their DC's core pair.
  const racks: { id: string; tor: string }[] = [];
  for (let dc = 0; dc < dcCount; dc++) {
    await ci(`g-dc-${dc}`, `数据中心-${dc}`, 'DataCenter');
    const cores = [
      await ci(`g-core-${dc}-1`, `核心交换机-${dc}-1`, 'Switch'),
      await ci(`g-core-${dc}-2`, `核心交换机-${dc}-2`, 'Switch'),
    ];
    const core = await group(`g-core-${dc}`, `核心交换机组-${dc}`, 'HAPair', cores, 1);
    for (let r = dc * 4; r < Math.min(roomCount, dc * 4 + 4); r++) {
      const room = await ci(`g-room-${r}`, `机房-${r}`, 'Room');
      await dep(room, `g-dc-${dc}`, 'LOCATED_IN');
      const feeds = [
        await ci(`g-pwr-${r}-a`, `机房-${r} A路供电`, 'PowerSupply'),
        await ci(`g-pwr-${r}-b`, `机房-${r} B路供电`, 'PowerSupply'),
      ];
      const power = await group(
        `g-pwrgrp-${r}`,
        `机房-${r} 双路供电`,
        'PowerRedundancyGroup',
        feeds,
        1,
      );
      let agg = '';
      for (let k = r * 40; k < Math.min(rackCount, r * 40 + 40); k++) {
        if ((k - r * 40) % 20 === 0) {
          const a = [
            await ci(`g-agg-${k}-1`, `汇聚交换机-${k}-1`, 'Switch'),
            await ci(`g-agg-${k}-2`, `汇聚交换机-${k}-2`, 'Switch'),
          ];
          for (const m of a) await dep(m, core, 'CONNECTS_TO');
          agg = await group(`g-agg-${k}`, `汇聚交换机组-${k}`, 'HAPair', a, 1);
        }
        const rack = await ci(`g-rack-${k}`, `机柜-${k}`, 'Rack');
        await dep(rack, room, 'LOCATED_IN');
        await dep(rack, power);
        const tor = await ci(`g-tor-${k}`, `接入交换机-${k}`, 'Switch');
        await dep(tor, rack, 'LOCATED_IN');
        await dep(tor, agg, 'CONNECTS_TO');
        racks.push({ id: rack, tor });
      }
    }
  }
  // Hosts in hypervisor clusters of 12 (k = 10), each cluster with its datastore and network segment.
  const clusters: { id: string; store: string; segment: string }[] = [];
  for (let c = 0; c * 12 < hostCount; c++) {
    const members: string[] = [];
    for (let h = c * 12; h < Math.min(hostCount, c * 12 + 12); h++) {
      const rack = racks[h % racks.length]!;
      const host = await ci(`g-host-${h}`, `物理主机-${h}`, 'PhysicalServer');
      await dep(host, rack.id, 'LOCATED_IN');
      await dep(host, rack.tor, 'CONNECTS_TO');
      members.push(host);
    }
    const cl = await group(
      `g-cl-${c}`,
      `虚拟化集群-${c}`,
      'Cluster',
      members,
      Math.max(1, members.length - 2),
    );
    const hv = await ci(`g-hv-${c}`, `虚拟化平台-${c}`, 'Hypervisor');
    await dep(cl, hv, 'RUNS_ON');
    const store = await ci(`g-store-${c}`, `存储-${c}`, 'Storage');
    await dep(store, racks[(c * 7) % racks.length]!.id, 'LOCATED_IN');
    const segment = await ci(`g-seg-${c}`, `业务网段-${c}`, 'NetworkLink');
    await dep(segment, racks[(c * 5) % racks.length]!.tor, 'CONNECTS_TO');
    clusters.push({ id: cl, store, segment });
  }
  let vmCount = 0;
  // Shared infrastructure applications (DNS, NTP, backup, monitoring) that every later VM leans on softly.
  const shared: string[] = [];
  const vm = async () => {
    const c = clusters[int(clusters.length)]!;
    const id = await ci(`g-vm-${vmCount}`, `虚拟机-${vmCount}`, 'VirtualMachine');
    vmCount += 1;
    await dep(id, c.id, 'RUNS_ON');
    await dep(id, c.store);
    await dep(id, c.segment, 'CONNECTS_TO');
    for (const app of shared) await dep(id, app, 'DEPENDS_ON', 'SOFT');
    return id;
  };
  const built: string[] = [];
  for (const [name, n] of [
    ['DNS', 3],
    ['NTP', 2],
    ['备份 Backup', 2],
    ['监控 Monitoring', 2],
  ] as [string, number][]) {
    const members = [];
    for (let i = 0; i < n; i++) members.push(await vm());
    const pool = await group(
      `g-pool-${name.split(' ').at(-1)}`,
      `${name} 池`,
      'ResourcePool',
      members,
      1,
    );
    built.push(await ci(`g-app-${name.split(' ').at(-1)}`, `${name} 服务`, 'Application'));
    await dep(built.at(-1)!, pool, 'RUNS_ON');
  }
  shared.push(...built);
  // Applications: a web pool of 2–6 VMs behind middleware, a database on an HA pair of VMs.
  const apps: string[] = [];
  const budget = N - 20;
  for (let a = 0; ; a++) {
    const used = counts.configurationItems;
    if (used + 12 > budget) break;
    const web = [];
    for (let i = 0, n = 2 + int(5); i < n; i++) web.push(await vm());
    const pool = await group(
      `g-pool-${a}`,
      `应用池-${a}`,
      'ResourcePool',
      web,
      Math.max(1, web.length - 1 - int(2)),
    );
    const mw = await ci(`g-mw-${a}`, `中间件-${a}`, 'Middleware');
    await dep(mw, pool, 'RUNS_ON');
    const dbPair = await group(
      `g-dbha-${a}`,
      `数据库主备-${a}`,
      'HAPair',
      [await vm(), await vm()],
      1,
    );
    const db = await ci(`g-db-${a}`, `数据库-${a}`, 'Database');
    await dep(db, dbPair, 'RUNS_ON');
    const app = await ci(`g-app-${a}`, `应用系统-${a}`, 'Application');
    await dep(app, mw, 'RUNS_ON');
    await dep(app, db);
    for (const s of shared) await dep(app, s, 'DEPENDS_ON', 'SOFT');
    for (const peer of new Set(
      apps.length > 0 ? [apps[int(apps.length)]!, apps[int(apps.length)]!] : [],
    ))
      await dep(app, peer, 'DEPENDS_ON', 'SOFT');
    apps.push(app);
  }
  // Catalog services over applications, consumed by departments.
  const serviceCount = Math.max(20, Math.round(N / 1000));
  for (let s = 0; s < serviceCount; s++) {
    await write('services', {
      id: `g-svc-${s}`,
      name: `服务-${s}`,
      category: SERVICE_CATEGORIES[s % SERVICE_CATEGORIES.length],
      kind: 'BUSINESS',
      criticality: ['CRITICAL', 'HIGH', 'MEDIUM'][int(3)],
      ownerId: 'g-bdc',
      consumerIds: [int(50), int(50), int(50)]
        .map((d) => `g-dept-${d}`)
        .filter((v, i, l) => l.indexOf(v) === i)
        .join(';'),
      providerId: `g-sup-${int(8)}`,
      availabilityTarget: 99.9,
      supportHours: '7x24',
      responseMinutes: 15,
      resolutionMinutes: 240,
      indicators: JSON.stringify([{ name: '故障修复及时率', target: 95, unit: '%' }]),
    });
    const hosts = [...new Set(Array.from({ length: 1 + int(4) }, () => apps[int(apps.length)]!))];
    for (const [i, app] of hosts.entries())
      await dep(`g-svc-${s}`, app, 'HOSTED_ON', i === 0 ? 'HARD' : 'SOFT');
  }
  await Promise.all(Object.values(streams).map((s) => new Promise<void>((r) => s.end(() => r()))));
  generating.end();
  progress.stop();
  console.log(JSON.stringify({ out, ...counts, seconds: (Date.now() - started) / 1000 }));
}

main().catch(async (error: unknown) => {
  progress.stop();
  if (!(error instanceof InterruptedError)) throw error;
  await Promise.all(Object.values(streams).map((s) => new Promise<void>((r) => s.end(() => r()))));
  console.error(
    `interrupted: ${out} holds a partial estate (${counts.configurationItems} CIs written); run the same command again to write it whole`,
  );
  process.exit(130);
});
