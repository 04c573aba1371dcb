/**
 * The operation-id log (the `ops` store) that makes a retried write safe: a write carrying an id
 * already applied is answered as the first time, not applied again.
 *
 * An id is bound to the message that first used it and to who sent it (sender kind and tab). A
 * replay under another message name or from another sender is refused whole: without the binding,
 * a harmless write sent with an erase's id would be handed the erase's answer, every record the
 * user had.
 */
import type { IDBPTransaction } from 'idb';
import type { RapportSchema, StoreName } from './db';

/** Who sent an operation and as what message: the key an opId's answer is locked to. */
export interface OpTag {
  id: string;
  name: string;
  /** "extension-page@12", "sidebar-frame@7", "extension-page@-" (a page with no tab: the popup). */
  sender: string;
}

/** The sender part of an OpTag: the router's sender kind and the tab it came from. */
export function senderTag(kind: string, tabId: number | undefined): string {
  return `${kind}@${tabId ?? '-'}`;
}

/** The answer of an erase once its page has kept the backup: the retry copy is gone. */
export interface ReleasedAnswer {
  released: true;
}

export class OpReplayError extends Error {
  constructor(
    readonly code: 'invalid' | 'conflict',
    message: string,
  ) {
    super(message);
  }
}

type OpsTx = IDBPTransaction<RapportSchema, StoreName[], 'readwrite'>;

/**
 * The first answer for `op`, or undefined when it was never applied. Throws OpReplayError for an
 * id used by another message or sender, and for an answer already handed over and released.
 */
export async function appliedAnswer(
  tx: OpsTx,
  op: OpTag,
): Promise<{ result: unknown } | undefined> {
  const applied = await tx.objectStore('ops').get(op.id);
  if (!applied) return undefined;
  // Records from before the binding carry no name or sender: they match nothing.
  if (applied.name !== op.name || applied.sender !== op.sender)
    throw new OpReplayError('invalid', 'That operation id belongs to another message.');
  if (isReleased(applied.result))
    throw new OpReplayError(
      'conflict',
      'This was already done, and its answer was handed over. Nothing was changed.',
    );
  return { result: applied.result };
}

export async function recordApplied(
  tx: OpsTx,
  op: OpTag,
  at: number,
  result: unknown,
): Promise<void> {
  await tx.objectStore('ops').put({ opId: op.id, name: op.name, sender: op.sender, at, result });
}

/**
 * Drops the answer of every applied `name` operation, keeping only the fact that it was applied
 * (so a late retry is refused, never applied again): for an erase whose page has its backup.
 */
export async function releaseAnswers(tx: OpsTx, name: string): Promise<number> {
  let released = 0;
  let cursor = await tx.objectStore('ops').openCursor();
  while (cursor) {
    if (cursor.value.name === name && !isReleased(cursor.value.result)) {
      const answer: ReleasedAnswer = { released: true };
      await cursor.update({ ...cursor.value, result: answer });
      released++;
    }
    cursor = await cursor.continue();
  }
  return released;
}

function isReleased(result: unknown): result is ReleasedAnswer {
  return (
    typeof result === 'object' && result !== null && (result as ReleasedAnswer).released === true
  );
}
