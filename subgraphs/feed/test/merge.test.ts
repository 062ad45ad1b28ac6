import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../src/domain/cursor';
import { entryOf } from '../src/domain/keys';
import {
  type Cursor,
  type Entry,
  groupByAuthor,
  isAfter,
  mergeRanges,
  newestCapped,
  newestFirst,
  rangeAfter,
  readPage,
  type SourceRange,
} from '../src/domain/merge';
import { CURSOR_TIE_ROWS, PAGE_OVERFETCH } from '../src/domain/settings';

// Ids that sort as their number (members compare as strings).
const id = (n: number) => `p${String(n).padStart(4, '0')}`;

function entry(n: number, score: number, authorId = 'a1'): Entry {
  return { postId: id(n), authorId, member: entryOf(id(n), authorId), score };
}

const members = (entries: readonly Entry[]) => entries.map((e) => e.member);

/**
 * What `ZRANGE key <cursor score or +inf> (0 BYSCORE REV LIMIT 0 <rowLimit> WITHSCORES` returns
 * from a sorted set holding `set`: the rows the store hands to `rangeAfter`.
 */
function rowsOf(set: readonly Entry[], cursor: Cursor | undefined, rowLimit: number) {
  return [...set]
    .sort(newestFirst)
    .filter((e) => !cursor || e.score <= cursor.score)
    .slice(0, rowLimit)
    .map((e) => ({ value: e.member, score: e.score }));
}

describe('newest-first order', () => {
  it('orders by time, newest first, and equal times by member descending as ZRANGE REV does', () => {
    const [a, b, c, d] = [entry(1, 100), entry(2, 300), entry(3, 200), entry(4, 200)];
    expect(members([a, b, c, d].sort(newestFirst))).toEqual(members([b, d, c, a]));
  });

  it('puts an entry after the cursor exactly when it comes later in that order', () => {
    const cursor = { score: 200, member: entry(5, 200).member };
    expect(isAfter(entry(1, 100), cursor)).toBe(true);
    expect(isAfter(entry(4, 200), cursor)).toBe(true);
    expect(isAfter(entry(5, 200), cursor)).toBe(false);
    expect(isAfter(entry(6, 200), cursor)).toBe(false);
    expect(isAfter(entry(7, 300), cursor)).toBe(false);
    expect(isAfter(entry(7, 300), undefined)).toBe(true);
  });
});

describe('a source range after the cursor', () => {
  it('skips the rows tied with the cursor up to it, and stops at count', () => {
    const set = [entry(1, 100), entry(2, 200), entry(3, 200), entry(4, 200), entry(5, 300)];
    const cursor = { score: 200, member: entry(3, 200).member };
    const range = rangeAfter(rowsOf(set, cursor, 1 + CURSOR_TIE_ROWS), cursor, 1, 11);
    expect(members(range.entries)).toEqual(members([entry(2, 200)]));
    expect(range.exhausted).toBe(false);
  });

  it('is exhausted when the read came back short and gave less than asked', () => {
    const set = [entry(1, 100), entry(2, 200)];
    const range = rangeAfter(rowsOf(set, undefined, 5 + CURSOR_TIE_ROWS), undefined, 5, 15);
    expect(members(range.entries)).toEqual(members([entry(2, 200), entry(1, 100)]));
    expect(range.exhausted).toBe(true);
  });

  it('is not exhausted when more ties than the spare rows filled the read', () => {
    // The cursor is the newest of many posts of one millisecond: every row read is a tie.
    const ties = Array.from({ length: 3 * CURSOR_TIE_ROWS }, (_, i) => entry(i, 500));
    const cursor = { score: 500, member: entry(0, 500).member };
    const rowLimit = 2 + CURSOR_TIE_ROWS;
    const range = rangeAfter(rowsOf(ties, cursor, rowLimit), cursor, 2, rowLimit);
    expect(range.entries).toEqual([]);
    expect(range.exhausted).toBe(false);
  });
});

describe('merging sources', () => {
  it('keeps each member once, newest first, the best `want`', () => {
    const home: SourceRange = { entries: [entry(4, 400), entry(2, 200)], exhausted: true };
    const celebrity: SourceRange = {
      entries: [entry(5, 500, 'c'), entry(4, 400), entry(3, 300, 'c')],
      exhausted: true,
    };
    const merged = mergeRanges([home, celebrity], 3);
    expect(members(merged.candidates)).toEqual(
      members([entry(5, 500, 'c'), entry(4, 400), entry(3, 300, 'c')]),
    );
    // A candidate was cut (entry 2): the page could go on.
    expect(merged.exhausted).toBe(false);
    expect(mergeRanges([home, celebrity], 4).exhausted).toBe(true);
  });

  it('stops at the last entry of a source whose read was filled by ties with the cursor', () => {
    const full: SourceRange = {
      entries: [entry(5, 500), entry(3, 300), entry(1, 100)],
      exhausted: false,
    };
    const short: SourceRange = { entries: [entry(4, 400, 'b')], exhausted: false };
    expect(members(mergeRanges([full, short], 3).candidates)).toEqual(
      members([entry(5, 500), entry(4, 400, 'b')]),
    );
    const empty: SourceRange = { entries: [], exhausted: false };
    expect(mergeRanges([full, empty], 3)).toEqual({ candidates: [], exhausted: false });
  });

  it('is exhausted only when every source is', () => {
    const done: SourceRange = { entries: [entry(1, 100)], exhausted: true };
    const more: SourceRange = { entries: [entry(2, 200)], exhausted: false };
    expect(mergeRanges([done, more], 10).exhausted).toBe(false);
    expect(mergeRanges([done], 10).exhausted).toBe(true);
    expect(mergeRanges([], 10)).toEqual({ candidates: [], exhausted: true });
  });
});

describe('reading a page', () => {
  /** Candidates from `all` (newest first) with the `deleted` ones dropped; counts the reads. */
  function source(all: Entry[], deleted: Set<number> = new Set()) {
    const wants: number[] = [];
    const candidates = async (want: number) => {
      wants.push(want);
      const best = all.slice(0, want);
      return {
        live: best.filter((_, i) => !deleted.has(i)),
        exhausted: best.length === all.length,
      };
    };
    return { candidates, wants };
  }
  const timeline = Array.from({ length: 100 }, (_, i) => entry(i, 1000 - i));

  it('reads once when a few candidates were deleted', async () => {
    const deleted = new Set([0, 3, 7, 11].slice(0, PAGE_OVERFETCH - 1));
    const { candidates, wants } = source(timeline, deleted);
    const page = await readPage(20, candidates);
    expect(page.entries).toHaveLength(20);
    expect(page.entries.map((e) => e.postId)).not.toContain(id(3));
    expect(page.hasNextPage).toBe(true);
    expect(wants).toEqual([20 + PAGE_OVERFETCH]);
  });

  it('reads again when one more was deleted', async () => {
    const deleted = new Set(Array.from({ length: PAGE_OVERFETCH }, (_, i) => i * 2));
    const { candidates, wants } = source(timeline, deleted);
    expect((await readPage(20, candidates)).entries).toHaveLength(20);
    expect(wants).toHaveLength(2);
  });

  it('reads more, growing, while deleted posts leave the page short', async () => {
    const deleted = new Set(Array.from({ length: 60 }, (_, i) => i));
    const { candidates, wants } = source(timeline, deleted);
    const page = await readPage(20, candidates);
    expect(page.entries.map((e) => e.postId)).toEqual(timeline.slice(60, 80).map((e) => e.postId));
    expect(page.hasNextPage).toBe(true);
    expect(wants.length).toBeGreaterThan(1);
    expect(wants).toEqual([...wants].sort((a, b) => a - b));
  });

  it('ends without a next page when the sources run dry', async () => {
    const { candidates } = source(timeline.slice(0, 20));
    expect(await readPage(20, candidates)).toMatchObject({ hasNextPage: false });
    const { candidates: few } = source(timeline.slice(0, 3));
    const page = await readPage(20, few);
    expect(page).toEqual({ entries: timeline.slice(0, 3), hasNextPage: false });
  });

  it('answers first: 0 with no entries, telling whether there are any', async () => {
    expect(await readPage(0, source(timeline).candidates)).toEqual({
      entries: [],
      hasNextPage: true,
    });
    expect(await readPage(0, source([]).candidates)).toEqual({ entries: [], hasNextPage: false });
  });
});

describe('paging through merged sources with cursors', () => {
  it('serves every entry once, in order, whatever the ties and overlaps', async () => {
    // A home timeline and two authors merged at read time: a burst of 3x the spare rows in
    // one millisecond, smaller ties, and posts that are in the home and an author's list too.
    const all = Array.from({ length: 150 }, (_, n) => {
      const score = n < 3 * CURSOR_TIE_ROWS ? 10_000 : 9_000 - Math.floor(n / 4);
      return entry(n, score, ['c', 'o', 'a1'][n % 3]);
    });
    const celebrity = all.filter((e) => e.authorId === 'c');
    const other = all.filter((e) => e.authorId === 'o');
    const home = all.filter((e, n) => e.authorId !== 'c' || n % 2 === 0);
    const sources = [home, celebrity, other];

    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const cursor = decodeCursor(after);
      const page = await readPage(7, async (want) => {
        const rowLimit = want + CURSOR_TIE_ROWS;
        const ranges = sources.map((set) =>
          rangeAfter(rowsOf(set, cursor, rowLimit), cursor, want, rowLimit),
        );
        const { candidates, exhausted } = mergeRanges(ranges, want);
        return { live: candidates, exhausted };
      });
      seen.push(...members(page.entries));
      const last = page.entries.at(-1);
      if (!page.hasNextPage || !last) break;
      after = encodeCursor(last);
    }
    expect(seen).toEqual(members([...all].sort(newestFirst)));
  });
});

describe('home timelines and deletion checks', () => {
  it('keeps the newest `cap` entries of several authors', () => {
    const lists = [entry(1, 100), entry(2, 400), entry(3, 300, 'b'), entry(4, 200, 'b')];
    expect(members(newestCapped(lists, 2))).toEqual(members([entry(2, 400), entry(3, 300, 'b')]));
    expect(newestCapped([], 2)).toEqual([]);
  });

  it('groups entries by author in the order first seen', () => {
    const grouped = groupByAuthor([entry(1, 1, 'b'), entry(2, 2, 'a'), entry(3, 3, 'b')]);
    expect([...grouped.keys()]).toEqual(['b', 'a']);
    expect(grouped.get('b')?.map((e) => e.postId)).toEqual([id(1), id(3)]);
  });
});
