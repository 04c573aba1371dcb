// One person on two browser profiles (a laptop and a new desktop), against a real sync server on
// 127.0.0.1 that this test starts: with "sync my unshared accounts" on in both, the accounts the
// first profile has arrive in the second, and an edit on the second reaches the first's open
// account view. A third profile signed in as someone else gets none of it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectText, waitFor } from './harness.mjs';
import { msg, shot } from './pages-helpers.mjs';
import { connectTeam, launchWithServer, ruMsg, syncServer } from './team-helpers.mjs';

let server;
const apps = [];

before(async () => {
  server = await syncServer();
});

after(async () => {
  for (const app of apps) await app.close().catch(() => undefined);
  await server?.close();
});

async function profile(options) {
  const app = await launchWithServer(server, options);
  apps.push(app);
  return app;
}

const names = async (app) => (await app.call('listAccounts', {})).map((a) => a.name).sort();

test(
  'the same person’s unshared accounts sync between their two profiles',
  { timeout: 60_000 },
  async () => {
    const token = server.invite('erin@firm.com');
    const [laptop, desktop, stranger] = await Promise.all([
      profile(),
      profile({ lang: 'ru' }),
      profile(),
    ]);
    await laptop.seed(sampleBackup(Date.now()));
    const expected = await names(laptop);
    assert.ok(expected.length >= 3, 'the sample data has accounts');

    // Connected, but not yet turned on: nothing of the laptop's leaves it.
    const laptopOptions = await connectTeam(laptop, server, token);
    const desktopOptions = await connectTeam(desktop, server, token, { say: ruMsg });
    const strangerOptions = await connectTeam(stranger, server, server.invite('frank@firm.com'));
    await strangerOptions.locator('#team-own').check();
    await desktopOptions.locator('#team-own').check();
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(await names(desktop), [], 'nothing arrives while the laptop keeps it home');

    await laptopOptions.locator('#team-own').check();
    await expectText(laptopOptions.locator('.team-own label'), msg('teamOwnLabel'));
    await waitFor(async () => (await names(desktop)).join('|') === expected.join('|'), {
      timeout: 20_000,
      what: 'the desktop to have every account of the laptop',
    });
    assert.equal((await laptop.call('teamStatus')).own, true);
    await shot(laptopOptions, 'team-own-options-en', {
      element: laptopOptions.locator('#team-heading').locator('..').locator('..'),
    });
    await shot(desktopOptions, 'team-own-options-ru', {
      element: desktopOptions.locator('#team-heading').locator('..').locator('..'),
    });

    // An edit on the desktop reaches the account view open on the laptop.
    const [first] = await laptop.call('listAccounts', {});
    const view = await laptop.openPage(`accounts.html#account=${encodeURIComponent(first.id)}`);
    await expectText(view.locator('.editor-head h1'), first.name);
    const there = await desktop.call('getAccount', { id: first.id });
    await desktop.call('updateAccount', {
      id: first.id,
      patch: { name: `${first.name} (desktop)` },
      base: { name: there.account.name },
    });
    await expectText(view.locator('.editor-head h1'), `${first.name} (desktop)`, {
      timeout: 15_000,
    });

    // Someone else's profile, with the same switch on, never sees erin's accounts.
    assert.deepEqual(await names(stranger), []);
  },
);
