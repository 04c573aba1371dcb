// The sync server's size limit, in real Chromium against a real server on 127.0.0.1 started with
// a small limit: alice's shared account grows past it; the account's line says the server refused
// its latest changes, her browser keeps them, and once she shortens the text the account syncs
// again and the line is clear.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectText } from './harness.mjs';
import { msg, shot } from './pages-helpers.mjs';
import { shareWith, teamOnServer } from './team-helpers.mjs';

const team = teamOnServer({ RAPPORT_SYNC_MAX_DOCUMENT_BYTES: String(48 * 1024) });

test('an account past the server’s size limit: stated, kept here, synced once shorter', async () => {
  const alice = await team.profile();
  await alice.seed(sampleBackup(Date.now()));
  const [account] = await alice.call('listAccounts', {});
  const id = account.id;
  await team.signIn(alice, 'alice@firm.com');
  const view = await alice.openPage(`accounts.html#account=${encodeURIComponent(id)}`);
  await shareWith(view, 'bob@firm.com');
  const line = view.locator('.sync-line').first();
  await expectText(line, msg('syncShared', msg('syncSynced')), { timeout: 15_000 });

  // About 60 KB of minutes pasted into the profile: more than the server takes.
  const before = (await alice.call('getAccount', { id })).account.profile;
  const long = 'Minutes of the quarterly review, kept in full. '.repeat(420).slice(0, 20_000);
  const profile = { goals: long, painPoints: long, opportunities: long };
  await alice.call('updateAccount', { id, patch: { profile }, base: { profile: before } });
  const refused = msg('syncShared', msg('syncError', msg('syncErrTooLarge')));
  await expectText(line, refused, { timeout: 15_000 });
  await shot(view, 'team-too-large-en');
  assert.deepEqual((await alice.call('getAccount', { id })).account.profile, profile, 'kept here');
  const options = await alice.openPage('options.html');
  await expectText(options.locator('#team'), msg('syncErrTooLarge'));
  await options.close();

  // Shorter again: the account syncs, and the line says so.
  const short = { goals: 'Three sites by June.', painPoints: '', opportunities: '' };
  await alice.call('updateAccount', { id, patch: { profile: short }, base: { profile } });
  await expectText(line, msg('syncShared', msg('syncSynced')), { timeout: 15_000 });
});
