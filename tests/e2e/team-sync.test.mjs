// Team sync through the product, in real Chromium against a real sync server on 127.0.0.1 that
// this test starts (`node server/main.mjs`, as `npm run server` does): an invitation is made,
// the options page's Team section connects with it, the account view shares an account with a
// teammate, and the teammate's change (a Node Yjs client with their own invitation) arrives in
// the account view. The token never reaches extension storage, which content scripts can read.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import ru from '../../public/_locales/ru/messages.json' with { type: 'json' };
import { ROOT, expectText, launch, waitFor } from './harness.mjs';
import { msg, shot } from './pages-helpers.mjs';

const dataDir = mkdtempSync(path.join(tmpdir(), 'rapport-team-e2e-'));
const env = { ...process.env, RAPPORT_SYNC_DATA_DIR: dataDir, RAPPORT_SYNC_PORT: '0' };
let server;
let url = '';
const apps = [];

const invite = (email) => {
  const run = spawnSync('node', ['server/main.mjs', 'invite', email], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.trim();
};

before(async () => {
  server = spawn('node', ['server/main.mjs'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  url = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk.toString();
      const match = /Rapport sync: (ws:\/\/[\d.]+:\d+)/.exec(out);
      if (match) resolve(match[1]);
    });
    server.on('exit', (code) => reject(new Error(`the sync server exited with ${code}`)));
  });
});

after(async () => {
  for (const app of apps) await app.close().catch(() => undefined);
  server?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * The harness fails every http(s) request fast (nothing leaves the machine); this test's own
 * server on 127.0.0.1 is let through, and only it.
 */
async function launchWithServer(options) {
  const app = await launch(options);
  apps.push(app);
  const port = new URL(url).port;
  await app.context.route(
    (u) => u.hostname === '127.0.0.1' && u.port === port,
    (route) => route.continue(),
  );
  return app;
}

/** Connects the options page's Team section with this server and token. */
async function connectTeam(app, token, { say = msg } = {}) {
  const options = await app.openPage('options.html');
  await options.locator('#team-heading').waitFor();
  await options.fill('#team-server', url);
  await options.fill('#team-token', token);
  await options.getByRole('button', { name: say('teamConnect'), exact: true }).click();
  await options.locator('.team-connected').waitFor();
  return options;
}

const ruMsg = (key, ...subs) => {
  const entry = ru[key];
  return entry.message.replace(/\$([A-Z_]+)\$/gi, (_, name) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (_m, i) => String(subs[Number(i) - 1] ?? ''));
  });
};

test(
  'a bad address or token is refused with a reason, and nothing is kept',
  { timeout: 60_000 },
  async () => {
    const app = await launchWithServer();
    const options = await app.openPage('options.html');
    await options.locator('#team-heading').waitFor();
    await options.fill('#team-server', 'ws://sync.example.com');
    await options.fill('#team-token', invite('alice@firm.com'));
    await options.getByRole('button', { name: msg('teamConnect'), exact: true }).click();
    await expectText(options.locator('.note.error'), /wss:\/\/ is required except on this machine/);
    await options.fill('#team-server', url);
    await options.fill(
      '#team-token',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5QGZpcm0uY29tIn0.forged',
    );
    await options.getByRole('button', { name: msg('teamConnect'), exact: true }).click();
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
    const app = await launchWithServer();
    await app.seed(sampleBackup(Date.now()));
    const [account] = await app.call('listAccounts', {});
    assert.ok(account, 'the sample data has an account');
    const aliceToken = invite('alice@firm.com');

    const options = await connectTeam(app, aliceToken);
    await expectText(
      options.locator('.team-connected'),
      msg('teamSignedIn', 'alice@firm.com', url),
    );
    // The token lives in the worker's own database only: nothing a content script can read has it.
    const stored = await options.evaluate(() => chrome.storage.local.get(null));
    assert.ok(!JSON.stringify(stored).includes(aliceToken), 'the token is not in storage.local');
    assert.ok(!JSON.stringify(await app.call('teamStatus')).includes(aliceToken));

    const view = await app.openPage(`accounts.html#account=${encodeURIComponent(account.id)}`);
    await view.locator('#share-heading').waitFor();
    await view.fill('#share-email-0', 'bob@firm.com');
    await view.selectOption('#share-role-0', 'editor');
    await view.getByRole('button', { name: msg('shareSubmit'), exact: true }).click();
    await expectText(
      view.locator('#share-heading').locator('..').locator('..').locator('.note.ok'),
      msg('shareDone', 'bob@firm.com'),
    );
    await expectText(view.locator('.sync-line').first(), msg('syncShared', msg('syncSynced')), {
      timeout: 15_000,
    });
    await shot(options, 'team-options-en');

    // bob, with his own invitation, edits the shared account from another machine.
    const document = new Y.Doc();
    const bob = new HocuspocusProvider({
      url,
      name: `account:${account.id}`,
      document,
      token: invite('bob@firm.com'),
      WebSocketPolyfill: WebSocket,
    });
    try {
      await waitFor(() => bob.synced && document.getMap('account').get('name') === account.name, {
        what: 'bob to receive the shared account',
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
    await shot(view, 'team-account-en', {
      element: view.locator('#share-heading').locator('..').locator('..'),
    });
    await shot(view, 'team-account-page-en');

    // The options page now counts the shared account and says it is synced.
    await expectText(options.locator('.team-status'), msg('syncStatusLabel', msg('syncSynced')));
    await expectText(options.locator('.team-connected'), msg('teamSharedCount', 1));
  },
);

test('the Team section and Share in Russian', { timeout: 90_000 }, async () => {
  const app = await launchWithServer({ lang: 'ru' });
  await app.seed(sampleBackup(Date.now()));
  // Another account than the English test's: that one's document is alice's on this server.
  const [, account] = await app.call('listAccounts', {});
  // Errors are stated in the person's language, not in the English of the server or a library.
  const form = await app.openPage('options.html');
  await form.locator('#team-heading').waitFor();
  await form.fill('#team-server', 'ws://sync.example.com');
  await form.fill('#team-token', invite('carol@firm.com'));
  await form.getByRole('button', { name: ruMsg('teamConnect'), exact: true }).click();
  await expectText(form.locator('.note.error'), ruMsg('syncError', ruMsg('syncErrUrlWss')));
  await form.fill('#team-server', url);
  await form.fill('#team-token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5QGZpcm0uY29tIn0.forged');
  await form.getByRole('button', { name: ruMsg('teamConnect'), exact: true }).click();
  await expectText(form.locator('.note.error'), ruMsg('syncError', ruMsg('syncErrTokenRefused')));
  await shot(form, 'team-error-ru', {
    element: form.locator('#team-heading').locator('..').locator('..'),
  });
  await form.close();
  const options = await connectTeam(app, invite('carol@firm.com'), { say: ruMsg });
  await expectText(
    options.locator('.team-connected'),
    ruMsg('teamSignedIn', 'carol@firm.com', url),
  );
  await shot(options, 'team-options-ru');
  const view = await app.openPage(`accounts.html#account=${encodeURIComponent(account.id)}`);
  await view.locator('#share-heading').waitFor();
  await view.fill('#share-email-0', 'dave@firm.com');
  await view.selectOption('#share-role-0', 'viewer');
  await view.getByRole('button', { name: ruMsg('shareSubmit'), exact: true }).click();
  await expectText(view.locator('.sync-line').first(), ruMsg('syncShared', ruMsg('syncSynced')), {
    timeout: 15_000,
  });
  await shot(view, 'team-account-ru', {
    element: view.locator('#share-heading').locator('..').locator('..'),
  });
});
