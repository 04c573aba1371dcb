import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import {
  startServer,
  connectSynced,
  waitFor,
  sleep,
  teamOn,
  syncMessage as message,
  throughGuard,
} from './helpers.mjs';
import { createUpdateGuard, FORGED_AUTHOR, TOO_LARGE } from '../update-guard.mjs';
import { readConfig } from '../config.mjs';

const DOC = 'account:acme-guard-01';
const LIMIT = 32 * 1024;

/** A person's client on DOC, once synced; `closed`: why the server closed the document. */
async function client(t, server, token, what) {
  const { document, provider, events } = await connectSynced(t, server.url, DOC, token, what);
  const text = () => document.getText('notes').toString();
  return { document, provider, closed: events.closed, text };
}

const logOf = (c) => c.document.getArray('log').toArray();

test('an update that would make a document larger than its limit is refused; nothing is lost', async (t) => {
  const server = await startServer(t, { RAPPORT_SYNC_MAX_DOCUMENT_BYTES: String(LIMIT) });
  const tokens = await teamOn(server, DOC, { bob: 'editor' });
  const alice = await client(t, server, tokens.alice, 'alice synced');
  const bob = await client(t, server, tokens.bob, 'bob synced');
  alice.document.getText('notes').insert(0, 'Small note. ');
  await waitFor(() => bob.text() === 'Small note. ', { what: 'a small update goes through' });

  // One update past the limit at once: refused, and said why.
  alice.document.getText('notes').insert(0, 'x'.repeat(LIMIT + 1));
  await waitFor(() => alice.closed.includes(TOO_LARGE.reason), { what: 'alice told why' });
  await sleep(200);
  assert.equal(bob.text(), 'Small note. ', 'the refused update reached no one');
  assert.equal(alice.text().length, LIMIT + 1 + 'Small note. '.length, 'alice keeps her copy');

  // Growing by small updates: the one that would pass the limit is refused, those before kept.
  const chunk = 'y'.repeat(6 * 1024);
  for (let i = 0; i < 8 && !bob.closed.includes(TOO_LARGE.reason); i++) {
    bob.document.getText('notes').insert(0, chunk);
    await sleep(80);
  }
  await waitFor(() => bob.closed.includes(TOO_LARGE.reason), {
    what: 'bob refused past the limit',
  });

  // What the server kept: under the limit, and no trace of alice's refused update.
  await sleep(200); // the store's debounce (50 ms here)
  const reader = await client(t, server, tokens.alice, 'a new reader synced');
  assert.ok(Y.encodeStateAsUpdate(reader.document).length <= LIMIT);
  assert.ok(reader.text().endsWith('Small note. '));
  assert.ok(reader.text().startsWith(chunk), 'the chunks before the limit were kept');
  assert.ok(!reader.text().includes('x'), 'the refused update is not on the server');
});

test("a change logged under someone else's address is refused; one's own goes through", async (t) => {
  const server = await startServer(t);
  const tokens = await teamOn(server, DOC, { bob: 'editor' });
  const alice = await client(t, server, tokens.alice, 'alice synced');
  const bob = await client(t, server, tokens.bob, 'bob synced');
  const at = Date.now();
  alice.document.getArray('log').push([{ by: 'alice@firm.com', at, what: ['shared'] }]);
  await waitFor(() => logOf(bob).length === 1, { what: 'alice’s own entry reaches bob' });

  // A tampered browser signed in as bob writes a change in alice's name.
  bob.document.transact(() => {
    bob.document.getMap('account').set('stage', 'strategic');
    bob.document.getArray('log').push([{ by: 'alice@firm.com', at: at + 1, what: ['stage'] }]);
  });
  await waitFor(() => bob.closed.includes(FORGED_AUTHOR.reason), { what: 'bob told why' });
  await sleep(200);
  assert.equal(logOf(alice).length, 1, 'the forged entry did not reach alice');
  assert.equal(alice.document.getMap('account').get('stage'), undefined, 'nor the change with it');

  // Signed in again, bob's honest change in his own name goes through.
  const honest = await client(t, server, tokens.bob, 'bob again');
  honest.document.getArray('log').push([{ by: 'bob@firm.com', at: at + 2, what: ['stage'] }]);
  await waitFor(() => logOf(alice).length === 2, { what: 'bob’s own entry reaches alice' });
  assert.deepEqual(
    logOf(alice).map((e) => e.by),
    ['alice@firm.com', 'bob@firm.com'],
  );
  assert.deepEqual(honest.closed, []);
});

test('the guard: entries the server already has are not checked again; bad input is refused', async () => {
  const guard = createUpdateGuard({ maxDocumentBytes: LIMIT, maxPersonalBytes: LIMIT * 4 });
  const onServer = new Y.Doc();
  onServer.getArray('log').push([{ by: 'alice@firm.com', at: 1, what: ['shared'] }]);
  const asBob = (update, document = onServer) =>
    throughGuard(guard, { update, document, documentName: DOC });
  // bob's browser sends back alice's entry, which it received: nothing new, accepted.
  await asBob(Y.encodeStateAsUpdate(onServer));
  // The same entry to a server that does not have it: it names alice, bob is signed in.
  await assert.rejects(asBob(Y.encodeStateAsUpdate(onServer), new Y.Doc()), FORGED_AUTHOR);
  // A message that is not an update (a sync request, step 0) passes; a truncated one does not.
  await throughGuard(guard, {
    update: Y.encodeStateVector(onServer),
    step: 0,
    document: onServer,
    documentName: DOC,
  });
  await assert.rejects(
    guard.beforeHandleMessage({
      update: message(DOC, Y.encodeStateAsUpdate(onServer)).subarray(0, 12),
      document: onServer,
      documentName: DOC,
      context: { email: 'bob@firm.com' },
    }),
    RangeError,
  );
  // A person's own document has its own, larger limit.
  const big = new Y.Doc();
  big.getText('t').insert(0, 'z'.repeat(LIMIT * 2));
  await assert.rejects(asBob(Y.encodeStateAsUpdate(big), new Y.Doc()), TOO_LARGE);
  await throughGuard(guard, {
    update: Y.encodeStateAsUpdate(big),
    document: new Y.Doc(),
    documentName: 'user:bob@firm.com',
  });
});

test('the size limits are switches, checked', () => {
  assert.equal(readConfig({}).maxDocumentBytes, 4 * 1024 * 1024);
  assert.equal(
    readConfig({ RAPPORT_SYNC_MAX_DOCUMENT_BYTES: '1048576' }).maxDocumentBytes,
    1048576,
  );
  assert.throws(() => readConfig({ RAPPORT_SYNC_MAX_DOCUMENT_BYTES: '12' }), /16384 or more/);
  assert.throws(() => readConfig({ RAPPORT_SYNC_MAX_PERSONAL_BYTES: 'lots' }), /number of bytes/);
});

test('an author hidden in an entry\'s prototype ("__proto__" key) is checked like an own one', async () => {
  const guard = createUpdateGuard({ maxDocumentBytes: LIMIT, maxPersonalBytes: LIMIT * 4 });
  const forged = new Y.Doc();
  // Yjs decodes an object key by assignment: "__proto__" becomes the entry's prototype, and a
  // reader then finds `by` on the entry although it is not one of its own keys.
  forged
    .getArray('log')
    .push([JSON.parse('{"__proto__":{"by":"alice@firm.com"},"at":2,"what":["stage"]}')]);
  const received = new Y.Doc();
  Y.applyUpdate(received, Y.encodeStateAsUpdate(forged));
  assert.equal(received.getArray('log').get(0).by, 'alice@firm.com', 'the reader sees alice');
  await assert.rejects(
    throughGuard(guard, {
      update: Y.encodeStateAsUpdate(forged),
      document: new Y.Doc(),
      documentName: DOC,
    }),
    FORGED_AUTHOR,
  );
});
