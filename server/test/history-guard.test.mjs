import { test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { startServer, waitFor, sleep, teamOn, syncMessage } from './helpers.mjs';
import { createUpdateGuard, HISTORY_DELETED, LOG_KEEP } from '../update-guard.mjs';

const DOC = 'account:acme-history-01';

function client(t, server, token) {
  const document = new Y.Doc();
  const closed = [];
  const provider = new HocuspocusProvider({
    url: server.url,
    name: DOC,
    document,
    token,
    WebSocketPolyfill: WebSocket,
    onClose: ({ event }) => closed.push(event.reason),
  });
  t.after(() => provider.destroy());
  return { document, provider, closed };
}

const entry = (by, at) => ({ by, at, what: ['stage'] });

test('an editor cannot delete history: log entries and stage changes stay on the server', async (t) => {
  const server = await startServer(t);
  const tokens = await teamOn(server, DOC, { bob: 'editor' });
  const alice = client(t, server, tokens.alice);
  const bob = client(t, server, tokens.bob);
  await waitFor(() => alice.provider.isSynced && bob.provider.isSynced, { what: 'both synced' });
  alice.document.transact(() => {
    alice.document.getArray('log').push([entry('alice@firm.com', 1), entry('alice@firm.com', 2)]);
    const change = new Y.Map();
    alice.document.getMap('stageChanges').set('sc-1', change);
    change.set('to', 'strategic');
    change.set('reason', 'board approved');
    const decision = new Y.Map();
    alice.document.getMap('decisions').set('d-1', decision);
    decision.set('what', 'pilot');
  });
  await waitFor(() => bob.document.getArray('log').length === 2, { what: 'bob has the history' });

  // A tampered browser signed in as bob removes alice's entry.
  bob.document.getArray('log').delete(0, 1);
  await waitFor(() => bob.closed.includes(HISTORY_DELETED.reason), { what: 'bob told why' });
  await sleep(200);
  assert.equal(alice.document.getArray('log').length, 2, 'alice still has both entries');

  // Again, for a stage change: removed, or rewritten.
  for (const tamper of [
    (doc) => doc.getMap('stageChanges').delete('sc-1'),
    (doc) => doc.getMap('stageChanges').get('sc-1').set('reason', 'nothing happened'),
  ]) {
    const again = client(t, server, tokens.bob);
    await waitFor(() => again.provider.isSynced, { what: 'bob again' });
    tamper(again.document);
    await waitFor(() => again.closed.includes(HISTORY_DELETED.reason), { what: 'refused' });
  }
  await sleep(200);
  const change = alice.document.getMap('stageChanges').get('sc-1');
  assert.equal(change?.get('reason'), 'board approved', 'the stage change is as alice wrote it');

  // Deleting a decision is a person's ordinary edit (with undo in the extension): it goes through.
  const honest = client(t, server, tokens.bob);
  await waitFor(() => honest.provider.isSynced, { what: 'bob honest' });
  honest.document.getMap('decisions').delete('d-1');
  await waitFor(() => !alice.document.getMap('decisions').has('d-1'), { what: 'decision gone' });
  assert.deepEqual(honest.closed, []);
});

test('the log may drop its oldest entries past the kept number, and only those', async () => {
  const guard = createUpdateGuard({ maxDocumentBytes: 1 << 24, maxPersonalBytes: 1 << 24 });
  const onServer = new Y.Doc();
  onServer
    .getArray('log')
    .push(Array.from({ length: LOG_KEEP }, (_, i) => entry('alice@firm.com', i + 1)));
  const asBob = (change, documentName = DOC) => {
    const bob = new Y.Doc();
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(onServer));
    const before = Y.encodeStateVector(bob);
    bob.transact(() => change(bob.getArray('log')));
    return guard.beforeHandleMessage({
      update: syncMessage(documentName, Y.encodeStateAsUpdate(bob, before)),
      document: onServer,
      documentName,
      context: { email: 'bob@firm.com' },
    });
  };
  // As change-log.ts does: one entry pushed, the oldest dropped to keep LOG_KEEP.
  await asBob((log) => {
    log.push([entry('bob@firm.com', 1000)]);
    log.delete(0, log.length - LOG_KEEP);
  });
  // Dropping a newer one instead, or two for one pushed, or one with nothing pushed: refused.
  await assert.rejects(
    asBob((log) => {
      log.push([entry('bob@firm.com', 1001)]);
      log.delete(5, 1);
    }),
    HISTORY_DELETED,
  );
  await assert.rejects(
    asBob((log) => {
      log.push([entry('bob@firm.com', 1002)]);
      log.delete(0, 2);
    }),
    HISTORY_DELETED,
  );
  await assert.rejects(
    asBob((log) => log.delete(0, 1)),
    HISTORY_DELETED,
  );
  // A person's own document is theirs to change: not checked.
  await asBob((log) => log.delete(0, 10), 'user:bob@firm.com');
});
