// Ways an editor's tampered browser might still erase a shared account's history past the
// update guard (update-guard.mjs), each checked on the guard itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import {
  editThroughGuard,
  fullLogOnServer,
  logEntry as entry,
  roomyGuard,
  throughGuard,
} from './helpers.mjs';
import { HISTORY_DELETED, LOG_KEEP } from '../update-guard.mjs';

const DOC = 'account:acme-history-02';

/** A full log on the server; bob's edits that the guard lets through are applied to it. */
function setUp() {
  const { guard, onServer } = fullLogOnServer();
  const asBob = async (change) => {
    const update = await editThroughGuard(guard, onServer, change, { documentName: DOC });
    Y.applyUpdate(onServer, update);
  };
  return { guard, onServer, asBob };
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
  const { guard, onServer } = setUp();
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
    await throughGuard(guard, { update, document: onServer, documentName: DOC });
    Y.applyUpdate(onServer, update);
  }
  const log = onServer.getArray('log');
  assert.equal(log.length, LOG_KEEP);
  assert.deepEqual(
    log.slice(-5).map((e) => e.at),
    [1000, 1001, 1002, 1003, 1004],
  );
});

test("deleting a teammate's next entries before they exist is refused", async () => {
  const guard = roomyGuard();
  const alice = new Y.Doc();
  alice.getArray('log').push([entry('alice@firm.com', 1)]);
  const onServer = new Y.Doc();
  Y.applyUpdate(onServer, Y.encodeStateAsUpdate(alice));
  const send = async (update, email) => {
    await throughGuard(guard, { update, document: onServer, documentName: DOC, email });
    Y.applyUpdate(onServer, update);
  };
  // bob writes, as alice's browser would, what comes next in her log and the stage history, and
  // sends only the deletion of those future items (no items, just their ids).
  const future = new Y.Doc();
  Y.applyUpdate(future, Y.encodeStateAsUpdate(alice));
  future.clientID = alice.clientID;
  const log = future.getArray('log');
  for (let at = 2; at < 50; at++) log.push([entry('alice@firm.com', at)]);
  future.getMap('stageChanges').set('sc-1', 'strategic');
  log.delete(1, log.length - 1);
  future.getMap('stageChanges').delete('sc-1');
  const deletion = Y.encodeStateAsUpdate(future, Y.encodeStateVector(future));
  await assert.rejects(send(deletion, 'bob@firm.com'), HISTORY_DELETED);
  // alice's next entry stays on the server.
  const before = Y.encodeStateVector(alice);
  alice.getArray('log').push([entry('alice@firm.com', 2)]);
  alice.getMap('stageChanges').set('sc-1', 'strategic');
  await send(Y.encodeStateAsUpdate(alice, before), 'alice@firm.com');
  assert.deepEqual(
    onServer
      .getArray('log')
      .toArray()
      .map((e) => e.at),
    [1, 2],
  );
  assert.equal(onServer.getMap('stageChanges').get('sc-1'), 'strategic');
});

test('a stage change cannot be rewritten by adding to it: a key it did not have stays out', async () => {
  const guard = roomyGuard();
  const onServer = new Y.Doc();
  onServer.transact(() => {
    const change = new Y.Map();
    onServer.getMap('stageChanges').set('sc-1', change);
    change.set('to', 'strategic');
  });
  const asBob = (change) => editThroughGuard(guard, onServer, change, { documentName: DOC });
  await assert.rejects(
    asBob((doc) => doc.getMap('stageChanges').get('sc-1').set('reason', 'lost the deal')),
    HISTORY_DELETED,
  );
  // A new stage change, with all its keys, is an ordinary edit.
  await asBob((doc) => {
    const change = new Y.Map();
    doc.getMap('stageChanges').set('sc-2', change);
    change.set('to', 'growth');
    change.set('reason', 'renewal');
  });
});
