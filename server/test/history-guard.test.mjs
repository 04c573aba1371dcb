import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import {
  startServer,
  connectSynced,
  waitFor,
  sleep,
  teamOn,
  editThroughGuard,
  fullLogOnServer,
  logEntry as entry,
} from './helpers.mjs';
import { HISTORY_DELETED, LOG_KEEP } from '../update-guard.mjs';

const DOC = 'account:acme-history-01';

test('an editor cannot delete history: log entries and stage changes stay on the server', async (t) => {
  const server = await startServer(t);
  const tokens = await teamOn(server, DOC, { bob: 'editor' });
  const alice = await connectSynced(t, server.url, DOC, tokens.alice, 'alice synced');
  const bob = await connectSynced(t, server.url, DOC, tokens.bob, 'bob synced');
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
  await waitFor(() => bob.events.closed.includes(HISTORY_DELETED.reason), { what: 'bob told why' });
  await sleep(200);
  assert.equal(alice.document.getArray('log').length, 2, 'alice still has both entries');

  // Again, for a stage change: removed, or rewritten.
  for (const tamper of [
    (doc) => doc.getMap('stageChanges').delete('sc-1'),
    (doc) => doc.getMap('stageChanges').get('sc-1').set('reason', 'nothing happened'),
  ]) {
    const again = await connectSynced(t, server.url, DOC, tokens.bob, 'bob again');
    tamper(again.document);
    await waitFor(() => again.events.closed.includes(HISTORY_DELETED.reason), { what: 'refused' });
  }
  await sleep(200);
  const change = alice.document.getMap('stageChanges').get('sc-1');
  assert.equal(change?.get('reason'), 'board approved', 'the stage change is as alice wrote it');

  // Deleting a decision is a person's ordinary edit (with undo in the extension): it goes through.
  const honest = await connectSynced(t, server.url, DOC, tokens.bob, 'bob honest');
  honest.document.getMap('decisions').delete('d-1');
  await waitFor(() => !alice.document.getMap('decisions').has('d-1'), { what: 'decision gone' });
  assert.deepEqual(honest.events.closed, []);
});

test('the log may drop its oldest entries past the kept number, and only those', async () => {
  const { guard, onServer } = fullLogOnServer();
  const asBob = (change, documentName = DOC) =>
    editThroughGuard(guard, onServer, (doc) => change(doc.getArray('log')), { documentName });
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
