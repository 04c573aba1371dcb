import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, connect, connectSynced, waitFor, sleep, api, teamOn } from './helpers.mjs';
import { readConfig } from '../config.mjs';

const DOC = 'account:acme-0001';
const notes = (client) => client.document.getText('notes').toString();

test('a connection without a token, with a forged token or without access is refused', async (t) => {
  const server = await startServer(t);
  const tokens = await teamOn(server, DOC);
  const forged = tokens.bob.slice(0, -4) + (tokens.bob.endsWith('AAAA') ? 'BBBB' : 'AAAA');
  const cases = { none: '', forged, carolWithoutAccess: tokens.carol };
  const clients = Object.fromEntries(
    Object.entries(cases).map(([k, token]) => [k, connect(t, server.url, DOC, token)]),
  );
  const alice = connect(t, server.url, DOC, tokens.alice);
  alice.document.getText('notes').insert(0, 'secret plans');
  for (const [k, client] of Object.entries(clients)) {
    await waitFor(() => client.events.authenticationFailed.length > 0, { what: `${k} refused` });
    assert.equal(notes(client), '', `${k} saw nothing`);
  }
  await waitFor(() => alice.provider.isSynced, { what: 'alice synced' });
  assert.deepEqual(alice.events.authenticationFailed, []);
});

test('two clients converge, and the server keeps the document across a restart', async (t) => {
  const first = await startServer(t);
  const tokens = await teamOn(first, DOC, { bob: 'editor' });
  const alice = await connectSynced(t, first.url, DOC, tokens.alice, 'alice synced');
  const bob = await connectSynced(t, first.url, DOC, tokens.bob, 'bob synced');
  alice.document.getMap('fields').set('stage', 'cooperative');
  bob.document.getMap('fields').set('potential', 'high');
  bob.document.getText('notes').insert(0, 'Budget in Q3.');
  await waitFor(
    () =>
      alice.document.getMap('fields').get('potential') === 'high' &&
      bob.document.getMap('fields').get('stage') === 'cooperative' &&
      notes(alice) === 'Budget in Q3.',
    { what: 'convergence' },
  );
  alice.provider.destroy();
  bob.provider.destroy();
  await first.close();

  const second = await startServer(t, { RAPPORT_SYNC_DATA_DIR: first.dataDir });
  const again = await connectSynced(t, second.url, DOC, tokens.bob, 'synced after restart');
  assert.equal(again.document.getMap('fields').get('stage'), 'cooperative');
  assert.equal(notes(again), 'Budget in Q3.');
});

test("a viewer's writes are rejected by the server while the viewer still receives", async (t) => {
  const server = await startServer(t);
  const tokens = await teamOn(server, DOC, { carol: 'viewer', bob: 'editor' });
  const alice = await connectSynced(t, server.url, DOC, tokens.alice, 'alice synced');
  const carol = await connectSynced(t, server.url, DOC, tokens.carol, 'carol synced');
  // A tampered client: it writes although the UI would not let it.
  carol.document.getMap('fields').set('stage', 'strategic');
  alice.document.getMap('fields').set('potential', 'low');
  await waitFor(() => carol.document.getMap('fields').get('potential') === 'low', {
    what: 'viewer receives',
  });
  await sleep(300);
  assert.equal(alice.document.getMap('fields').get('stage'), undefined);
  const bob = await connectSynced(t, server.url, DOC, tokens.bob, 'bob synced');
  assert.equal(
    bob.document.getMap('fields').get('stage'),
    undefined,
    'server kept no viewer write',
  );
  assert.equal(bob.document.getMap('fields').get('potential'), 'low');
});

test('revoking access stops updates at once, both ways', async (t) => {
  const server = await startServer(t, {}, { sweepMs: 0 });
  const tokens = await teamOn(server, DOC, { bob: 'editor' });
  const alice = await connectSynced(t, server.url, DOC, tokens.alice, 'alice synced');
  const bob = await connectSynced(t, server.url, DOC, tokens.bob, 'bob synced');
  bob.document.getText('notes').insert(0, 'before. ');
  await waitFor(() => notes(alice) === 'before. ', { what: 'first edit' });

  const revoked = await api(
    server,
    'DELETE',
    `/api/documents/${DOC}/members/bob@firm.com`,
    tokens.alice,
  );
  assert.equal(revoked.status, 200);
  // The sweep is off here: bob, only listening, is cut off by the revocation itself.
  alice.document.getMap('fields').set('stage', 'strategic');
  await sleep(400);
  assert.equal(bob.document.getMap('fields').get('stage'), undefined, 'bob gets nothing new');
  bob.document.getText('notes').insert(8, 'after revocation');
  await sleep(400);
  assert.equal(notes(alice), 'before. ', "bob's later edit did not reach alice");
  assert.equal(notes(bob), 'before. after revocation', 'bob keeps his local copy');
});

test('a revocation from the command line (another process) closes listening connections', async (t) => {
  const server = await startServer(t);
  const tokens = await teamOn(server, DOC, { bob: 'editor' });
  const alice = await connectSynced(t, server.url, DOC, tokens.alice, 'alice synced');
  const bob = await connectSynced(t, server.url, DOC, tokens.bob, 'bob synced');
  await server.store.revokeTokensBefore('bob@firm.com', Math.floor(Date.now() / 1000));
  await sleep(500); // more than the sweep (200 ms here)
  alice.document.getText('notes').insert(0, 'after');
  await sleep(300);
  assert.equal(notes(bob), '');
  const retry = connect(t, server.url, DOC, tokens.bob);
  await waitFor(() => retry.events.authenticationFailed.length > 0, { what: 'old token refused' });
});

test('the access list: only the owner changes it; bad input is refused and changes nothing', async (t) => {
  const server = await startServer(t);
  const tokens = await teamOn(server, DOC, { bob: 'editor' });
  const path = `/api/documents/${DOC}/members`;
  assert.equal((await api(server, 'POST', `/api/documents/${DOC}`, tokens.bob)).status, 409);
  assert.equal(
    (await api(server, 'PUT', `${path}/carol@firm.com`, tokens.bob, { role: 'editor' })).status,
    403,
  );
  assert.equal(
    (await api(server, 'PUT', `${path}/carol@firm.com`, tokens.alice, { role: 'owner' })).status,
    400,
  );
  assert.equal(
    (await api(server, 'PUT', `${path}/carol@firm.com`, tokens.alice, '{not json')).status,
    400,
  );
  assert.equal(
    (await api(server, 'PUT', `${path}/not-an-email`, tokens.alice, { role: 'viewer' })).status,
    400,
  );
  assert.equal((await api(server, 'GET', path, '')).status, 401);
  assert.equal((await api(server, 'GET', path, tokens.carol)).status, 403);
  assert.equal(
    (await api(server, 'POST', '/api/documents/user:alice@firm.com', tokens.alice)).status,
    400,
  );
  const list = await api(server, 'GET', path, tokens.bob);
  assert.deepEqual(list.body.members, [
    { email: 'alice@firm.com', role: 'owner' },
    { email: 'bob@firm.com', role: 'editor' },
  ]);
});

test('only the owner stops sharing: an editor or a viewer cannot take anyone off', async (t) => {
  const server = await startServer(t);
  const tokens = await teamOn(server, DOC, { bob: 'editor', carol: 'viewer' });
  const path = `/api/documents/${DOC}/members`;
  // "Stop sharing" takes every teammate off the list, one by one: refused for all but the owner.
  for (const who of ['bob', 'carol']) {
    for (const target of ['alice', 'bob', 'carol']) {
      const removed = await api(server, 'DELETE', `${path}/${target}@firm.com`, tokens[who]);
      assert.equal(removed.status, 403, `${who} taking ${target} off`);
    }
  }
  const list = await api(server, 'GET', path, tokens.alice);
  assert.deepEqual(list.body.members, [
    { email: 'alice@firm.com', role: 'owner' },
    { email: 'bob@firm.com', role: 'editor' },
    { email: 'carol@firm.com', role: 'viewer' },
  ]);
  assert.equal((await api(server, 'DELETE', `${path}/bob@firm.com`, tokens.alice)).status, 200);
});

test('each person lists the account documents they are on, and only those', async (t) => {
  const server = await startServer(t);
  const tokens = await teamOn(server, DOC, { bob: 'editor', carol: 'viewer' });
  const mine = async (who) => (await api(server, 'GET', '/api/documents', tokens[who])).body;
  assert.deepEqual(await mine('alice'), { documents: [{ name: DOC, role: 'owner' }] });
  assert.deepEqual(await mine('bob'), { documents: [{ name: DOC, role: 'editor' }] });
  assert.deepEqual(await mine('dave'), { documents: [] });
  await api(server, 'DELETE', `/api/documents/${DOC}/members/bob@firm.com`, tokens.alice);
  assert.deepEqual(await mine('bob'), { documents: [] });
  assert.equal((await api(server, 'GET', '/api/documents', 'forged')).status, 401);
});

test("a person's own document is theirs alone; unknown document names are refused", async (t) => {
  const server = await startServer(t);
  const tokens = await teamOn(server, DOC);
  const own = connect(t, server.url, 'user:alice@firm.com', tokens.alice);
  const other = connect(t, server.url, 'user:alice@firm.com', tokens.bob);
  const odd = connect(t, server.url, 'anything', tokens.alice);
  await waitFor(() => own.provider.isSynced, { what: 'own document' });
  await waitFor(() => other.events.authenticationFailed.length > 0, { what: 'other refused' });
  await waitFor(() => odd.events.authenticationFailed.length > 0, { what: 'odd name refused' });
});

test('wss:// is required off loopback', () => {
  assert.throws(() => readConfig({ RAPPORT_SYNC_ADDRESS: '0.0.0.0' }), /without TLS/);
  assert.throws(() => readConfig({ RAPPORT_SYNC_ADDRESS: '192.0.2.1' }), /without TLS/);
  for (const address of ['127.0.0.1', '::1', 'localhost']) {
    assert.equal(readConfig({ RAPPORT_SYNC_ADDRESS: address }).address, address);
  }
  assert.equal(
    readConfig({ RAPPORT_SYNC_ADDRESS: '0.0.0.0', RAPPORT_SYNC_TRUST_PROXY: '1' }).trustProxy,
    true,
  );
});
