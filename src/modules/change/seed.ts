import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Executor } from '../../graph/executor.js';
import { fromRoot } from '../../paths.js';
import type { Services } from '../../services.js';
import { callerAs, type Caller } from '../access/caller.js';
import type { ChangeEffect, ChangeStatus } from './models.js';
import { changeRepository } from './repository.js';

/** One planned change of seed/demo-changes.json: a day from the base Monday, a time, a length. */
interface SeedChange {
  title: string;
  type: string;
  risk: string;
  day: number;
  start: string;
  hours: number;
  targets: [string, ChangeEffect][];
  implementerId?: string;
  status: ChangeStatus;
  implementationPlan?: string;
  backoutPlan?: string;
}

/** One blackout window of the seed: from a day and time, for some days. */
interface SeedBlackout {
  name: string;
  day: number;
  start: string;
  days: number;
  serviceIds: string[];
  reason?: string;
}

const ENGINEER = callerAs('seed:engineer', ['ENGINEER']);
const MANAGER = callerAs('seed:change-manager', ['CHANGE_MANAGER']);

/** The Monday after `now`, 00:00 Beijing time (+08:00), as epoch milliseconds. */
export function baseMonday(now: Date): number {
  const beijing = new Date(now.getTime() + 8 * 3600000);
  const daysToMonday = ((8 - beijing.getUTCDay()) % 7) + (beijing.getUTCDay() === 1 ? 7 : 0);
  const midnight = Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate());
  return midnight + daysToMonday * 86400000 - 8 * 3600000;
}

const at = (base: number, day: number, time: string) => {
  const [h, m] = time.split(':').map(Number);
  return base + day * 86400000 + (h! * 60 + m!) * 60000;
};

/**
 * Loads seed/demo-changes.json into an empty change calendar through the real workflow (an
 * engineer requests, a change manager approves), its days counted from the Monday after `now`.
 * Returns how many changes it loaded.
 */
export async function seedChangesIfEmpty(
  executor: Executor,
  services: Services,
  logger: Logger,
  now = new Date(),
): Promise<number> {
  if ((await executor.readSingle('changeCount', (tx) => changeRepository.count(tx))) > 0) return 0;
  const seed = JSON.parse(readFileSync(fromRoot('seed', 'demo-changes.json'), 'utf8')) as {
    blackoutWindows: SeedBlackout[];
    changes: SeedChange[];
  };
  const base = baseMonday(now);
  const { change } = services;
  for (const b of seed.blackoutWindows)
    await change.createBlackout(MANAGER, {
      name: b.name,
      start: new Date(at(base, b.day, b.start)).toISOString(),
      end: new Date(at(base, b.day + b.days, b.start)).toISOString(),
      serviceIds: b.serviceIds,
      reason: b.reason,
    });
  for (const c of seed.changes) {
    const start = at(base, c.day, c.start);
    let made = await change.create(ENGINEER, {
      title: c.title,
      type: c.type,
      risk: c.risk,
      plannedStart: new Date(start).toISOString(),
      plannedEnd: new Date(start + c.hours * 3600000).toISOString(),
      targets: c.targets.map(([componentId, effect]) => ({ componentId, effect })),
      implementerId: c.implementerId,
      implementationPlan: c.implementationPlan,
      backoutPlan: c.backoutPlan,
    });
    if (c.status === 'DRAFT') continue;
    const next = (caller: Caller, name: Parameters<typeof change.transition>[1], args = {}) =>
      change.transition(caller, name, made.id, made.version, args);
    made = await next(ENGINEER, 'submit');
    if (c.type === 'EMERGENCY' && c.status === 'COMPLETED') {
      made = await next(ENGINEER, 'start');
      made = await next(MANAGER, 'approve', { overrideConflicts: true });
      await next(ENGINEER, 'complete', { outcome: 'SUCCESSFUL' });
      continue;
    }
    if (c.status === 'APPROVED' && made.status === 'SUBMITTED')
      await next(MANAGER, 'approve', { overrideConflicts: true });
  }
  logger.info({ changes: seed.changes.length }, 'demo change calendar loaded');
  return seed.changes.length;
}
