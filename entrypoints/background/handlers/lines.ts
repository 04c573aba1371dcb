/**
 * The relationship map's lines (utils/shared/relationships.ts): drawn and removed one at a time,
 * on the person each starts from, checked against both people as the store holds them.
 */
import type { Person } from '@/utils/contract/model';
import { lineProblem, withoutLine, type LineProblem } from '@/utils/shared/relationships';
import { type Handlers, HandlerError, write } from './common';

const REFUSAL: Record<LineProblem, string> = {
  self: 'A person cannot have a line to themselves.',
  missing: 'One of these people no longer exists.',
  otherAccount: 'Both people must belong to the same account.',
  duplicate: 'That line is already drawn.',
  tooMany: 'This person already has as many lines as one person may have.',
};

export const lineHandlers = {
  async addLine(req, ctx) {
    return write(ctx, ['people'], async (tx) => {
      const store = tx.objectStore('people');
      const ends = [await store.get(req.fromId), await store.get(req.toId)].filter(
        (p): p is Person => p !== undefined,
      );
      const problem = lineProblem(ends, req.fromId, req.toId, req.kind);
      if (problem) {
        throw new HandlerError(problem === 'missing' ? 'not_found' : 'invalid', REFUSAL[problem]);
      }
      const from = ends.find((p) => p.id === req.fromId)!;
      const line = { to: req.toId, kind: req.kind, note: req.note.trim() };
      const next: Person = { ...from, lines: [...(from.lines ?? []), line] };
      await store.put(next);
      return { data: next, changed: [next.accountId] };
    });
  },

  async removeLine(req, ctx) {
    return write(ctx, ['people'], async (tx) => {
      const from = await tx.objectStore('people').get(req.fromId);
      if (!from) throw new HandlerError('not_found', REFUSAL.missing);
      const lines = withoutLine(from.lines, req.toId, req.kind);
      if (lines.length === (from.lines ?? []).length) return { data: from, changed: [] };
      const next: Person = { ...from, lines };
      await tx.objectStore('people').put(next);
      return { data: next, changed: [next.accountId] };
    });
  },
} satisfies Partial<Handlers>;
