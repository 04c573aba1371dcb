/**
 * The relationship map of an account: lines between its people, each of a kind (LINE_KINDS) with
 * an optional note. A line is stored on the person it starts from (Person.lines), so it goes and
 * comes back with that person; a line whose other end is gone (deleted, or moved to another
 * account) is kept but not shown, and shows again when that person is restored.
 */
import type { Line, Person } from '@/utils/contract/model';
import type { LineKind } from '@/utils/contract/enums';
import { MAX_LINES } from '@/utils/contract/limits';

/** Lines that read the same both ways: the reverse of one is a duplicate of it. */
const BOTH_WAYS: ReadonlySet<LineKind> = new Set(['conflicts_with', 'informal']);

export type LineProblem = 'self' | 'missing' | 'otherAccount' | 'duplicate' | 'tooMany';

export interface DrawnLine {
  from: Person;
  to: Person;
  kind: LineKind;
  note: string;
}

/** Whether a line from `fromId` to `toId` of `kind` may be added to these people; null if it may. */
export function lineProblem(
  people: readonly Person[],
  fromId: string,
  toId: string,
  kind: LineKind,
): LineProblem | null {
  if (fromId === toId) return 'self';
  const from = people.find((p) => p.id === fromId);
  const to = people.find((p) => p.id === toId);
  if (!from || !to) return 'missing';
  if (from.accountId !== to.accountId) return 'otherAccount';
  const same = (p: Person, other: string) =>
    (p.lines ?? []).some((l) => l.to === other && l.kind === kind);
  if (same(from, toId) || (BOTH_WAYS.has(kind) && same(to, fromId))) return 'duplicate';
  if ((from.lines ?? []).length >= MAX_LINES) return 'tooMany';
  return null;
}

/** The lines of one account that can be drawn: both ends present and in that account. */
export function accountLines(people: readonly Person[], accountId: string): DrawnLine[] {
  const byId = new Map(people.filter((p) => p.accountId === accountId).map((p) => [p.id, p]));
  const drawn: DrawnLine[] = [];
  for (const from of byId.values()) {
    for (const line of from.lines ?? []) {
      const to = byId.get(line.to);
      if (to && to !== from) drawn.push({ from, to, kind: line.kind, note: line.note });
    }
  }
  return drawn;
}

/** The person's lines without the one given (matched by its other end and kind). */
export function withoutLine(
  lines: readonly Line[] | undefined,
  to: string,
  kind: LineKind,
): Line[] {
  return (lines ?? []).filter((l) => !(l.to === to && l.kind === kind));
}

/** The i18n key of a line's sentence: "$1 reports to $2" and so on. */
export const LINE_SENTENCE = {
  reports_to: 'lineReportsTo',
  influences: 'lineInfluences',
  conflicts_with: 'lineConflictsWith',
  informal: 'lineInformal',
} as const satisfies Record<LineKind, string>;

/** The i18n key of each problem's explanation. */
export const LINE_PROBLEM = {
  self: 'lineErrorSelf',
  missing: 'lineErrorMissing',
  otherAccount: 'lineErrorOtherAccount',
  duplicate: 'lineErrorDuplicate',
  tooMany: 'lineErrorTooMany',
} as const satisfies Record<LineProblem, string>;
