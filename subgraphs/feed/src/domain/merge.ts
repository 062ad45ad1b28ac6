import { parseEntry } from './keys';
import { PAGE_OVERFETCH, PAGE_REFETCH_GROWTH } from './settings';

/** A post in a timeline: the sorted-set member (post and author ids) and its score (creation time). */
export interface Entry {
  postId: string;
  authorId: string;
  member: string;
  score: number;
}

/** A position in a timeline: the last entry of the previous page. */
export interface Cursor {
  score: number;
  member: string;
}

export interface TimelinePage {
  entries: Entry[];
  hasNextPage: boolean;
}

/** What one source (a sorted set) gave for a page: its best entries after the cursor. */
export interface SourceRange {
  entries: Entry[];
  /** The source has nothing beyond these entries. */
  exhausted: boolean;
}

/** Newest first; equal times fall back to the member, as a reversed sorted set orders them. */
export function newestFirst(a: Entry, b: Entry): number {
  return b.score - a.score || (a.member < b.member ? 1 : a.member > b.member ? -1 : 0);
}

/** Whether the entry comes after the cursor in newest-first order (every entry, without one). */
export function isAfter(entry: Entry, cursor: Cursor | undefined): boolean {
  if (!cursor) return true;
  return (
    entry.score < cursor.score || (entry.score === cursor.score && entry.member < cursor.member)
  );
}

/**
 * A source's range from the rows one read returned (newest first, at most `rowLimit`, from
 * the cursor's score inclusive): the first `count` entries after the cursor. The source is
 * exhausted when the read came back short of its limit and gave fewer than `count`.
 */
export function rangeAfter(
  rows: readonly { value: string; score: number }[],
  cursor: Cursor | undefined,
  count: number,
  rowLimit: number,
): SourceRange {
  const entries: Entry[] = [];
  for (const { value, score } of rows) {
    if (entries.length === count) break;
    const entry = { ...parseEntry(value), member: value, score };
    if (isAfter(entry, cursor)) entries.push(entry);
  }
  return { entries, exhausted: rows.length < rowLimit && entries.length < count };
}

/**
 * The best `want` entries of several sources' ranges (each asked for `want`), newest first,
 * each member once (a post can be in a home timeline and in an author's recent posts). A
 * source that gave all `want` holds nothing newer that it did not give, so those are enough
 * for the merged best `want`. A source that gave fewer without being exhausted had its read
 * filled by entries tied with the cursor: what it holds past its last entry is unknown, so
 * the candidates stop there (none, if it gave none) and the page reads again, further.
 * `exhausted`: nothing is left beyond the candidates in any source.
 */
export function mergeRanges(
  ranges: readonly SourceRange[],
  want: number,
): { candidates: Entry[]; exhausted: boolean } {
  const byMember = new Map<string, Entry>();
  for (const { entries } of ranges) for (const e of entries) byMember.set(e.member, e);
  const merged = [...byMember.values()].sort(newestFirst);
  let known = Math.min(want, merged.length);
  for (const range of ranges) {
    if (range.exhausted || range.entries.length >= want) continue;
    const last = range.entries.at(-1);
    known = Math.min(known, last ? merged.findIndex((e) => e.member === last.member) + 1 : 0);
  }
  const candidates = merged.slice(0, known);
  const exhausted = ranges.every((r) => r.exhausted) && candidates.length === merged.length;
  return { candidates, exhausted };
}

/**
 * Reads a page of `first` entries. `candidates(want)` gives the merged best `want` entries
 * after the cursor with the deleted ones dropped, and whether the sources are exhausted. A
 * page is decided once it has one live entry more than `first` (so `hasNextPage` is known) or
 * the sources ran dry; until then `want` grows.
 */
export async function readPage(
  first: number,
  candidates: (want: number) => Promise<{ live: Entry[]; exhausted: boolean }>,
): Promise<TimelinePage> {
  for (let want = first + PAGE_OVERFETCH; ; want *= PAGE_REFETCH_GROWTH) {
    const { live, exhausted } = await candidates(want);
    if (live.length > first || exhausted) {
      return { entries: live.slice(0, first), hasNextPage: live.length > first };
    }
  }
}

/** The newest `cap` of these entries (distinct members), newest first: a home timeline. */
export function newestCapped(entries: readonly Entry[], cap: number): Entry[] {
  return [...entries].sort(newestFirst).slice(0, cap);
}

/** Entries grouped by author, in the order first seen (deletion checks go per author). */
export function groupByAuthor(entries: readonly Entry[]): Map<string, Entry[]> {
  const byAuthor = new Map<string, Entry[]>();
  for (const entry of entries) {
    const list = byAuthor.get(entry.authorId);
    if (list) list.push(entry);
    else byAuthor.set(entry.authorId, [entry]);
  }
  return byAuthor;
}
