import type { Executor, QueryRunner } from '../../graph/executor.js';
import { GraphTopology, walkToFixedPoint } from '../impact/graph-walk.js';
import { IMPACT_LIMITS } from '../impact/limits.js';
import { STATE_NAMES } from '../impact/propagation.js';
import type { TopologyIndexHolder } from '../impact/topology-holder.js';
import {
  conflictsIn,
  conflictsOf,
  type Blackout,
  type Conflict,
  type ConflictTopology,
  type ScheduledChange,
} from './conflicts.js';
import type { BlackoutWindowModel, ChangeRequestModel } from './models.js';
import { changeRepository as repo } from './repository.js';

/** A service of a conflict, by id, with its state names. */
export interface ConflictServiceModel {
  serviceId: string;
  stateAlone: (typeof STATE_NAMES)[number];
  stateCombined: (typeof STATE_NAMES)[number];
}

/** A conflict as the API shows it: ids, ISO instants, state names. */
export interface ChangeConflictModel {
  kind: Conflict['kind'];
  changeIds: string[];
  start: string;
  end: string;
  services: ConflictServiceModel[];
  blackoutIds: string[];
}

/** A topology that can judge conflicts, and the node of each component id it knows. */
interface Judge {
  topology: ConflictTopology & { idOf(node: number): string };
  find(id: string): number | undefined;
}

const ms = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();

/**
 * Conflicts of changes on the live graph (conflicts.ts does the judging). The topology is the
 * in-memory index when it is current; otherwise the part of the graph the changes can reach,
 * read by the impact walk with every target failed: whatever subset of the targets a set of
 * changes takes out, what it reaches lies inside that walk, so each judgement is exact.
 */
export class ConflictChecker {
  constructor(
    private readonly executor: Executor,
    private readonly holder?: TopologyIndexHolder,
  ) {}

  /** The conflicts of one change (scheduled or not: a draft sees what it would clash with). */
  async forChange(change: ChangeRequestModel, tx?: QueryRunner): Promise<ChangeConflictModel[]> {
    return this.withTx(tx, async (run) => {
      const scheduled = await repo.scheduled(run, change.plannedStart, change.plannedEnd);
      const blackouts = await repo.blackouts(run, change.plannedStart, change.plannedEnd);
      const all = [change, ...scheduled.filter((c) => c.id !== change.id)];
      const judge = await this.judge(run, all);
      const [subject, ...others] = all.map((c) => this.scheduledOf(c, judge));
      const found = conflictsOf(
        subject!,
        others,
        this.blackoutsOf(blackouts, judge),
        judge.topology,
      );
      return found.map((c) => this.model(c, judge));
    });
  }

  /**
   * Every conflict among the scheduled changes within [from, to), each once; `read` sees the
   * changes read (a request primes its loader with them, since the answer names them).
   */
  async inRange(
    from: string,
    to: string,
    read?: (changes: readonly ChangeRequestModel[]) => void,
  ): Promise<ChangeConflictModel[]> {
    return this.withTx(undefined, async (run) => {
      const scheduled = await repo.scheduled(run, from, to);
      read?.(scheduled);
      const blackouts = await repo.blackouts(run, from, to);
      const judge = await this.judge(run, scheduled);
      const found = conflictsIn(
        scheduled.map((c) => this.scheduledOf(c, judge)),
        this.blackoutsOf(blackouts, judge),
        judge.topology,
        ms(from),
        ms(to),
      );
      return found.map((c) => this.model(c, judge));
    });
  }

  private withTx<T>(tx: QueryRunner | undefined, work: (run: QueryRunner) => Promise<T>) {
    return tx ? work(tx) : this.executor.readTx('changeConflicts', work);
  }

  /** The current in-memory index, or the walk over Neo4j from every target of `changes`. */
  private async judge(tx: QueryRunner, changes: readonly ChangeRequestModel[]): Promise<Judge> {
    const index = this.holder ? await this.holder.current() : undefined;
    if (index) return { topology: index, find: (id) => index.find(id) };
    const topology = new GraphTopology(tx);
    const ids = [...new Set(changes.flatMap((c) => c.targets.map((t) => t.componentId)))];
    await topology.loadInputs(ids);
    const inputs = ids.flatMap((id) => topology.find(id) ?? []);
    await walkToFixedPoint(topology, inputs, [], IMPACT_LIMITS.maxDepthCap);
    return { topology, find: (id) => topology.find(id) };
  }

  private scheduledOf(c: ChangeRequestModel, judge: Judge): ScheduledChange {
    return {
      id: c.id,
      start: ms(c.plannedStart),
      end: ms(c.plannedEnd),
      targets: c.targets.flatMap((t) => {
        const node = judge.find(t.componentId);
        return node === undefined ? [] : [{ node, effect: t.effect }];
      }),
    };
  }

  private blackoutsOf(windows: readonly BlackoutWindowModel[], judge: Judge): Blackout[] {
    return windows.map((w) => ({
      id: w.id,
      start: ms(w.start),
      end: ms(w.end),
      services:
        w.serviceIds.length === 0
          ? null
          : new Set(w.serviceIds.flatMap((id) => judge.find(id) ?? [])),
    }));
  }

  private model(c: Conflict, judge: Judge): ChangeConflictModel {
    return {
      kind: c.kind,
      changeIds: c.changes,
      start: iso(c.start),
      end: iso(c.end),
      services: c.services.map((s) => ({
        serviceId: judge.topology.idOf(s.service),
        stateAlone: STATE_NAMES[s.stateAlone],
        stateCombined: STATE_NAMES[s.stateCombined],
      })),
      blackoutIds: c.blackouts,
    };
  }
}
