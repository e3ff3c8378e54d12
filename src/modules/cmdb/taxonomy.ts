import type { CIClassModel } from './models.js';

/** The root class of group CIs: a CI of this class or a subclass carries `redundancy`. */
export const GROUP_ROOT_CLASS = 'Cluster';

/** The CI class tree, for validation and for filters that include subclasses: pure, read by the caller. */
export class Taxonomy {
  private readonly byName: Map<string, CIClassModel>;
  private readonly children = new Map<string, string[]>();

  constructor(readonly classes: CIClassModel[]) {
    this.byName = new Map(classes.map((c) => [c.name, c]));
    for (const c of classes) {
      if (c.parent) this.children.set(c.parent, [...(this.children.get(c.parent) ?? []), c.name]);
    }
  }

  /** The class of this name, if any. */
  get(name: string): CIClassModel | undefined {
    return this.byName.get(name);
  }

  /** The class and all its ancestors, nearest first. */
  lineage(name: string): string[] {
    const out: string[] = [];
    for (
      let c = this.byName.get(name);
      c && !out.includes(c.name);
      c = c.parent ? this.byName.get(c.parent) : undefined
    ) {
      out.push(c.name);
    }
    return out;
  }

  /** True when the class is the group root or below it. */
  isGroupClass(name: string): boolean {
    return this.lineage(name).includes(GROUP_ROOT_CLASS);
  }

  /** The given classes with all their descendants; unknown names are kept (they match nothing). */
  withSubclasses(names: readonly string[]): string[] {
    const out = new Set<string>();
    const stack = [...names];
    while (stack.length > 0) {
      const name = stack.pop()!;
      if (out.has(name)) continue;
      out.add(name);
      stack.push(...(this.children.get(name) ?? []));
    }
    return [...out];
  }
}
