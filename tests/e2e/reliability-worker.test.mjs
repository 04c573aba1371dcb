// Service worker death, in Chromium: Chrome stops an MV3 worker when it likes (30 s idle, 5 min
// busy, memory pressure), possibly in the middle of a write. Nothing may be lost or half written:
//   (b) the next sidebar request after a stop is answered, 20 times in a row;
//   (c) 100 kills at random moments during multi-store writes leave no partial write, and every
//       write that was answered is there;
//   (d) a retried write (same operation id) is applied once, also across a worker stop.
// (a), listeners registered synchronously, is tests/unit/reliability-listeners.test.ts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import {
  describeSidebar,
  expectText,
  launch,
  screenshot,
  sidebar,
  sidebarFrame,
  waitFor,
} from './harness.mjs';
import {
  accountRecord,
  backupOf,
  personRecord,
  readStore,
  sleep,
  watchPage,
  workerKiller,
  nextOption,
  pickOption,
} from './reliability-helpers.mjs';

const TRIALS = 20;
const KILLS = Number(process.env.RAPPORT_KILLS ?? 100);
/** Kill delays are drawn from 0..MAX_DELAY ms after the writes are fired. */
const MAX_DELAY = 30;

let app;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
});
after(() => app?.close());

test(
  `(b) after the worker stops, the next sidebar request is answered (${TRIALS} trials)`,
  {
    timeout: 300_000,
  },
  async (t) => {
    const gmail = await app.openGmail('thread');
    const seen = watchPage(gmail);
    const potential = sidebar(gmail, 'potential');
    const times = [];
    try {
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      for (let trial = 1; trial <= TRIALS; trial++) {
        await app.stopWorker();
        assert.equal(await app.workerStatus(), 'stopped', `trial ${trial}: the worker still runs`);
        const started = Date.now();
        if (trial % 2 === 1) {
          // A read: the page is loaded again and the content script resolves the thread.
          await gmail.reload();
          await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', {
            page: gmail,
            timeout: 5_000,
          });
        } else {
          // A write from the sidebar itself: the first message to the stopped worker.
          const value = await nextOption(potential);
          await pickOption(potential, value);
          await waitFor(
            async () =>
              (await app.call('getAccount', { id: 'acc-northwind' })).account.potential === value,
            { timeout: 5_000, message: `trial ${trial}: potential "${value}" was not saved` },
          );
          await waitFor(async () => (await potential.inputValue()) === value, { timeout: 5_000 });
        }
        times.push(Date.now() - started);
        assert.equal(
          await sidebar(gmail, 'status').count(),
          0,
          `trial ${trial}: ${await describeSidebar(gmail)}`,
        );
        assert.equal(
          await sidebarFrame(gmail).locator('.rp-error').count(),
          0,
          `trial ${trial}: the sidebar shows an error`,
        );
      }
      assert.deepEqual(seen.pageErrors, []);
      t.diagnostic(
        `${TRIALS} trials answered after a stop; slowest ${Math.max(...times)} ms, median ${
          times.sort((a, b) => a - b)[TRIALS >> 1]
        } ms`,
      );
    } finally {
      await screenshot(gmail, 'reliability-worker-trials');
      await gmail.close();
    }
  },
);

test(
  '(d) the same operation sent twice, and again across a worker stop, is applied once',
  {
    timeout: 60_000,
  },
  async () => {
    const page = await app.openPage('popup.html');
    const envelope = {
      rapport: 1,
      name: 'logActivity',
      opId: `retry-${Date.now()}-twice`,
      request: {
        activity: {
          accountId: 'acc-globex',
          personIds: ['per-hank'],
          kind: 'call',
          at: Date.now(),
          summary: 'Retried call, logged once',
        },
        next: {
          choice: 'replace',
          seen: (await app.call('getAccount', { id: 'acc-globex' })).account.nextAction,
          nextAction: { text: 'Retried next action', due: '2027-01-15' },
        },
      },
    };
    const sendRaw = (env) => page.evaluate((e) => chrome.runtime.sendMessage(e), env);
    const count = async () =>
      (await app.call('exportData')).activities.filter(
        (a) => a.summary === envelope.request.activity.summary,
      ).length;
    try {
      const first = await sendRaw(envelope);
      assert.equal(first.ok, true, JSON.stringify(first));
      const second = await sendRaw(envelope);
      assert.deepEqual(second, first, 'a retry must get the first answer');
      assert.equal(await count(), 1, 'sent twice, applied twice');

      await app.stopWorker();
      const third = await sendRaw(envelope);
      assert.deepEqual(third, first, 'after a restart, the retry must get the first answer');
      assert.equal(await count(), 1, 'applied again by the restarted worker');
      const { account } = await app.call('getAccount', { id: 'acc-globex' });
      assert.equal(account.nextAction.text, 'Retried next action');

      // Both halves of one operation sent together (a retry racing the original): still once.
      const racing = { ...envelope, opId: `retry-${Date.now()}-race` };
      racing.request = {
        activity: { ...envelope.request.activity, summary: 'Racing retry' },
        next: { ...envelope.request.next, seen: account.nextAction },
      };
      const [a, b] = await page.evaluate(
        (e) => Promise.all([chrome.runtime.sendMessage(e), chrome.runtime.sendMessage(e)]),
        racing,
      );
      const raced = (await app.call('exportData')).activities.filter(
        (x) => x.summary === 'Racing retry',
      );
      assert.equal(raced.length, 1, `a racing retry was applied ${raced.length} times`);
      assert.equal(a.ok && b.ok, true);
    } finally {
      await page.close();
    }
  },
);

/** The records of one kill round, written before the round by one importData. */
function roundSetup(r) {
  const accounts = [];
  const people = [];
  const activities = [];
  const decisions = [];
  const stageChanges = [];
  const ops = [];
  const opId = (k) => `kill-${r}-${k}-${Math.random().toString(36).slice(2, 10)}`;
  const whole = (id, name) => {
    accounts.push(accountRecord(id, name));
    people.push(
      personRecord(`${id}-p1`, id, `${name} P1`),
      personRecord(`${id}-p2`, id, `${name} P2`),
    );
    activities.push({
      id: `${id}-a1`,
      accountId: id,
      personIds: [`${id}-p1`],
      kind: 'call',
      at: 1,
      summary: `${name} call`,
      outcome: '',
    });
    decisions.push({
      id: `${id}-d1`,
      accountId: id,
      date: '2026-11-01',
      what: `${name} decision`,
      why: '',
      decidedBy: '',
      alternatives: '',
    });
    stageChanges.push({
      id: `${id}-s1`,
      accountId: id,
      from: null,
      to: 'tactical',
      at: 1,
      reason: '',
    });
  };
  for (let i = 0; i < 6; i++) {
    const id = `l-${r}-${i}`;
    accounts.push(accountRecord(id, `L ${r} ${i}`));
    const marker = `L-${r}-${i}-marker`;
    ops.push({
      kind: 'log',
      id,
      marker,
      env: {
        rapport: 1,
        name: 'logActivity',
        opId: opId(ops.length),
        request: {
          activity: { accountId: id, personIds: [], kind: 'note', at: 1000 + i, summary: marker },
          next: { choice: 'replace', seen: null, nextAction: { text: marker, due: '2027-01-01' } },
        },
      },
    });
  }
  for (let i = 0; i < 3; i++) {
    const name = `C-${r}-${i}`;
    ops.push({
      kind: 'create',
      marker: name,
      env: {
        rapport: 1,
        name: 'createAccount',
        opId: opId(ops.length),
        request: {
          name,
          domains: [],
          people: [1, 2, 3].map((p) => ({
            name: `${name}-p${p}`,
            email: `p${p}.${r}.${i}@c.example`,
          })),
        },
      },
    });
  }
  const trashFirst = [];
  for (let i = 0; i < 3; i++) {
    const d = `d-${r}-${i}`;
    whole(d, `D ${r} ${i}`);
    ops.push({
      kind: 'delete',
      id: d,
      env: { rapport: 1, name: 'deleteAccount', opId: opId(ops.length), request: { id: d } },
    });
    const rs = `r-${r}-${i}`;
    whole(rs, `R ${r} ${i}`);
    trashFirst.push(rs);
    ops.push({
      kind: 'restore',
      id: rs,
      env: { rapport: 1, name: 'restoreAccount', opId: opId(ops.length), request: { id: rs } },
    });
  }
  // Interleaved, so every kind of write is in flight at any moment of the round.
  ops.sort((a, b) => (a.env.opId.split('-')[2] % 4) - (b.env.opId.split('-')[2] % 4));
  return {
    backup: backupOf({ accounts, people, activities, decisions, stageChanges }),
    trashFirst,
    ops,
  };
}

const KIND_OF = {
  people: 'people',
  activities: 'activities',
  decisions: 'decisions',
  stageChanges: 'stageChanges',
};

/**
 * Every invariant that a partial write would break, for this round's operations. `final` asks
 * for the state after every operation was retried: each applied exactly once.
 */
function violations(state, ops, { final }) {
  const out = [];
  const accounts = new Map(state.accounts.map((a) => [a.id, a]));
  const trash = new Map(state.trash.map((t) => [t.accountId, t]));
  const applied = new Set(state.ops.map((o) => o.opId));

  // Referential integrity over the whole store: no record outlives its account.
  for (const kind of Object.keys(KIND_OF)) {
    for (const record of state[kind]) {
      if (!accounts.has(record.accountId))
        out.push(`${kind} ${record.id} belongs to ${record.accountId}, which is not an account`);
    }
  }
  const liveIds = new Set(Object.keys(KIND_OF).flatMap((k) => state[k].map((x) => x.id)));
  for (const entry of trash.values()) {
    if (accounts.has(entry.accountId)) out.push(`${entry.accountId} is both live and in the trash`);
    for (const kind of Object.keys(KIND_OF))
      for (const record of entry[kind])
        if (liveIds.has(record.id)) out.push(`trashed ${kind} ${record.id} is still live`);
  }

  for (const op of ops) {
    const opApplied = applied.has(op.env.opId);
    if (op.kind === 'log') {
      const acts = state.activities.filter((a) => a.summary === op.marker);
      const account = accounts.get(op.id);
      const next = account?.nextAction?.text === op.marker;
      if (acts.length > 1) out.push(`${op.marker}: ${acts.length} activities`);
      if ((acts.length === 1) !== next)
        out.push(
          `${op.marker}: activity ${acts.length ? 'written' : 'missing'} but next action ${next ? 'written' : 'missing'}`,
        );
      if (next !== (account?.revision === 2))
        out.push(`${op.marker}: revision ${account?.revision}`);
      if (next !== opApplied) out.push(`${op.marker}: op recorded ${opApplied}, write ${next}`);
      if (final && !next) out.push(`${op.marker}: never applied`);
    } else if (op.kind === 'create') {
      const made = state.accounts.filter((a) => a.name === op.marker);
      if (made.length > 1) out.push(`${op.marker}: created ${made.length} times`);
      const id = made[0]?.id;
      const ppl = state.people.filter((p) => p.name.startsWith(`${op.marker}-p`));
      // The account and its people are one write; its first stage is read from the account and
      // never stored as a stage change (stage-history.ts).
      const stages = id ? state.stageChanges.filter((s) => s.accountId === id) : [];
      if (made.length === 1 && (ppl.length !== 3 || stages.length !== 0))
        out.push(
          `${op.marker}: account with ${ppl.length} people and ${stages.length} stage changes`,
        );
      if (made.length === 0 && ppl.length > 0)
        out.push(`${op.marker}: people without their account`);
      if ((made.length === 1) !== opApplied)
        out.push(`${op.marker}: op recorded ${opApplied}, account ${made.length}`);
      if (final && made.length !== 1) out.push(`${op.marker}: never applied`);
    } else {
      const live = accounts.has(op.id);
      const inTrash = trash.get(op.id);
      const counts = Object.keys(KIND_OF).map(
        (k) => state[k].filter((x) => x.accountId === op.id).length,
      );
      const liveWhole = live && !inTrash && counts.join() === '2,1,1,1';
      const trashWhole =
        !live &&
        inTrash &&
        counts.join() === '0,0,0,0' &&
        Object.keys(KIND_OF)
          .map((k) => inTrash[k].length)
          .join() === '2,1,1,1';
      if (!liveWhole && !trashWhole)
        out.push(
          `${op.id}: neither whole nor wholly in the trash (live ${live}, trash ${!!inTrash}, records ${counts})`,
        );
      const done = op.kind === 'delete' ? trashWhole : liveWhole;
      if (done !== opApplied)
        out.push(`${op.id} ${op.kind}: op recorded ${opApplied}, done ${done}`);
      if (final && !done) out.push(`${op.id} ${op.kind}: never applied`);
    }
  }
  return out;
}

test(
  `(c) ${KILLS} kills at random moments during multi-store writes leave no partial write`,
  {
    timeout: 900_000,
  },
  async (t) => {
    const killer = await workerKiller(app);
    const fire = await app.openPage('popup.html');
    const stats = {
      ops: 0,
      answeredBeforeKill: 0,
      dropped: 0,
      committedButUnanswered: 0,
      roundsInterrupted: 0,
      retried: 0,
    };
    try {
      for (let r = 0; r < KILLS; r++) {
        const { backup, trashFirst, ops } = roundSetup(r);
        await app.call('importData', { backup, mode: 'merge' });
        for (const id of trashFirst) await app.call('deleteAccount', { id });

        const delay = Math.floor(Math.random() * (MAX_DELAY + 1));
        await fire.evaluate(
          (envs) => {
            window.__ops = envs.map((env) => ({ env, answer: null }));
            for (const op of window.__ops) {
              chrome.runtime.sendMessage(op.env).then(
                (answer) => (op.answer = answer ?? { dropped: 'no answer' }),
                (error) => (op.answer = { dropped: String(error?.message ?? error) }),
              );
            }
          },
          ops.map((o) => o.env),
        );
        await sleep(delay);
        await killer.kill();

        const answers = await waitFor(
          () =>
            fire.evaluate(() =>
              window.__ops.every((o) => o.answer) ? window.__ops.map((o) => o.answer) : null,
            ),
          { timeout: 15_000, message: `round ${r}: some writes were never answered nor dropped` },
        );
        const state = await readStore(killer.page);
        const where = `round ${r} (kill after ${delay} ms; answers: ${answers.map((a) => (a.ok ? 'ok' : (a.code ?? 'dropped'))).join(',')})`;
        assert.deepEqual(violations(state, ops, { final: false }), [], `after the kill, ${where}`);

        // Nothing answered ok may be missing; something dropped may or may not have been applied.
        const applied = new Set(state.ops.map((o) => o.opId));
        stats.ops += ops.length;
        let droppedHere = 0;
        ops.forEach((op, i) => {
          const a = answers[i];
          if (a.ok) {
            stats.answeredBeforeKill++;
            assert.ok(
              applied.has(op.env.opId),
              `${where}: ${op.env.name} answered ok but not stored`,
            );
          } else {
            assert.ok(a.dropped, `${where}: ${op.env.name} refused: ${a.code}: ${a.error}`);
            droppedHere++;
            if (applied.has(op.env.opId)) stats.committedButUnanswered++;
          }
        });
        stats.dropped += droppedHere;
        if (droppedHere) stats.roundsInterrupted++;

        // The client's retry: every operation sent again with its own id, as send() does.
        const retried = await fire.evaluate(
          (envs) => Promise.all(envs.map((e) => chrome.runtime.sendMessage(e))),
          ops.map((o) => o.env),
        );
        stats.retried += ops.length;
        retried.forEach((a, i) => {
          assert.equal(a?.ok, true, `${where}: retry of ${ops[i].env.name}: ${JSON.stringify(a)}`);
          if (answers[i].ok && ops[i].kind !== 'create' && ops[i].kind !== 'restore')
            assert.deepEqual(a, answers[i], `${where}: a retry got another answer`);
        });
        const final = await readStore(killer.page);
        assert.deepEqual(
          violations(final, ops, { final: true }),
          [],
          `after the retries, ${where}`,
        );
      }
      t.diagnostic(
        `${KILLS} kills survived: ${stats.ops} writes fired, ${stats.answeredBeforeKill} answered before the kill, ` +
          `${stats.dropped} cut off in ${stats.roundsInterrupted} rounds (${stats.committedButUnanswered} of them stored ` +
          `but unanswered), ${stats.retried} retried with their operation id, each applied exactly once`,
      );
      assert.ok(
        stats.roundsInterrupted >= KILLS / 4,
        `only ${stats.roundsInterrupted} kills cut a write off`,
      );
    } finally {
      await killer.close();
      await fire.close();
    }
  },
);
