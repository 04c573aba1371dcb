// One person on two browser profiles (a laptop and a new desktop), against a real sync server on
// 127.0.0.1 that this test starts: with "sync my unshared accounts" on in both, the accounts the
// first profile has arrive in the second, and an edit on the second reaches the first's open
// account view. A third profile signed in as someone else gets none of it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectText, waitFor } from './harness.mjs';
import { msg, shot } from './pages-helpers.mjs';
import { connectTeam, ruMsg, sectionOf, teamOnServer } from './team-helpers.mjs';

const team = teamOnServer();

const names = async (app) => (await app.call('listAccounts', {})).map((a) => a.name).sort();

test(
  'the same person’s unshared accounts sync between their two profiles',
  { timeout: 60_000 },
  async () => {
    const { server } = team;
    const token = server.invite('erin@firm.com');
    const [laptop, desktop, stranger] = await Promise.all([
      team.profile(),
      team.profile({ lang: 'ru' }),
      team.profile(),
    ]);
    await laptop.seed(sampleBackup(Date.now()));
    const expected = await names(laptop);
    assert.ok(expected.length >= 3, 'the sample data has accounts');

    // Connected, but not yet turned on: nothing of the laptop's leaves it.
    const laptopOptions = await connectTeam(laptop, server, token);
    const desktopOptions = await connectTeam(desktop, server, token, { say: ruMsg });
    const strangerOptions = await team.signIn(stranger, 'frank@firm.com');
    await strangerOptions.locator('#team-own').check();
    await desktopOptions.locator('#team-own').check();
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(await names(desktop), [], 'nothing arrives while the laptop keeps it home');

    await laptopOptions.locator('#team-own').check();
    await expectText(laptopOptions.locator('.team-own label'), msg('teamOwnLabel'));
    await waitFor(async () => (await names(desktop)).join('|') === expected.join('|'), {
      timeout: 20_000,
      message: 'the desktop to have every account of the laptop',
    });
    assert.equal((await laptop.call('teamStatus')).own, true);
    await shot(laptopOptions, 'team-own-options-en', {
      element: sectionOf(laptopOptions, 'team-heading'),
    });
    await shot(desktopOptions, 'team-own-options-ru', {
      element: sectionOf(desktopOptions, 'team-heading'),
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
