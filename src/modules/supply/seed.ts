/**
 * Twelve months of demo measurements (the last twelve complete months before `now`, and the
 * last four complete quarters), recorded through `recordSlaMeasurements`: mostly on target, with
 * misses as often as each provider's record would have them, so that scorecards and the reports
 * page have something to show. Deterministic for a given month.
 */
import type { Logger } from 'pino';
import { entityStore } from '../../graph/entity-store.js';
import type { Executor } from '../../graph/executor.js';
import type { Services } from '../../services.js';
import { cliCaller } from '../access/caller.js';
import type { ServiceModel, SlaIndicatorModel } from '../cmdb/models.js';
import { monthText } from './period.js';
import { supplyRepository } from './repository.js';

/** How often each demo provider misses a target (others: 8 %). */
const MISS_RATE: Record<string, number> = {
  'sup-prime': 0.06,
  'sup-net': 0.15,
  'sup-sec': 0.08,
  'sup-facility': 0.04,
  'sup-app': 0.2,
};

/** A number in [0, 1) from a text (FNV-1a, then mixed), so that a key always draws the same. */
function draw(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  // A final avalanche (MurmurHash3's fmix32): keys that differ in their last characters only
  // would otherwise draw close numbers.
  h = (h ^ (h >>> 16)) >>> 0;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h = (h ^ (h >>> 13)) >>> 0;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return (h >>> 0) / 2 ** 32;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** A measured value: on target, or a miss. */
function valueOf(indicator: SlaIndicatorModel, miss: boolean, r: number): number {
  const { target } = indicator;
  if (indicator.direction === 'AT_MOST') {
    if (target === 0) return miss ? 1 + Math.floor(r * 2) : 0;
    return round1(miss ? target * (1.05 + r * 0.5) : target * (0.4 + r * 0.55));
  }
  if (indicator.unit === '%' && target >= 100) return miss ? round1(90 + r * 9.5) : 100;
  const top = indicator.unit === '%' ? 100 : target * 1.2;
  return round1(miss ? target - 0.5 - r * 5 : target + r * (top - target));
}

/** The rows of the demo ledger for these services. */
export function demoMeasurements(services: readonly ServiceModel[], now: Date) {
  const beijing = new Date(now.getTime() + 8 * 3600000);
  const current = beijing.getUTCFullYear() * 12 + beijing.getUTCMonth();
  const months = Array.from({ length: 12 }, (_, i) => current - 12 + i);
  const lastQuarterEnd = current - (current % 3);
  const quarters = Array.from({ length: 4 }, (_, i) => lastQuarterEnd - 12 + i * 3);
  const rows = [];
  for (const s of services)
    for (const indicator of s.sla?.indicators ?? []) {
      const periods =
        indicator.period === 'MONTH'
          ? months.map(monthText)
          : indicator.period === 'QUARTER'
            ? quarters.map((q) => `${Math.floor(q / 12)}-Q${(q % 12) / 3 + 1}`)
            : [];
      for (const period of periods) {
        const key = `${s.id}|${indicator.name}|${period}`;
        const miss = draw(key) < (MISS_RATE[s.providerId ?? ''] ?? 0.08);
        const value = valueOf(indicator, miss, draw(`${key}|value`));
        rows.push({
          serviceId: s.id,
          indicator: indicator.name,
          period,
          value,
          note: miss ? '未达标：已纳入整改 (below target: in remediation)' : null,
        });
      }
    }
  return rows;
}

/** Records the demo ledger when no measurement is stored yet; returns how many it recorded. */
export async function seedMeasurementsIfEmpty(
  executor: Executor,
  services: Services,
  logger: Logger,
  now = new Date(),
): Promise<number> {
  if (
    (await executor.readSingle('measurementCount', (tx) => supplyRepository.measurementCount(tx))) >
    0
  )
    return 0;
  const models = (
    await executor.readTx('demoServices', async (tx) =>
      entityStore.byIds(tx, await supplyRepository.servicesWithSla(tx)),
    )
  ).filter((s): s is ServiceModel => s?.__typename === 'Service');
  const rows = demoMeasurements(models, now);
  await services.supply.record(cliCaller('seed'), rows);
  logger.info({ measurements: rows.length }, 'demo SLA measurements recorded');
  return rows.length;
}
