import { readFileSync } from 'node:fs';
import { fromRoot } from '../../src/paths.js';

/** Every id of the demo estate (seed/demo-cmdb.json, which tools/seed-demo builds and a test checks). */
export const DEMO_IDS: ReadonlySet<string> = (() => {
  const doc = JSON.parse(readFileSync(fromRoot('seed', 'demo-cmdb.json'), 'utf8')) as Record<
    string,
    { id?: string }[]
  >;
  return new Set(
    ['orgUnits', 'suppliers', 'configurationItems', 'services'].flatMap((c) =>
      (doc[c] ?? []).map((row) => row.id!),
    ),
  );
})();

/** A demo id, checked: a typo throws instead of matching nothing. */
export function demoId(id: string): string {
  if (!DEMO_IDS.has(id)) throw new Error(`${id} is not an id of the demo estate`);
  return id;
}

/**
 * The state an impact report gives a component: its impact's, or OK when it is not impacted.
 * An id that is neither impacted nor known (the demo's, or one of `known`) throws.
 */
export function stateOf(
  report: { impacts: { subject: { id: string }; state: string }[] },
  id: string,
  known: readonly string[] = [],
): string {
  const impact = report.impacts.find((i) => i.subject.id === id);
  if (impact) return impact.state;
  if (!known.includes(id)) demoId(id);
  return 'OK';
}
