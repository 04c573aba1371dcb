// Ways a teammate might misuse the owner directory (owner-directory.mjs, GET /api/owners).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { startServer, connectSynced, waitFor, api, teamOn } from './helpers.mjs';
import { listingOf } from '../owner-directory.mjs';

const DOC = 'account:zeta-dir-0001';
const owners = (server, token, domain) =>
  api(server, 'GET', `/api/owners?domain=${encodeURIComponent(domain)}`, token);

test('many accounts of one person claiming a domain do not push its real owner out', async (t) => {
  const server = await startServer(t);
  const tokens = await teamOn(server, DOC, { bob: 'editor' });
  const alice = await connectSynced(t, server.url, DOC, tokens.alice);
  alice.document.transact(() => {
    const account = alice.document.getMap('account');
    account.set('name', 'Zeta');
    account.set('domains', ['zeta.com']);
  });
  // aaron (whose address sorts first) shares 25 accounts of his own, each naming zeta.com.
  for (let i = 0; i < 25; i++) {
    const rival = `account:rival-${String(i).padStart(4, '0')}-zz`;
    assert.equal(await server.store.claim(rival, 'aaron@firm.com'), true);
    await server.store.setMember(rival, 'bob@firm.com', 'viewer');
    await server.store.setListing(rival, `Zeta ${i}`, ['zeta.com']);
  }
  await waitFor(
    async () =>
      (await owners(server, tokens.carol, 'zeta.com')).body?.owners?.some(
        (o) => o.owner === 'alice@firm.com',
      ),
    { what: 'alice listed beside aaron' },
  );
  // Each owner comes before anyone's second account: the first five name both people.
  const listed = (await owners(server, tokens.carol, 'zeta.com')).body.owners;
  assert.deepEqual(
    listed.slice(0, 2).map((o) => o.owner),
    ['aaron@firm.com', 'alice@firm.com'],
  );
  assert.ok(listed.length <= 20, 'the answer stays bounded');
});

test("an account's name is listed as one plain line: no controls, no bidi overrides", () => {
  const document = new Y.Doc();
  document.getMap('account').set('name', ' \u202eAc\u2066me\u2069\n\u0007Corp\t ');
  assert.equal(listingOf(document).name, 'Acme Corp');
});

test("an account's domains are read only so far: a document with 10,000 of them is cheap", () => {
  const document = new Y.Doc();
  const junk = Array.from({ length: 10_000 }, (_, i) => `${'x'.repeat(240)}_${i}.com`);
  document.getMap('account').set('domains', [...junk, 'acme.com']);
  const started = performance.now();
  const { domains } = listingOf(document);
  const took = performance.now() - started;
  assert.equal(domains.length, 0, 'values past the first few hundred are not read');
  assert.ok(took < 100, `read in ${took.toFixed(1)} ms`);
});

test("a second token of the same person shares that person's budget", async (t) => {
  const server = await startServer(t);
  const tokens = await teamOn(server, DOC);
  const second = await server.tokens.issueInvitation('Carol@Firm.com');
  let status = 200;
  for (let i = 0; i < 30 && status === 200; i++) {
    status = (await owners(server, tokens.carol, `guess${i}.com`)).status;
  }
  assert.equal(status, 200);
  assert.equal((await owners(server, tokens.carol, 'one-more.com')).status, 429);
  assert.equal((await owners(server, second, 'one-more.com')).status, 429);
});
