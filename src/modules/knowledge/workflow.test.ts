import type { KnownErrorModel, KnownErrorRevisionModel } from './models.js';
import { editorsSincePublication, planTransition, stageOf } from './workflow.js';

const article = (extra: Partial<KnownErrorModel> = {}): KnownErrorModel => ({
  __typename: 'KnownError',
  id: 'ke-1',
  number: 'KE-000001',
  title: 'published title',
  symptoms: 's',
  cause: null,
  workaround: null,
  resolution: null,
  status: 'DRAFT',
  tags: [],
  problemRef: null,
  author: 'alice',
  reviewer: null,
  version: 1,
  createdAt: 't',
  updatedAt: 't',
  publishedAt: null,
  reviewBy: null,
  publishedRevision: null,
  pending: null,
  ...extra,
});
const rev = (version: number, editedBy: string): KnownErrorRevisionModel => ({
  version,
  title: `v${version}`,
  symptoms: 's',
  cause: null,
  workaround: null,
  resolution: null,
  editedBy,
  editedAt: 't',
  changeNote: null,
});
const actor = (id: string, ...roles: string[]) => ({ id, roles });

describe('the review workflow', () => {
  it('lets only the author or a problem manager submit a draft', () => {
    const a = article();
    expect(() =>
      planTransition('submit', actor('bob', 'ENGINEER'), a, [rev(1, 'alice')], 'now'),
    ).toThrow(/only its author/);
    expect(
      planTransition('submit', actor('alice', 'ENGINEER'), a, [rev(1, 'alice')], 'now').props,
    ).toEqual({
      status: 'IN_REVIEW',
    });
    expect(
      planTransition('submit', actor('pm', 'PROBLEM_MANAGER'), a, [rev(1, 'alice')], 'now').props
        .status,
    ).toBe('IN_REVIEW');
  });

  it('refuses a publisher who edited the text since the last publication, unless an ADMIN on the record', () => {
    const a = article({ status: 'IN_REVIEW' });
    const revisions = [rev(1, 'alice'), rev(2, 'pm')];
    expect(() =>
      planTransition('publish', actor('pm', 'PROBLEM_MANAGER'), a, revisions, 'now'),
    ).toThrow(/edited by the publisher/);
    const other = planTransition('publish', actor('pm2', 'PROBLEM_MANAGER'), a, revisions, 'now');
    expect(other).toEqual({
      props: { status: 'PUBLISHED', reviewer: 'pm2', publishedRevision: 2, publishedAt: 'now' },
      authorOverride: false,
    });
    expect(
      planTransition('publish', actor('pm', 'ADMIN'), a, revisions, 'now').authorOverride,
    ).toBe(true);
  });

  it('reviews a pending edit of a published article and publishes its text', () => {
    const a = article({
      status: 'PUBLISHED',
      publishedAt: 'then',
      publishedRevision: 2,
      pending: { status: 'DRAFT', fields: { title: 'new title', tags: ['x'] } },
    });
    const revisions = [rev(1, 'alice'), rev(2, 'alice'), rev(4, 'bob')];
    expect(stageOf(a)).toBe('DRAFT');
    expect([...editorsSincePublication(a, revisions)]).toEqual(['bob']);
    // The article's author did not write this edit: only its editor or a problem manager submits it.
    expect(() =>
      planTransition('submit', actor('alice', 'ENGINEER'), a, revisions, 'now'),
    ).toThrow();
    expect(planTransition('submit', actor('bob', 'ENGINEER'), a, revisions, 'now').props).toEqual({
      pendingStatus: 'IN_REVIEW',
    });
    const inReview = article({ ...a, pending: { ...a.pending!, status: 'IN_REVIEW' } });
    expect(() =>
      planTransition('publish', actor('bob', 'PROBLEM_MANAGER'), inReview, revisions, 'now'),
    ).toThrow();
    expect(
      planTransition('publish', actor('alice', 'PROBLEM_MANAGER'), inReview, revisions, 'now')
        .props,
    ).toEqual({
      title: 'new title',
      tags: ['x'],
      pendingFields: null,
      pendingStatus: null,
      reviewer: 'alice',
      publishedRevision: 4,
    });
    expect(
      planTransition('reject', actor('pm', 'PROBLEM_MANAGER'), inReview, revisions, 'now').props,
    ).toEqual({
      pendingStatus: 'DRAFT',
      reviewer: 'pm',
    });
    // Retiring works on the published article and drops the pending edit.
    expect(
      planTransition('retire', actor('pm', 'PROBLEM_MANAGER'), a, revisions, 'now').props,
    ).toEqual({
      status: 'RETIRED',
      pendingFields: null,
      pendingStatus: null,
    });
    expect(() =>
      planTransition('publish', actor('pm', 'PROBLEM_MANAGER'), a, revisions, 'now'),
    ).toThrow(/cannot publish an article that is DRAFT/);
  });
});
