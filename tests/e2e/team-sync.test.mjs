// Team sync through the product, in real Chromium against a real sync server on 127.0.0.1 that
// this test starts (`node server/main.mjs`, as `npm run server` does): an invitation is made,
// the options page's Team section connects with it, the account view shares an account with a
// teammate, and the teammate's change (a Node Yjs client with their own invitation) arrives in
// the account view. The token never reaches extension storage, which content scripts can read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectText, waitFor } from './harness.mjs';
import { msg, shot } from './pages-helpers.mjs';
import {
  connectTeam,
  ruMsg,
  sectionOf,
  shareWith,
  submitTeam,
  teamOnServer,
} from './team-helpers.mjs';

const team = teamOnServer();
const FORGED_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5QGZpcm0uY29tIn0.forged';

test(
  'a bad address or token is refused with a reason, and nothing is kept',
  { timeout: 60_000 },
  async () => {
    const { server } = team;
    const app = await team.profile();
    const options = await app.openPage('options.html');
    await options.locator('#team-heading').waitFor();
    await submitTeam(options, 'ws://sync.example.com', server.invite('alice@firm.com'));
    await expectText(options.locator('.note.error'), /wss:\/\/ is required except on this machine/);
    await submitTeam(options, server.url, FORGED_TOKEN);
    await expectText(options.locator('.note.error'), /The server refused this invitation token/);
    const status = await app.call('teamStatus');
    assert.equal(status.phase, 'off');
    assert.equal(status.server, null);
  },
);

test(
  'connect, share an account, and see a teammate’s change arrive',
  { timeout: 90_000 },
  async () => {
    const { server } = team;
    const app = await team.profile();
    await app.seed(sampleBackup(Date.now()));
    const [account] = await app.call('listAccounts', {});
    assert.ok(account, 'the sample data has an account');
    const aliceToken = server.invite('alice@firm.com');

    const options = await connectTeam(app, server, aliceToken);
    await expectText(
      options.locator('.team-connected'),
      msg('teamSignedIn', 'alice@firm.com', server.url),
    );
    // The token lives in the worker's own database only: nothing a content script can read has it.
    const stored = await options.evaluate(() => chrome.storage.local.get(null));
    assert.ok(!JSON.stringify(stored).includes(aliceToken), 'the token is not in storage.local');
    assert.ok(!JSON.stringify(await app.call('teamStatus')).includes(aliceToken));

    const view = await app.openPage(`accounts.html#account=${encodeURIComponent(account.id)}`);
    await shareWith(view, 'bob@firm.com', { role: 'editor' });
    await expectText(
      sectionOf(view, 'share-heading').locator('.note.ok'),
      msg('shareDone', 'bob@firm.com'),
    );
    await expectText(view.locator('.sync-line').first(), msg('syncShared', msg('syncSynced')), {
      timeout: 15_000,
    });
    await shot(options, 'team-options-en');

    // bob, with his own invitation, edits the shared account from another machine.
    const document = new Y.Doc();
    const bob = new HocuspocusProvider({
      url: server.url,
      name: `account:${account.id}`,
      document,
      token: server.invite('bob@firm.com'),
      WebSocketPolyfill: WebSocket,
    });
    try {
      await waitFor(() => bob.synced && document.getMap('account').get('name') === account.name, {
        message: 'bob to receive the shared account',
      });
      // As bob's browser does: the change and its line in the history, in one transaction. A
      // malformed line (a broken or hostile client) is left out of the view. (One naming anyone
      // but bob would not get past the server: server/update-guard.mjs.)
      document.transact(() => {
        document.getMap('account').set('name', `${account.name} (renamed by Bob)`);
        document.getArray('log').push([
          { by: 'bob@firm.com', at: Date.now(), what: ['name'] },
          { by: 'bob@firm.com', at: 'yesterday', what: ['everything'] },
        ]);
      });
      await expectText(view.locator('.editor-head h1'), `${account.name} (renamed by Bob)`, {
        timeout: 15_000,
      });
      const history = view.locator('.change-history li');
      await expectText(history.first(), `bob@firm.com · ${msg('changeKindName')} · `, {
        timeout: 10_000,
      });
      await expectText(history.last(), `alice@firm.com · ${msg('changeKindShared')} · `);
      assert.equal(await history.count(), 2, 'the malformed line is not shown');
    } finally {
      bob.destroy();
    }
    await shot(view, 'team-account-en', { element: sectionOf(view, 'share-heading') });
    await shot(view, 'team-account-page-en');

    // The options page now counts the shared account and says it is synced.
    await expectText(options.locator('.team-status'), msg('syncStatusLabel', msg('syncSynced')));
    await expectText(options.locator('.team-connected'), msg('teamSharedCount', 1));
  },
);

test('the Team section and Share in Russian', { timeout: 90_000 }, async () => {
  const { server } = team;
  const app = await team.profile({ lang: 'ru' });
  await app.seed(sampleBackup(Date.now()));
  // Another account than the English test's: that one's document is alice's on this server.
  const [, account] = await app.call('listAccounts', {});
  // Errors are stated in the person's language, not in the English of the server or a library.
  const form = await app.openPage('options.html');
  await form.locator('#team-heading').waitFor();
  const say = { say: ruMsg };
  await submitTeam(form, 'ws://sync.example.com', server.invite('carol@firm.com'), say);
  await expectText(form.locator('.note.error'), ruMsg('syncError', ruMsg('syncErrUrlWss')));
  await submitTeam(form, server.url, FORGED_TOKEN, say);
  await expectText(form.locator('.note.error'), ruMsg('syncError', ruMsg('syncErrTokenRefused')));
  await shot(form, 'team-error-ru', { element: sectionOf(form, 'team-heading') });
  await form.close();
  const options = await team.signIn(app, 'carol@firm.com', say);
  await expectText(
    options.locator('.team-connected'),
    ruMsg('teamSignedIn', 'carol@firm.com', server.url),
  );
  await shot(options, 'team-options-ru');
  const view = await app.openPage(`accounts.html#account=${encodeURIComponent(account.id)}`);
  await shareWith(view, 'dave@firm.com', { role: 'viewer', ...say });
  await expectText(view.locator('.sync-line').first(), ruMsg('syncShared', ruMsg('syncSynced')), {
    timeout: 15_000,
  });
  await shot(view, 'team-account-ru', { element: sectionOf(view, 'share-heading') });
});
