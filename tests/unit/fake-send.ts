/** A recording `send` for tests of the views (sidebar, follow-up form), answering from a table. */
import { vi } from 'vitest';
import type { Send } from '@/components/sidebar-types';
import type { Result } from '@/utils/contract/messages';

export type Answer = (request: never) => Result<unknown> | unknown;

/** Answers a view gets unless a test says otherwise, for messages that answer a list. */
const LIST_ANSWERS: Record<string, Answer> = { getTeamOwners: () => [] };

/**
 * A `send` that records every call and answers from `answers` (ok with {} by default, or an empty
 * list for a message that answers one). Nothing is filtered out: a view that asks for more than
 * the tests expect shows in `calls`.
 */
export function fakeSend(answers: Record<string, Answer> = {}) {
  const calls: { name: string; request: unknown }[] = [];
  const fn = vi.fn(async (name: string, request: unknown) => {
    calls.push({ name, request });
    const answer = (answers[name] ?? LIST_ANSWERS[name])?.(request as never);
    if (answer && typeof answer === 'object' && 'ok' in answer) return answer;
    return { ok: true, data: answer ?? {} };
  });
  return { send: fn as unknown as Send, calls };
}

/** The card's two lines of an account never shared, with no open opportunity. */
export const PLAIN_LINES = {
  sync: null,
  opportunities: { count: 0, biggest: null, alsoIn: [] },
} as const;
