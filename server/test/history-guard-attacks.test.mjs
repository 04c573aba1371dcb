// Ways an editor's tampered browser might still erase a shared account's history past the
// update guard (update-guard.mjs), each checked on the guard itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { syncMessage } from './helpers.mjs';
import { createUpdateGuard, HISTORY_DELETED, LOG_KEEP } from '../update-guard.mjs';

const DOC = 'account:acme-history-02';
const entry = (by, at) => ({ by, at, what: ['stage'] });

function setUp() {
  const guard = createUpdateGuard({ maxDocumentBytes: 1 << 24, maxPersonalBytes: 1 << 24 });
  const onServer = new Y.Doc();
  onServer
    .getArray('log')
    .push(Array.from({ length: LOG_KEEP }, (_, i) => entry('alice@firm.com', i + 1)));
  const asBob = (change) => {
    const bob = new Y.Doc();
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(onServer));
    const before = Y.encodeStateVector(bob);
    bob.transact(() => change(bob));
    const update = Y.encodeStateAsUpdate(bob, before);
    return guard
      .beforeHandleMessage({
        update: syncMessage(DOC, update),
        document: onServer,
        documentName: DOC,
        context: { email: 'bob@firm.com' },
      })
      .then(() => Y.applyUpdate(onServer, update));
  };
  return { onServer, asBob };
}

test('entries written outside the log do not pay for deleting entries of the log', async () => {
  const { onServer, asBob } = setUp();
  // Bob's own "entries" go into some other array; the whole log goes with them.
  await assert.rejects(
    asBob((doc) => {
      doc
        .getArray('notes-of-bob')
        .push(Array.from({ length: LOG_KEEP }, (_, i) => entry('bob@firm.com', i + 1)));
      doc.getArray('log').delete(0, LOG_KEEP);
    }),
    HISTORY_DELETED,
  );
  // The same through one map key written many times over.
  await assert.rejects(
    asBob((doc) => {
      for (let i = 0; i < LOG_KEEP; i++) doc.getMap('scratch').set('x', entry('bob@firm.com', i));
      doc.getArray('log').delete(0, 1);
    }),
    HISTORY_DELETED,
  );
  assert.equal(onServer.getArray('log').length, LOG_KEEP, 'alice’s entries are all there');
  assert.equal(onServer.getArray('log').get(0).by, 'alice@firm.com');
});

test('the log still drops its oldest entry for one pushed into it', async () => {
  const { onServer, asBob } = setUp();
  await asBob((doc) => {
    const log = doc.getArray('log');
    log.push([entry('bob@firm.com', 1000)]);
    log.delete(0, log.length - LOG_KEEP);
  });
  const log = onServer.getArray('log');
  assert.equal(log.length, LOG_KEEP);
  assert.equal(log.get(0).at, 2);
  assert.equal(log.get(LOG_KEEP - 1).by, 'bob@firm.com');
});

test('one browser pushing entry after entry keeps trimming the oldest (its items merge)', async () => {
  const { onServer } = setUp();
  const guard = createUpdateGuard({ maxDocumentBytes: 1 << 24, maxPersonalBytes: 1 << 24 });
  const bob = new Y.Doc();
  Y.applyUpdate(bob, Y.encodeStateAsUpdate(onServer));
  for (let at = 1000; at < 1005; at++) {
    const before = Y.encodeStateVector(bob);
    bob.transact(() => {
      const log = bob.getArray('log');
      log.push([entry('bob@firm.com', at)]);
      log.delete(0, log.length - LOG_KEEP);
    });
    const update = Y.encodeStateAsUpdate(bob, before);
    await guard.beforeHandleMessage({
      update: syncMessage(DOC, update),
      document: onServer,
      documentName: DOC,
      context: { email: 'bob@firm.com' },
    });
    Y.applyUpdate(onServer, update);
  }
  const log = onServer.getArray('log');
  assert.equal(log.length, LOG_KEEP);
  assert.deepEqual(
    log.slice(-5).map((e) => e.at),
    [1000, 1001, 1002, 1003, 1004],
  );
});
