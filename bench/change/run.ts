/**
 * bench:change (issue 19): conflicts of a quarter's change calendar on a generated estate (default
 * 100,000 CIs; `npm run bench:change -- 20000`). It schedules BENCH_CHANGES (default 2,000) changes
 * over 92 days through the service (2–20 targets each, windows of 1–8 h, most at night and at
 * weekends, the way operations plan), then measures over HTTP:
 * - `changeConflicts` over the whole quarter (budget 2 s), p50 over the runs;
 * - one change's `conflicts` beside an `impactAnalysis` of its targets (budget 5×), p50 each
 *   over a sample of changes;
 * and, in process on the in-memory topology, how the judging grows with overlap: the same number of
 * changes squeezed into shorter ranges (more changes open at once), with the open sets it judged.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { App } from '../../src/main.js';
import { callerAs } from '../../src/modules/access/caller.js';
import { conflictsIn, type ScheduledChange } from '../../src/modules/change/conflicts.js';
import { changeRepository } from '../../src/modules/change/repository.js';
import {
  benchApp,
  benchNeo4j,
  graphqlClient,
  importEstate,
  p50p95,
  stopBench,
  waitForQuietNeo4j,
} from '../support.js';

const cis = Number(process.argv[2] ?? 100000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const DAY = 86400000;
const QUARTER = 92 * DAY;
const FROM = Date.parse('2027-01-04T00:00:00+08:00'); // a Monday

let seed = 20261202;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

/** A window the way operations plan one: mostly at night (22:00–02:00 starts) or at weekends. */
function plannedWindow(): { start: number; end: number } {
  const day = Math.floor(rand() * 92);
  const weekday = new Date(FROM + day * DAY).getUTCDay();
  const weekend = weekday === 6 || weekday === 0;
  const hour = weekend && rand() < 0.5 ? 8 + Math.floor(rand() * 10) : 22 + Math.floor(rand() * 5);
  const start = FROM + day * DAY + hour * 3600000;
  return { start, end: start + (1 + Math.floor(rand() * 8)) * 3600000 };
}

const ms = (t: number) => +t.toFixed(1);

const estate = path.resolve(`bench/data/estate-${cis}`);
if (!existsSync(path.join(estate, 'configuration-items.csv')))
  execFileSync('node', ['dist/src/cli/generate.js', '--cis', String(cis), '--out', estate], {
    stdio: 'inherit',
  });
const bench = await benchNeo4j('change', { heap: '4g', pageCache: '2g' });
let app: App | undefined;
try {
  importEstate(bench, estate);
  app = await benchApp(bench);
  await waitForQuietNeo4j(bench);
  const holder = app.services.impact.topologyIndex!;
  await holder.rebuild();
  let index = (await holder.current())!;
  // Targets: non-retired CIs that something depends on, so that changes matter.
  const candidates: string[] = [];
  for (let n = 0; n < index.size && candidates.length < 50000; n++) {
    if (index.isService(n) || index.retired(n)) continue;
    let dependents = 0;
    index.forEachIncoming(n, () => (dependents += 1));
    if (dependents > 0) candidates.push(index.idOf(n));
  }
  const requester = callerAs('bench-engineer', ['ENGINEER']);
  const t0 = performance.now();
  const created: { id: string; targets: { componentId: string; effect: string }[] }[] = [];
  for (let i = 0; i < CHANGES; i++) {
    const { start, end } = plannedWindow();
    const targets = [
      ...new Set(Array.from({ length: 2 + Math.floor(rand() * 19) }, () => pick(candidates))),
    ].map((componentId) => ({
      componentId,
      effect: pick(['DOWN', 'DOWN', 'DEGRADED', 'NONE'] as const),
    }));
    let c = await app.services.change.create(requester, {
      title: `bench change ${i}`,
      type: 'NORMAL',
      risk: pick(['LOW', 'MEDIUM', 'HIGH']),
      plannedStart: new Date(start).toISOString(),
      plannedEnd: new Date(end).toISOString(),
      targets,
    });
    c = await app.services.change.transition(requester, 'submit', c.id, c.version);
    created.push({ id: c.id, targets });
  }
  const scheduleSeconds = +((performance.now() - t0) / 1000).toFixed(1);
  index = (await holder.current())!;

  const client = graphqlClient(app.url);
  const post = async (query: string, variables: Record<string, unknown>) => {
    const t = performance.now();
    const body = JSON.parse(await client.post(JSON.stringify({ query, variables })));
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return { ms: performance.now() - t, data: body.data };
  };
  const RANGE = `query($from: DateTime!, $to: DateTime!) { changeConflicts(from: $from, to: $to) { kind start end changes { id } services { service { id } stateAlone stateCombined } } }`;
  const range = { from: new Date(FROM).toISOString(), to: new Date(FROM + QUARTER).toISOString() };
  const quarter: number[] = [];
  let found: { kind: string }[] = [];
  for (let r = 0; r < RUNS + 2; r++) {
    const { ms: t, data } = await post(RANGE, range);
    if (r >= 2) quarter.push(t);
    found = data.changeConflicts;
  }
  const byKind = Object.fromEntries(
    ['SAME_COMPONENT', 'COMBINED_IMPACT', 'BLACKOUT'].map((k) => [
      k,
      found.filter((c) => c.kind === k).length,
    ]),
  );

  // One change's conflicts against an impact analysis of its targets, alternating.
  const ONE = `query($id: ID!) { changeRequest(id: $id) { conflicts { kind start end changes { id } services { service { id } stateAlone stateCombined } } } }`;
  const IMPACT = `query($i: ImpactAnalysisInput!) { impactAnalysis(input: $i) { summary { servicesDown servicesDegraded componentsDown componentsDegraded } services { service { id } state } } }`;
  const one: number[] = [];
  const impact: number[] = [];
  for (let r = 0; r < RUNS * 3 + 4; r++) {
    const c = pick(created);
    const a = await post(ONE, { id: c.id });
    const b = await post(IMPACT, {
      i: {
        failed: c.targets.filter((t) => t.effect === 'DOWN').map((t) => t.componentId),
        degraded: c.targets.filter((t) => t.effect === 'DEGRADED').map((t) => t.componentId),
      },
    });
    if (r < 4) continue;
    one.push(a.ms);
    impact.push(b.ms);
  }
  client.close();

  // Growth with overlap: the same changes squeezed into shorter ranges, judged in process.
  const asScheduled: ScheduledChange[] = [];
  const scheduled = await app.executor.readTx('bench', (tx) =>
    changeRepository.scheduled(tx, range.from, range.to),
  );
  for (const c of scheduled)
    asScheduled.push({
      id: c.id,
      start: Date.parse(c.plannedStart),
      end: Date.parse(c.plannedEnd),
      targets: c.targets.flatMap((t) => {
        const node = index.find(t.componentId);
        return node === undefined ? [] : [{ node, effect: t.effect }];
      }),
    });
  const growth = [];
  for (const squeeze of [1, 3, 9, 27]) {
    const squeezed = asScheduled.map((c) => {
      const start = FROM + (c.start - FROM) / squeeze;
      return { ...c, start, end: start + (c.end - c.start) };
    });
    let open = 0;
    let peak = 0;
    const events = squeezed
      .flatMap((c) => [
        [c.start, 1],
        [c.end, -1],
      ])
      .sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
    let weighted = 0;
    for (let i = 0; i + 1 < events.length; i++) {
      open += events[i]![1]!;
      peak = Math.max(peak, open);
      weighted += open * (events[i + 1]![0]! - events[i]![0]!);
    }
    const span = events.at(-1)![0]! - events[0]![0]!;
    const t = performance.now();
    const conflicts = conflictsIn(squeezed, [], index, FROM, FROM + QUARTER);
    growth.push({
      rangeDays: +(92 / squeeze).toFixed(1),
      meanOpen: +(weighted / span).toFixed(2),
      peakOpen: peak,
      conflicts: conflicts.length,
      judgeMs: ms(performance.now() - t),
    });
  }

  console.log(
    JSON.stringify({
      cis,
      components: index.size,
      changes: CHANGES,
      scheduleSeconds,
      quarterConflicts: { ms: p50p95(quarter), found: found.length, byKind },
      oneChange: {
        conflictsMs: p50p95(one),
        impactAnalysisMs: p50p95(impact),
        ratioP50: +(p50p95(one).p50 / p50p95(impact).p50).toFixed(2),
      },
      growth,
    }),
  );
} finally {
  await stopBench(bench, app);
}
