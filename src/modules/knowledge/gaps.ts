/**
 * Knowledge gaps: where a problem manager should write next. A live service or a CI class is a gap
 * when articles that apply to it were recorded as not helping (UNHELPFUL_ARTICLES), or, for a
 * service, when it missed SLA targets in the last twelve months and no published article applies
 * to it (NO_ARTICLE). Ranked by unhelpful uses plus, for a service without an article, its misses.
 */
import { shanghaiToday } from '../../calendar.js';
import { BadUserInputError } from '../../errors.js';
import type { Executor } from '../../graph/executor.js';
import type { Caller } from '../access/caller.js';
import { requireRole } from '../access/roles.js';
import type { CmdbLoaders } from '../cmdb/loaders.js';
import { loadExisting } from '../cmdb/loaders.js';
import type { ServiceModel } from '../cmdb/models.js';

export const KNOWLEDGE_GAP_REASONS = ['UNHELPFUL_ARTICLES', 'NO_ARTICLE'] as const;
export type KnowledgeGapReason = (typeof KNOWLEDGE_GAP_REASONS)[number];

/** What the base query counts of one service or class. */
export interface GapFacts {
  kind: 'SERVICE' | 'CI_CLASS';
  id: string;
  publishedArticles: number;
  unhelpfulUses: number;
  incidents: number;
  slaMisses: number;
}

export interface KnowledgeGapModel extends GapFacts {
  reasons: KnowledgeGapReason[];
  score: number;
}

/** The gaps among `facts`, best first (pure). */
export function rankGaps(facts: GapFacts[], first: number): KnowledgeGapModel[] {
  return facts
    .map((f) => {
      const reasons: KnowledgeGapReason[] = [];
      if (f.unhelpfulUses > 0) reasons.push('UNHELPFUL_ARTICLES');
      if (f.kind === 'SERVICE' && f.publishedArticles === 0 && f.slaMisses > 0)
        reasons.push('NO_ARTICLE');
      const score = f.unhelpfulUses + (reasons.includes('NO_ARTICLE') ? f.slaMisses : 0);
      return { ...f, reasons, score };
    })
    .filter((g) => g.reasons.length > 0)
    .sort((a, b) => b.score - a.score || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id))
    .slice(0, first);
}

/** The SLA misses of services (the supply module answers it: main.ts wires it). */
export type SlaMisses = (
  services: ServiceModel[],
  fromMonth: number,
) => Promise<Map<string, number>>;

export class KnowledgeGaps {
  constructor(
    private readonly executor: Executor,
    private readonly misses: SlaMisses,
  ) {}

  async gaps(
    caller: Caller<CmdbLoaders>,
    first: number | null | undefined,
  ): Promise<KnowledgeGapModel[]> {
    requireRole(caller.actor, 'VIEWER');
    const n = first ?? 20;
    if (!Number.isInteger(n) || n < 1 || n > 100)
      throw new BadUserInputError('first must be from 1 to 100', 'first');
    const rows = await this.executor.read('knowledge/gaps');
    const facts: GapFacts[] = rows.map((r) => ({
      kind: r.kind as GapFacts['kind'],
      id: String(r.id),
      publishedArticles: Number(r.publishedArticles),
      unhelpfulUses: Number(r.unhelpfulUses),
      incidents: Number(r.incidents),
      slaMisses: 0,
    }));
    const services = await loadExisting<ServiceModel>(
      caller.loaders,
      facts.filter((f) => f.kind === 'SERVICE').map((f) => f.id),
    );
    const [y, m] = shanghaiToday().split('-').map(Number) as [number, number];
    const misses = await this.misses(services, y * 12 + m - 1 - 11);
    for (const f of facts) f.slaMisses = misses.get(f.id) ?? 0;
    return rankGaps(facts, n);
  }
}
