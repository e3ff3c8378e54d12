import { needsReview, reviewByOf, type UsageFacts } from './review.js';

const none: UsageFacts = { uses: 0, helpful: 0, lastUsedAt: null, affectedRetired: false };
const published = { status: 'PUBLISHED', reviewBy: null, publishedAt: '2026-03-10T08:00:00.000Z' };

describe('review', () => {
  it('defaults the review date to a year after publishing, keeps a set one, and has none before', () => {
    expect(reviewByOf(published)).toBe('2027-03-10');
    expect(reviewByOf({ ...published, reviewBy: '2026-06-01' })).toBe('2026-06-01');
    expect(reviewByOf({ reviewBy: null, publishedAt: null })).toBeNull();
    expect(reviewByOf({ ...published, publishedAt: '2028-02-29T23:00:00.000Z' })).toBe(
      '2029-02-28',
    );
  });

  it('flags an article whose review date has passed (the day after it, not on it)', () => {
    expect(needsReview(published, none, '2027-03-10')).toBe(false);
    expect(needsReview(published, none, '2027-03-11')).toBe(true);
  });

  it('flags an article that applies to a retired CI', () => {
    expect(needsReview(published, { ...none, affectedRetired: true }, '2026-12-02')).toBe(true);
  });

  it('flags more than a third of at least three uses not helpful', () => {
    const at = (uses: number, helpful: number) =>
      needsReview(published, { ...none, uses, helpful }, '2026-12-02');
    expect(at(2, 0)).toBe(false); // too few uses to judge
    expect(at(3, 2)).toBe(false); // exactly a third
    expect(at(3, 1)).toBe(true);
    expect(at(10, 6)).toBe(true); // 4 of 10
    expect(at(10, 7)).toBe(false); // 3 of 10
  });

  it('never flags a retired article', () => {
    const retired = { ...published, status: 'RETIRED' };
    expect(
      needsReview(
        retired,
        { uses: 9, helpful: 0, lastUsedAt: null, affectedRetired: true },
        '2030-01-01',
      ),
    ).toBe(false);
  });
});
