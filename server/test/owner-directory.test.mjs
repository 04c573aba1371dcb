import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, connectSynced, waitFor, sleep, api, teamOn } from './helpers.mjs';
import { readConfig } from '../config.mjs';
import { createLookupBudget, normaliseDomain } from '../owner-directory.mjs';

const DOC = 'account:acme-dir-0001';
const owners = (server, token, domain) =>
  api(server, 'GET', `/api/owners?domain=${encodeURIComponent(domain)}`, token);

/** alice's browser writes the account into its document, as sharing does. */
async function writeAccount(t, server, token, doc, fields, extra = () => {}) {
  const client = await connectSynced(t, server.url, doc, token);
  client.document.transact(() => {
    const account = client.document.getMap('account');
    for (const [k, v] of Object.entries(fields)) account.set(k, v);
    extra(client.document);
  });
  return client;
}

test('a teammate without access learns who owns a domain, and nothing of the notes', async (t) => {
  const server = await startServer(t);
  const tokens = await teamOn(server, DOC, { bob: 'editor' });
  await writeAccount(
    t,
    server,
    tokens.alice,
    DOC,
    { id: 'acme-dir-0001', name: 'Acme', domains: ['acme.com', 'xn--80a1acny.xn--p1ai'] },
    (doc) => {
      doc.getText('profile.goals').insert(0, 'Secret expansion plans');
      doc.getArray('log').push([{ by: 'alice@firm.com', at: 1, what: ['shared'] }]);
    },
  );
  await waitFor(async () => (await owners(server, tokens.carol, 'acme.com')).body?.owners?.length, {
    what: 'the directory lists acme.com',
  });
  const answer = await owners(server, tokens.carol, 'ACME.com');
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.body, {
    domain: 'acme.com',
    owners: [{ owner: 'alice@firm.com', account: 'Acme' }],
  });
  const raw = JSON.stringify(answer.body);
  for (const secret of ['Secret', 'bob@firm.com', 'editor', 'shared']) {
    assert.ok(!raw.includes(secret), `no ${secret} in the answer`);
  }
  // The Unicode form of an international domain finds it too (one stored form, as the extension).
  const unicode = await owners(server, tokens.carol, 'почта.рф');
  assert.deepEqual(unicode.body.owners, [{ owner: 'alice@firm.com', account: 'Acme' }]);
  // A domain no one claims: an empty list, not an error.
  assert.deepEqual((await owners(server, tokens.carol, 'other.com')).body.owners, []);
});

test('the lookup refuses strangers, lists, bad domains, and is paced per person', async (t) => {
  const server = await startServer(t);
  const tokens = await teamOn(server, DOC, { bob: 'editor' });
  await writeAccount(t, server, tokens.alice, DOC, {
    id: 'acme-dir-0001',
    name: 'Acme',
    domains: ['acme.com'],
  });
  await waitFor(async () => (await owners(server, tokens.carol, 'acme.com')).body?.owners?.length, {
    what: 'listed',
  });
  const forged = tokens.carol.slice(0, -4) + (tokens.carol.endsWith('AAAA') ? 'BBBB' : 'AAAA');
  for (const token of [undefined, 'nonsense', forged]) {
    const refused = await owners(server, token, 'acme.com');
    assert.equal(refused.status, 401);
    assert.equal(refused.body.owners, undefined);
  }
  // A token revoked on the server is refused as well.
  const eve = await server.tokens.issueInvitation('eve@firm.com');
  await server.store.revokeTokensBefore('eve@firm.com', Math.floor(Date.now() / 1000) + 5);
  assert.equal((await owners(server, eve, 'acme.com')).status, 401);
  const two = await api(server, 'GET', '/api/owners?domain=acme.com&domain=b.com', tokens.carol);
  assert.equal(two.status, 400, 'one domain per request');
  for (const bad of ['', 'acme', '1.2.3.4', 'a b.com', 'x@acme.com', 'acme.com/path', '%00.com']) {
    assert.equal((await owners(server, tokens.carol, bad)).status, 400, `refused: ${bad}`);
  }
  assert.equal(
    (await api(server, 'POST', '/api/owners?domain=acme.com', tokens.carol)).status,
    405,
  );
  // Walking a list of domains: thirty a minute, then 429 (the budget refills over a minute).
  let status = 200;
  for (let i = 0; i < 40 && status === 200; i++) {
    status = (await owners(server, tokens.bob, `guess${i}.com`)).status;
  }
  assert.equal(status, 429);
  // Another person's budget is their own.
  assert.equal((await owners(server, tokens.dave, 'acme.com')).status, 200);
});

test('an account shared with no one is not listed, and stops being listed when sharing stops', async (t) => {
  const server = await startServer(t);
  const tokens = await teamOn(server, DOC);
  await writeAccount(t, server, tokens.alice, DOC, {
    id: 'acme-dir-0001',
    name: 'Acme',
    domains: ['acme.com'],
  });
  await sleep(300); // stored (debounce 50 ms)
  assert.deepEqual((await owners(server, tokens.carol, 'acme.com')).body.owners, []);
  await api(server, 'PUT', `/api/documents/${DOC}/members/bob@firm.com`, tokens.alice, {
    role: 'viewer',
  });
  assert.equal((await owners(server, tokens.carol, 'acme.com')).body.owners.length, 1);
  await api(server, 'DELETE', `/api/documents/${DOC}/members/bob@firm.com`, tokens.alice);
  assert.deepEqual((await owners(server, tokens.carol, 'acme.com')).body.owners, []);
});

test('two accounts claiming one domain are both listed: a second claim cannot hide the first', async (t) => {
  const server = await startServer(t);
  const tokens = await teamOn(server, DOC, { bob: 'editor' });
  const RIVAL = 'account:rival-dir-0002';
  await api(server, 'POST', `/api/documents/${RIVAL}`, tokens.dave);
  await api(server, 'PUT', `/api/documents/${RIVAL}/members/bob@firm.com`, tokens.dave, {
    role: 'viewer',
  });
  await writeAccount(t, server, tokens.alice, DOC, {
    id: 'acme-dir-0001',
    name: 'Acme',
    domains: ['acme.com'],
  });
  // dave's account names alice's client's domain, and a long name with bidi controls.
  const hostile = '\u202eecilA' + 'x'.repeat(500);
  await writeAccount(t, server, tokens.dave, RIVAL, {
    id: 'rival-dir-0002',
    name: hostile,
    domains: ['ACME.COM', 42, 'not a domain', ...Array.from({ length: 80 }, (_, i) => `d${i}.com`)],
  });
  await waitFor(
    async () => (await owners(server, tokens.carol, 'acme.com')).body?.owners?.length === 2,
    { what: 'both listed' },
  );
  const listed = (await owners(server, tokens.carol, 'acme.com')).body.owners;
  assert.deepEqual(
    listed.map((o) => o.owner),
    ['alice@firm.com', 'dave@firm.com'],
  );
  assert.equal([...listed[1].account].length, 120, 'a long name is cut');
  // At most 50 domains of one account are listed.
  assert.equal((await owners(server, tokens.carol, 'd48.com')).body.owners.length, 1);
  assert.equal((await owners(server, tokens.carol, 'd49.com')).body.owners.length, 0);
  // An editor who changes the domains re-lists the account under the new ones (still alice's).
  const bob = await writeAccount(t, server, tokens.bob, DOC, { domains: ['acme.io'] });
  await waitFor(
    async () => (await owners(server, tokens.carol, 'acme.io')).body?.owners?.length === 1,
    { what: 'listed under the new domain' },
  );
  assert.equal(
    (await owners(server, tokens.carol, 'acme.io')).body.owners[0].owner,
    'alice@firm.com',
  );
  bob.provider.destroy();
});

test('RAPPORT_SYNC_OWNER_DIRECTORY=off: the lookup answers 404 and nothing is indexed', async (t) => {
  assert.throws(() => readConfig({ RAPPORT_SYNC_OWNER_DIRECTORY: 'no' }), /OWNER_DIRECTORY/);
  const server = await startServer(t, { RAPPORT_SYNC_OWNER_DIRECTORY: 'off' });
  const tokens = await teamOn(server, DOC, { bob: 'editor' });
  await writeAccount(t, server, tokens.alice, DOC, {
    id: 'acme-dir-0001',
    name: 'Acme',
    domains: ['acme.com'],
  });
  await sleep(300);
  const answer = await owners(server, tokens.carol, 'acme.com');
  assert.equal(answer.status, 404);
  assert.equal(answer.body.owners, undefined);
  assert.deepEqual(await server.store.ownersOf('acme.com'), []);
});

test('domains are normalised as the extension does', () => {
  assert.equal(normaliseDomain(' Acme.COM '), 'acme.com');
  assert.equal(normaliseDomain('почта.рф'), 'xn--80a1acny.xn--p1ai');
  assert.equal(normaliseDomain('acme\uff0ecom'), 'acme.com');
  for (const bad of [null, 7, 'localhost', '127.0.0.1', 'a/b.com', 'a@b.com', 'x'.repeat(300)]) {
    assert.equal(normaliseDomain(bad), null, String(bad));
  }
  let now = 0;
  const budget = createLookupBudget({ perMinute: 2, now: () => now });
  assert.deepEqual([budget.take('a'), budget.take('a'), budget.take('a')], [true, true, false]);
  now += 30_000;
  assert.equal(budget.take('a'), true, 'refilled after half a minute');
  assert.equal(budget.take('b'), true);
});
