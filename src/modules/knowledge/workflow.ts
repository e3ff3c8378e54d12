import { ForbiddenError, InvalidTransitionError } from '../../errors.js';
import { hasRole, type Role, type Actor } from '../access/roles.js';
import type { KnownErrorModel, KnownErrorRevisionModel, KnownErrorStatus } from './models.js';

/** A workflow step of API.md: from which stage to which, and the role it needs. */
export const TRANSITIONS = {
  submit: { from: 'DRAFT', to: 'IN_REVIEW', role: 'ENGINEER' },
  publish: { from: 'IN_REVIEW', to: 'PUBLISHED', role: 'PROBLEM_MANAGER' },
  reject: { from: 'IN_REVIEW', to: 'DRAFT', role: 'PROBLEM_MANAGER' },
  retire: { from: 'PUBLISHED', to: 'RETIRED', role: 'PROBLEM_MANAGER' },
} as const satisfies Record<string, { from: KnownErrorStatus; to: KnownErrorStatus; role: Role }>;
export type TransitionName = keyof typeof TRANSITIONS;

/**
 * Where an article's text stands in review: its status, except for a PUBLISHED article with an
 * edit pending review, whose edit is DRAFT or IN_REVIEW while the published text stays current.
 */
export function stageOf(article: KnownErrorModel): KnownErrorStatus {
  return article.status === 'PUBLISHED' && article.pending
    ? article.pending.status
    : article.status;
}

/** Who wrote or edited the text since it was last published (every editor when it never was). */
export function editorsSincePublication(
  article: KnownErrorModel,
  revisions: readonly KnownErrorRevisionModel[],
): Set<string> {
  const published = article.publishedRevision ?? 0;
  return new Set(revisions.filter((r) => r.version > published).map((r) => r.editedBy));
}

/** What a transition writes: the article's new properties, and what the audit record adds. */
export interface TransitionPlan {
  props: Record<string, unknown>;
  /** True when an ADMIN published text they wrote or edited: the override is on the record. */
  authorOverride: boolean;
}

/**
 * Plans a workflow step, or throws: INVALID_TRANSITION from any other stage; FORBIDDEN when an
 * ENGINEER submits someone else's text, or when the publisher wrote or edited the text since the
 * last publication (unless an ADMIN, and then `authorOverride`). Publishing a pending edit puts
 * its text in place; retiring drops a pending edit.
 */
export function planTransition(
  name: TransitionName,
  actor: Actor,
  article: KnownErrorModel,
  revisions: readonly KnownErrorRevisionModel[],
  now: string,
): TransitionPlan {
  const step = TRANSITIONS[name];
  const stage = name === 'retire' ? article.status : stageOf(article);
  if (stage !== step.from)
    throw new InvalidTransitionError(
      `cannot ${name} an article that is ${stage}; it must be ${step.from}`,
      { from: stage, to: step.to },
    );
  const editors = editorsSincePublication(article, revisions);
  // The author's draft, or an edit of a published article, is submitted by whoever wrote it or by
  // a problem manager.
  if (
    name === 'submit' &&
    !hasRole(actor, 'PROBLEM_MANAGER') &&
    !(article.pending ? editors.has(actor.id) : article.author === actor.id)
  )
    throw new ForbiddenError(
      'only its author or a problem manager submits an article',
      'PROBLEM_MANAGER',
    );
  // Reviews are real: nobody approves text they wrote or edited since the last publication.
  const selfApproval = name === 'publish' && editors.has(actor.id);
  if (selfApproval && !hasRole(actor, 'ADMIN'))
    throw new ForbiddenError(
      'the text was written or edited by the publisher since it was last published',
      'ADMIN',
    );
  const latest = Math.max(0, ...revisions.map((r) => r.version));
  const pending = article.status === 'PUBLISHED' && article.pending !== null;
  const props: Record<string, unknown> = {};
  if (name === 'retire')
    Object.assign(props, { status: 'RETIRED', pendingFields: null, pendingStatus: null });
  else if (pending && name !== 'publish') props.pendingStatus = step.to;
  else if (pending)
    Object.assign(props, { ...article.pending!.fields, pendingFields: null, pendingStatus: null });
  else props.status = step.to;
  if (name === 'publish' || name === 'reject') props.reviewer = actor.id;
  if (name === 'publish') {
    props.publishedRevision = latest;
    if (!article.publishedAt) props.publishedAt = now;
  }
  return { props, authorOverride: selfApproval };
}
