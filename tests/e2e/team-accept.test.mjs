// The acceptance, in real Chromium against a real sync server on 127.0.0.1 that this test
// starts: alice (owner), bob (editor) and carol (no access) in three profiles. alice shares an
// account with bob from the account view; bob's browser finds it. The server stops; alice and bob
// make conflicting edits (a stage change each, a decision each, the same person's notes, and bob
// adds a person), bob's worker is killed right after a write, and bob quits his browser and opens
// it again on the same profile, still offline, and adds one more person. The server starts again:
// both converge and everything survives. carol sees nothing throughout. alice stops sharing: bob's
// later edits no longer reach her, and his copy says "No longer shared". She shares it with him
// again: his copy rejoins, his edit made meanwhile merges in, and nothing is there twice.
// carol, who has no access, opens an email from the shared account's domain: her sidebar offers
// to create the account and says alice owns it on the team (in English and in Russian), and
// shows none of its notes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import {
  expectText,
  loadFixture,
  screenshot,
  sidebar,
  sidebarFrameOf,
  waitFor,
} from './harness.mjs';
import { msg, shot } from './pages-helpers.mjs';
import { ruMsg, shareWith, teamOnServer } from './team-helpers.mjs';

const team = teamOnServer();

const today = () => new Date().toISOString().slice(0, 10);
const ids = (list) => list.map((r) => r.id).sort();

/** The unknown-sender thread, its sender at `email` instead. */
function threadFrom(email) {
  const { url, html } = loadFixture('unknown-sender');
  return {
    url: url.replace(/#.*$/, '#inbox/FMfcgzTeamOwner'),
    html: html.replaceAll('priya.shah@initech-systems.com', email),
  };
}

/**
 * carol (no access) opens an email from the shared account's domain: "owned by alice", the offer
 * to create the account, and nothing of its notes. Returns the sidebar's text.
 */
async function carolSeesOwner(app, { domain, name, secrets, say, shotName }) {
  const thread = threadFrom(`buyer@${domain}`);
  const gmail = await app.openHost(thread.url, thread.html);
  try {
    await sidebar(gmail, 'create-account').waitFor({ timeout: 15_000 });
    const note = sidebar(gmail, 'team-owner');
    await expectText(
      note,
      say('sidebarTeamOwns', '\u2068alice@firm.com\u2069', `\u2068${name}\u2069`),
      {
        page: gmail,
        timeout: 15_000,
      },
    );
    await expectText(note, say('sidebarTeamAskToJoin'), { page: gmail });
    // The offer starts right under the header, as an account's name would: no empty band above it.
    const gap = await (
      await sidebarFrameOf(gmail)
    ).evaluate(() => {
      const body = document.querySelector('.rp-body');
      const padding = parseFloat(getComputedStyle(body).paddingTop);
      const heading = body.querySelector('.rp-section .rp-h3');
      return heading.getBoundingClientRect().top - body.getBoundingClientRect().top - padding;
    });
    assert.ok(Math.abs(gap) <= 1, `the unknown senders' heading is ${gap}px below the panel's top`);
    const shown = await sidebar(gmail).innerText();
    for (const secret of secrets)
      assert.ok(!shown.includes(secret), `carol does not see ${secret}`);
    await screenshot(gmail, shotName);
    return shown;
  } finally {
    await gmail.close();
  }
}

/** What both sides must agree on once converged. */
async function shared(app, accountId) {
  const view = await app.call('getAccount', { id: accountId });
  return {
    name: view.account.name,
    stage: view.account.stage,
    stageChanges: ids(view.stageChanges),
    decisions: ids(view.decisions),
    people: view.people.map((p) => `${p.id}:${p.notes}`).sort(),
  };
}

test(
  'three profiles, the server stopped, conflicting edits, a killed worker, a restarted browser, then revoke',
  {
    timeout: 150_000,
  },
  async () => {
    const { server } = team;
    const [alice, carol] = await Promise.all([team.profile(), team.profile()]);
    let bob = await team.profile();
    await alice.seed(sampleBackup(Date.now()));
    const [account] = await alice.call('listAccounts', {});
    const id = account.id;
    await team.signIn(alice, 'alice@firm.com');

    const view = await alice.openPage(`accounts.html#account=${encodeURIComponent(id)}`);
    await shareWith(view, 'bob@firm.com', { role: 'editor' });
    await expectText(view.locator('.sync-line').first(), msg('syncShared', msg('syncSynced')), {
      timeout: 15_000,
    });

    // bob and carol sign in; bob's browser finds the account shared with him, carol's nothing.
    const bobOptions = await team.signIn(bob, 'bob@firm.com');
    await team.signIn(carol, 'carol@firm.com');
    await waitFor(async () => (await bob.call('listAccounts', {})).some((a) => a.id === id), {
      timeout: 20_000,
      message: 'bob’s browser to receive the shared account',
    });
    const before = await alice.call('getAccount', { id });
    const person = before.people[0];
    assert.ok(person, 'the shared account has a person');

    // The network is gone: the server stops.
    await server.stop();
    const stage = before.account.stage;
    // Two stages other than the current one: one for each of them.
    const [aliceStage, bobStage] = [
      'tactical',
      'cooperative',
      'interdependent',
      'strategic',
    ].filter((x) => x !== stage);
    await alice.call('setStage', {
      id,
      stage: aliceStage,
      reason: 'alice: board approved',
      base: stage,
    });
    await bob.call('setStage', {
      id,
      stage: bobStage,
      reason: 'bob: joint plan',
      base: stage,
    });
    await alice.call('addDecision', { accountId: id, date: today(), what: 'alice: pilot in Q1' });
    await bob.call('addDecision', { accountId: id, date: today(), what: 'bob: two-year term' });
    await alice.call('upsertPerson', {
      id: person.id,
      accountId: id,
      notes: `${person.notes}\nalice: prefers mornings`,
      base: { notes: person.notes },
    });
    await bob.call('upsertPerson', {
      id: person.id,
      accountId: id,
      notes: `bob: met at the fair\n${person.notes}`,
      base: { notes: person.notes },
    });
    await bob.call('upsertPerson', { accountId: id, name: 'Nadia Offline', notes: '' });
    // bob's worker is killed right after a write, before anything could reach a server.
    // (His options page asks the worker every 2 s and would wake it at once: closed first.)
    await bobOptions.close();
    await bob.call('upsertPerson', { accountId: id, name: 'Omar Killed', notes: '' });
    await bob.stopWorker();
    assert.equal(
      (await bob.call('teamStatus')).phase !== 'synced',
      true,
      'bob is not synced offline',
    );
    // bob quits his browser and opens it again, the server still down: his offline edits are in
    // his profile, the worker resumes from its stored state, and he goes on working offline.
    bob = await team.restart(bob);
    assert.ok(
      (await bob.call('getAccount', { id })).people.some((p) => p.name === 'Omar Killed'),
      'bob’s edits survived the restart',
    );
    await bob.call('upsertPerson', { accountId: id, name: 'Pia Restarted', notes: '' });
    assert.notEqual((await bob.call('teamStatus')).phase, 'synced', 'bob is offline after restart');

    // The server is back: both converge, and every edit survives on both sides.
    await server.start();
    let a, b;
    await waitFor(
      async () => {
        [a, b] = [await shared(alice, id), await shared(bob, id)];
        return JSON.stringify(a) === JSON.stringify(b) && a.decisions.length >= 2;
      },
      { timeout: 30_000, message: 'alice and bob to converge' },
    );
    const after = await alice.call('getAccount', { id });
    const reasons = after.stageChanges.map((c) => c.reason);
    assert.ok(
      reasons.includes('alice: board approved') && reasons.includes('bob: joint plan'),
      JSON.stringify(after.stageChanges),
    );
    const latest = [...after.stageChanges].sort((x, y) => x.at - y.at).at(-1);
    assert.equal(after.account.stage, latest.to, 'the current stage is the later change');
    const whats = after.decisions.map((d) => d.what);
    assert.ok(whats.includes('alice: pilot in Q1') && whats.includes('bob: two-year term'));
    const notes = after.people.find((p) => p.id === person.id).notes;
    assert.match(notes, /alice: prefers mornings/);
    assert.match(notes, /bob: met at the fair/);
    for (const name of ['Nadia Offline', 'Omar Killed', 'Pia Restarted']) {
      assert.ok(
        after.people.some((p) => p.name === name),
        `bob’s ${name} arrived`,
      );
    }
    assert.deepEqual(await carol.call('listAccounts', {}), [], 'carol saw nothing');

    // carol opens an email from the account's domain: she is told alice owns it, not the notes.
    const domain = after.account.domains[0];
    assert.ok(domain, 'the shared account has a domain');
    const secrets = ['alice: prefers mornings', 'bob: met at the fair', 'alice: pilot in Q1'];
    const owner = { domain, name: after.account.name, secrets };
    await carolSeesOwner(carol, { ...owner, say: msg, shotName: 'team-owner-en' });
    const carolRu = await team.person('carol@firm.com', { lang: 'ru' });
    await carolSeesOwner(carolRu, { ...owner, say: ruMsg, shotName: 'team-owner-ru' });
    assert.deepEqual(await carolRu.call('listAccounts', {}), [], 'carol in Russian saw nothing');

    // Revoke: alice stops sharing; bob keeps his copy, marked, and his edits stay with him.
    await view.getByRole('button', { name: msg('shareStop'), exact: true }).click();
    await view
      .locator('.confirm')
      .getByRole('button', { name: msg('shareStop'), exact: true })
      .click();
    await expectText(view.locator('.note.ok'), msg('shareStopped'));
    await waitFor(async () => (await bob.call('getAccountSync', { accountId: id }))?.revoked, {
      timeout: 15_000,
      message: 'bob’s copy to be marked no longer shared',
    });
    const bobView = await bob.openPage(`accounts.html#account=${encodeURIComponent(id)}`);
    await expectText(bobView.locator('.sync-line').first(), msg('syncNoLongerShared'));
    await bob.call('updateAccount', {
      id,
      patch: { name: 'Renamed by bob after revocation' },
      base: { name: after.account.name },
    });
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal((await alice.call('getAccount', { id })).account.name, after.account.name);
    assert.deepEqual(await carol.call('listAccounts', {}), [], 'carol still saw nothing');
    await shot(bobView, 'team-revoked-en');

    // alice shares it with bob again: his copy rejoins (his worker asks the server who shares
    // what every 30 s), his rename made meanwhile merges in, and nothing is there twice.
    await shareWith(view, 'bob@firm.com', { role: 'editor' });
    await expectText(bobView.locator('.sync-line').first(), msg('syncShared', msg('syncSynced')), {
      timeout: 45_000,
    });
    await waitFor(
      async () =>
        (await alice.call('getAccount', { id })).account.name === 'Renamed by bob after revocation',
      { timeout: 15_000, message: 'bob’s rename made while unshared to reach alice' },
    );
    await waitFor(
      async () => JSON.stringify(await shared(alice, id)) === JSON.stringify(await shared(bob, id)),
      { timeout: 15_000, message: 'alice and bob to converge again' },
    );
    const rejoined = await bob.call('getAccount', { id });
    const personIds = rejoined.people.map((p) => p.id);
    assert.equal(new Set(personIds).size, personIds.length, 'no person twice');
    assert.equal(personIds.length, after.people.length, 'the same people as before');
    assert.equal((await bob.call('listAccounts', {})).filter((a) => a.id === id).length, 1);
    assert.deepEqual(await carol.call('listAccounts', {}), [], 'carol saw nothing to the end');
    await shot(bobView, 'team-rejoined-en');
  },
);
