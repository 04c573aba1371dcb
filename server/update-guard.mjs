// What the server checks in every update a client sends, before Hocuspocus applies it (the
// beforeHandleMessage hook; a rejection closes that document's connection with the reason, and
// the update is neither applied, stored nor relayed). The client keeps its own copy and states
// the reason (entrypoints/background/sync/sync-errors.ts).
// - Size: a document may not grow past its limit (account documents and a person's own document
//   have their own limits, config.mjs). A document already past it stays readable.
// - Attribution: a shared account's history ("who changed what": `log` entries { by, at, what })
//   may only name the person signed in on this connection. Entries the server already has are
//   not checked again (a client may send back what it received).
// - History: a shared account's history is kept. An update that deletes entries of its `log`
//   (beyond the oldest ones a browser drops to keep LOG_KEEP), or removes or rewrites a stage
//   change (`stageChanges`), is refused: an editor cannot erase who changed what, or a stage
//   the account went through. So is an update that deletes items the server does not have yet
//   (a deletion Yjs would apply to a teammate's next entries as they arrive). Decisions are not
//   history in this sense: a person may delete one (with undo), and the log says who changed
//   the decisions and when.
import * as Y from 'yjs';
import { parseDocumentName } from './access.mjs';
import { readSyncUpdate } from './sync-message.mjs';

export const TOO_LARGE = Object.freeze({ code: 4413, reason: 'rapport-document-too-large' });
export const FORGED_AUTHOR = Object.freeze({ code: 4422, reason: 'rapport-forged-author' });
export const HISTORY_DELETED = Object.freeze({ code: 4423, reason: 'rapport-history-deleted' });

/** The log entries a browser keeps (entrypoints/background/sync/change-log.ts, KEEP). */
export const LOG_KEEP = 300;

/**
 * The items of `document` an update's delete set removes (not already removed), each with the
 * part of it deleted. Items the update itself inserts are not in the document yet: skipped.
 */
function* deletedItems(document, update) {
  for (const [client, ranges] of Y.decodeUpdate(update).ds.clients) {
    const structs = document.store.clients.get(client);
    if (!structs || structs.length === 0) continue;
    const last = structs[structs.length - 1];
    const known = last.id.clock + last.length;
    for (const { clock, len } of ranges) {
      if (clock >= known) continue;
      const end = clock + len;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
        const struct = structs[i];
        if (struct.id.clock >= end) break;
        if (!(struct instanceof Y.Item) || struct.deleted) continue;
        const from = Math.max(clock, struct.id.clock);
        yield { item: struct, from, to: Math.min(end, struct.id.clock + struct.length) };
      }
    }
  }
}

/**
 * Whether an update deletes items that neither the server nor the update itself holds. Yjs
 * keeps such a deletion and applies it when the items come: sent ahead of a teammate's next log
 * entries or stage changes, it would erase them as they arrive, where no check sees it.
 */
function deletesAhead(document, update) {
  const { structs, ds } = Y.decodeUpdate(update);
  if (ds.clients.size === 0) return false;
  const reach = Y.decodeStateVector(Y.encodeStateVector(document));
  for (const struct of structs) {
    if (!(struct instanceof Y.Item || struct instanceof Y.GC)) continue; // a gap (Skip)
    const { client, clock } = struct.id;
    const at = reach.get(client) ?? 0;
    if (clock <= at) reach.set(client, Math.max(at, clock + struct.length));
  }
  for (const [client, ranges] of ds.clients) {
    for (const { clock, len } of ranges) if (clock + len > (reach.get(client) ?? 0)) return true;
  }
  return false;
}

/**
 * Whether an update writes into a stage change the server already has: one is written whole
 * when it is made (all its keys), so a key added later rewrites it as surely as a changed one.
 */
function addsToStageChange(document, update, stages) {
  const known = Y.decodeStateVector(Y.encodeStateVector(document));
  for (const struct of Y.decodeUpdate(update).structs) {
    const parent = struct instanceof Y.Item ? struct.parent : null;
    // A root type (a name), or placed by its neighbours (whose own changes are deletions).
    if (parent === null || typeof parent === 'string') continue;
    if (struct.id.clock + struct.length <= (known.get(struct.id.client) ?? 0)) continue;
    if (parent.clock >= (known.get(parent.client) ?? 0)) continue; // made by this update
    if (Y.getItem(document.store, parent)?.parent === stages) return true;
  }
  return false;
}

/** Each countable item of a Y.Array with the index of its first element. */
function indexesOf(array) {
  const at = new Map();
  let index = 0;
  for (let item = array._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue;
    at.set(item, index);
    index += item.length;
  }
  return at;
}

/** The values an update inserts that a reader of the document could take for a log entry. */
function* insertedValues(update, known) {
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item)) continue;
    // Already on the server: applying it again changes nothing.
    if (struct.id.clock + struct.length <= (known.get(struct.id.client) ?? 0)) continue;
    const { content } = struct;
    if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) yield* content.arr;
    else if (content instanceof Y.ContentEmbed) yield content.embed;
  }
}

/**
 * The address an inserted value claims as its author, for values shaped like a log entry. Found
 * along the prototype chain, as a reader finds it: Yjs decodes a "__proto__" key by assignment,
 * so an entry can carry `by` in its prototype rather than as a key of its own.
 */
const claimedAuthor = (value) =>
  value !== null && typeof value === 'object' && 'by' in value ? value.by : undefined;

/**
 * How many entries signed by `who` an update adds to the log itself: the update is applied to a
 * copy of the document, and the log read back. Asked only when an update drops log entries, so
 * that what pays for a dropped entry is an entry of the log, not a value written elsewhere.
 */
function entriesAddedToLog(document, update, who) {
  const known = Y.decodeStateVector(Y.encodeStateVector(document));
  const after = new Y.Doc({ gc: false });
  Y.applyUpdate(after, Y.encodeStateAsUpdate(document));
  Y.applyUpdate(after, update);
  let added = 0;
  for (let item = after.getArray('log')._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue;
    // Yjs may merge a new item into one the server had: only its new part counts.
    const skip = Math.max(0, (known.get(item.id.client) ?? 0) - item.id.clock);
    for (const value of item.content.getContent().slice(skip)) {
      if (claimedAuthor(value) === who) added += 1;
    }
  }
  after.destroy();
  return added;
}

export function createUpdateGuard({ maxDocumentBytes, maxPersonalBytes, log = () => {} }) {
  // A document's encoded size, measured when first needed and then grown by each update let
  // through (an upper bound: an update often overlaps what is there). Measured again only
  // when that bound would pass the limit.
  const sizes = new WeakMap();
  const measure = (document) => {
    const size = Y.encodeStateAsUpdate(document).length;
    sizes.set(document, size);
    return size;
  };

  function checkSize(document, documentName, update, who) {
    const limit =
      parseDocumentName(documentName)?.kind === 'user' ? maxPersonalBytes : maxDocumentBytes;
    let size = sizes.get(document) ?? measure(document);
    if (size + update.length > limit) size = measure(document);
    if (size + update.length > limit) {
      log(
        `refused ${update.length} bytes from ${who} on ${documentName}: ${size} bytes already, ` +
          `limit ${limit}`,
      );
      throw TOO_LARGE;
    }
    sizes.set(document, size + update.length);
  }

  /** Refuses a forged author. */
  function checkAuthors(document, documentName, update, who) {
    const known = Y.decodeStateVector(Y.encodeStateVector(document));
    for (const value of insertedValues(update, known)) {
      const by = claimedAuthor(value);
      if (by !== undefined && by !== who) {
        log(`refused an update from ${who} on ${documentName}: a change logged as ${String(by)}`);
        throw FORGED_AUTHOR;
      }
    }
  }

  function checkHistory(document, documentName, update, who) {
    if (parseDocumentName(documentName)?.kind !== 'account') return;
    const stages = document.share.get('stageChanges');
    const history = document.share.get('log');
    let logIndexes = null;
    let added = null;
    const refuse = (what) => {
      log(`refused an update from ${who} on ${documentName}: it deletes ${what}`);
      throw HISTORY_DELETED;
    };
    if (deletesAhead(document, update)) refuse('items the server does not have yet');
    if (stages && addsToStageChange(document, update, stages))
      refuse('a stage change (a key added to it)');
    for (const { item, to } of deletedItems(document, update)) {
      const parent = item.parent;
      if (stages && (parent === stages || parent?._item?.parent === stages))
        refuse('a stage change');
      if (!history || parent !== history) continue;
      // Only the oldest entries past LOG_KEEP, counting those this update adds, may go.
      logIndexes ??= indexesOf(history);
      added ??= entriesAddedToLog(document, update, who);
      const last = logIndexes.get(item) + (to - 1 - item.id.clock);
      // _length: the server may hold the log as a bare AbstractType (it never asked for a Y.Array).
      if (last >= history._length + added - LOG_KEEP) refuse('history entries');
    }
  }

  return {
    extensionName: 'rapport-update-guard',
    // After the access check (priority 1000): a refused person is told that, not this.
    priority: 900,
    async beforeHandleMessage({ update: message, document, documentName, context }) {
      const update = readSyncUpdate(message);
      if (update === null) {
        // Not a document update (awareness, a sync request...): only its size is bounded.
        if (message.length > maxDocumentBytes) throw TOO_LARGE;
        return;
      }
      const who = context?.email ?? '';
      checkSize(document, documentName, update, who);
      checkAuthors(document, documentName, update, who);
      checkHistory(document, documentName, update, who);
    },
  };
}
