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

/**
 * An erase's answer once its page had kept the backup, from when an erase answered with the whole
 * backup: such records may still sit in the log, and a retry of them is refused.
 */
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

function isReleased(result: unknown): result is ReleasedAnswer {
  return (
    typeof result === 'object' && result !== null && (result as ReleasedAnswer).released === true
  );
}
