// The accounts page in Chromium: table filters kept in the address across a reload, all of an
// account's follow-ups a page at a time, people and decisions removed with Undo, follow-ups
// logged with people and deleted after a confirmation, and the page's accessibility.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectText, launch, waitFor } from './harness.mjs';
import {
  expectFocused,
  expectNoSeriousA11yIssues,
  msg,
  seriousA11yIssues,
  shot,
  texts,
} from './pages-helpers.mjs';
import { controlRows } from './control-rows.mjs';

const HOUR = 3_600_000;

/**
 * The sample data, and Northwind with 40 follow-ups in all: 12 of them at one instant, as a day's
 * follow-ups logged from the account page are, straddling the first page boundary (10).
 */
function data(now = Date.now()) {
  const backup = sampleBackup(now);
  for (let i = 0; i < 38; i++) {
    const at = i >= 5 && i < 17 ? now - 48 * HOUR : now - (i + 1) * 7 * HOUR;
    backup.activities.push({
      id: `act-x${String(i).padStart(2, '0')}`,
      accountId: 'acc-northwind',
      personIds: [],
      kind: 'note',
      at,
      summary: `Note ${i}`,
      outcome: '',
    });
  }
  return backup;
}

let app;
let page;
before(async () => {
  app = await launch();
});
after(() => app?.close());
beforeEach(async () => {
  await app.seed(data());
  await page?.close();
  page = await app.openPage('accounts.html');
  await page.locator('table.accounts').waitFor();
});

async function openAccount(name) {
  await page.locator('table.accounts td.name a', { hasText: name }).click();
  await expectText(page.locator('.editor h1'), name);
}
const button = (name) => page.getByRole('button', { name, exact: true });

test("the list gives each account its latest follow-up, from Chromium's getAllRecords", async () => {
  const backup = await app.call('exportData');
  const latest = new Map();
  for (const a of backup.activities) {
    latest.set(a.accountId, Math.max(latest.get(a.accountId) ?? -Infinity, a.at));
  }
  const rows = await app.call('listAccounts');
  assert.equal(rows.length, backup.accounts.length);
  for (const row of rows) assert.equal(row.lastTouchedAt, latest.get(row.id) ?? null, row.name);
  assert.ok(latest.size >= 2, 'the sample has follow-ups on more than one account');
});

test('due days near today read as words in the table and the calendar', async () => {
  // The sample: Northwind due today, Globex three days ago.
  const due = (name) =>
    page.locator('table.accounts tr', { hasText: name }).locator('td.next time').textContent();
  assert.equal(await due('Northwind Logistics'), 'Today');
  assert.doesNotMatch(await due('Globex'), /Today|Yesterday|Tomorrow/);
  await page.evaluate(() => (location.hash = '#view=calendar'));
  await page.locator('table.cal').waitFor();
  await expectText(page.locator('table.cal td.today .today-tag'), 'Today');
  await shot(page, 'pages-accounts-due-words');
});

test('an account opens from the table without a flash of "Loading…"', async () => {
  // Every node added to the page's main area from the click on, as the text it brought: the
  // loading line, had it been drawn for even one frame, is among them.
  await page.evaluate(() => {
    window.addedTexts = [];
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) window.addedTexts.push(node.textContent ?? '');
      }
    }).observe(document.querySelector('main'), { childList: true, subtree: true });
  });
  await openAccount('Northwind Logistics');
  const file = await shot(page, 'accounts-editor-opened', { fullPage: false });
  assert.equal(await page.getByText(msg('accountsLoading')).count(), 0, file);
  const added = await page.evaluate(() => window.addedTexts);
  assert.ok(
    added.some((text) => text.includes('Northwind Logistics')),
    'the observer saw the editor come',
  );
  assert.deepEqual(
    added.filter((text) => text.includes(msg('accountsLoading'))),
    [],
    'the loading line was drawn',
  );
});

test('table filters, sort and search survive a reload and a visit to an account', async () => {
  await page.locator('#filter-stage').selectOption('strategic');
  await page.locator('#filter-text').fill('glo');
  await page.locator('button[data-sort="due"]').click();
  await waitFor(() => page.evaluate(() => location.hash.includes('sort=due')), {
    message: 'the sort in the address',
  });
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /^#view=table&/);
  assert.match(hash, /stage=strategic/);
  assert.match(hash, /q=glo/);

  await page.reload();
  await page.locator('table.accounts').waitFor();
  assert.equal(await page.locator('#filter-stage').inputValue(), 'strategic');
  assert.equal(await page.locator('#filter-text').inputValue(), 'glo');
  assert.equal(await page.locator('th[aria-sort]').getAttribute('aria-sort'), 'ascending');
  assert.deepEqual(await texts(page, 'table.accounts td.name a'), ['Globex']);

  // Into an account and back, by the browser's Back and by the page's own link.
  await openAccount('Globex');
  await page.goBack();
  await page.locator('table.accounts').waitFor();
  assert.equal(await page.locator('#filter-text').inputValue(), 'glo');
  await openAccount('Globex');
  await page
    .locator('nav.crumbs')
    .getByRole('link', { name: msg('accountsBackToList') })
    .click();
  await page.locator('table.accounts').waitFor();
  assert.equal(await page.locator('#filter-stage').inputValue(), 'strategic');
  assert.deepEqual(await texts(page, 'table.accounts td.name a'), ['Globex']);

  // Clearing the filters clears them from the address too.
  await button(msg('accountsClearFilters')).click();
  await waitFor(async () => !(await page.evaluate(() => location.hash)).includes('stage='), {
    message: 'the stage filter to leave the address',
  });
  // The rows follow once the unfiltered page has been read.
  await waitFor(async () => (await texts(page, 'table.accounts td.name a')).length === 3, {
    message: 'all three accounts to be listed again',
  });
});

test(
  '"Show older" pages through every follow-up of an account, none missed or twice',
  {
    timeout: 30_000,
  },
  async () => {
    const all = (await app.call('listActivities', { accountId: 'acc-northwind', limit: 200 })).map(
      (a) => a.id,
    );
    assert.equal(all.length, 40);
    await openAccount('Northwind Logistics');
    const items = page.locator('ol.activities > li');
    const shown = () => items.evaluateAll((els) => els.map((el) => el.dataset.activityId));
    assert.equal(await items.count(), 10);

    const more = page.locator('[data-testid="show-older"]');
    await more.click();
    await waitFor(async () => (await items.count()) === 30, { message: '30 follow-ups' });
    // Focus goes to the first follow-up that was not there before.
    await expectFocused(items.nth(10), 'the first newly shown follow-up');
    await more.click();
    await waitFor(async () => (await items.count()) === 40, { message: '40 follow-ups' });
    assert.deepEqual(await shown(), all, 'not the store’s follow-ups, newest first, each once');
    await waitFor(async () => (await more.count()) === 0, { message: 'no more "Show older"' });
    await expectText(
      page.locator('section[aria-labelledby="activities-heading"] p[role="status"]'),
      msg('accountsActivitiesShown', 40),
    );

    // A follow-up logged now goes on top and the long list stays whole.
    await app.call('logActivity', {
      activity: {
        accountId: 'acc-northwind',
        personIds: [],
        kind: 'call',
        at: Date.now(),
        summary: 'Newest call',
      },
      next: { choice: 'keep' },
    });
    await waitFor(async () => (await items.count()) === 41, { message: '41 follow-ups' });
    await expectText(items.first(), 'Newest call');
  },
);

test(
  'removing a person offers Undo, which puts the same record back',
  { timeout: 30_000 },
  async () => {
    const { people } = await app.call('getAccount', { id: 'acc-northwind' });
    const tom = people.find((p) => p.id === 'per-tom');
    await openAccount('Northwind Logistics');
    await button(msg('accountsRemovePersonNamed', 'Tom Reyes')).click();
    await waitFor(async () => (await page.locator('[data-person-id="per-tom"]').count()) === 0, {
      message: 'Tom to leave the list',
    });
    await expectText(page.locator('.toast'), msg('accountsPersonRemoved', 'Tom Reyes'));
    const undo = button(msg('accountsUndo'));
    await expectFocused(undo, 'Undo');
    await undo.click();
    await expectText(page.locator('[data-person-id="per-tom"]'), 'Tom Reyes');
    await expectFocused(
      page.locator('[data-person-id="per-tom"] .person-remove'),
      'Tom’s Remove button, where focus was',
    );
    const back = (await app.call('getAccount', { id: 'acc-northwind' })).people.find(
      (p) => p.id === 'per-tom',
    );
    assert.deepEqual(back, tom);
    assert.equal(await page.locator('.toast').count(), 0);

    // Removed and the toast closed: focus goes to "Add person", and the removal stands.
    await button(msg('accountsRemovePersonNamed', 'Tom Reyes')).click();
    await expectFocused(undo, 'Undo');
    await button(msg('accountsDismiss')).click();
    await expectFocused(page.locator('#people-add'), 'Add person');
    const left = (await app.call('getAccount', { id: 'acc-northwind' })).people.map((p) => p.id);
    assert.deepEqual(left, ['per-anna']);
  },
);

test('removing a decision offers Undo', { timeout: 30_000 }, async () => {
  await openAccount('Northwind Logistics');
  const what = 'Kept us as the sole cross-Channel carrier';
  await button(msg('accountsRemoveDecisionNamed', what)).click();
  await expectText(page.locator('.toast'), msg('accountsDecisionRemoved', what));
  await waitFor(async () => (await page.locator('[data-decision-id="dec-1"]').count()) === 0, {
    message: 'the decision to leave the log',
  });
  assert.equal((await app.call('getAccount', { id: 'acc-northwind' })).decisions.length, 0);
  await button(msg('accountsUndo')).click();
  await expectText(page.locator('[data-decision-id="dec-1"]'), what);
  await expectFocused(
    page.locator('[data-decision-id="dec-1"] .decision-remove'),
    'its Remove button',
  );
  assert.deepEqual(
    (await app.call('getAccount', { id: 'acc-northwind' })).decisions.map((d) => d.id),
    ['dec-1'],
  );
});

test(
  'a follow-up logged on the account page names the people picked',
  { timeout: 30_000 },
  async () => {
    await openAccount('Northwind Logistics');
    await button(msg('accountsLogFollowUp')).click();
    await page.locator('#activity-summary').fill('Call about the Q1 volumes');
    await page
      .getByRole('group', { name: msg('accountsActivityPeople') })
      .getByLabel('Anna Keller')
      .check();
    await page
      .locator('form[aria-label]')
      .getByRole('button', { name: msg('accountsSave') })
      .click();
    await expectText(
      page.locator('ol.activities > li').first(),
      'Call about the Q1 volumes · Anna Keller',
    );
    const [latest] = await app.call('listActivities', { accountId: 'acc-northwind', limit: 1 });
    assert.equal(latest.summary, 'Call about the Q1 volumes');
    assert.deepEqual(latest.personIds, ['per-anna']);
  },
);

test('deleting a follow-up asks first, and Escape keeps it', { timeout: 30_000 }, async () => {
  await openAccount('Globex');
  const item = page.locator('ol.activities > li', { hasText: 'Globex rollout plan' });
  const del = item.getByRole('button', {
    name: msg('accountsDeleteActivityNamed', 'Globex rollout plan'),
  });
  await del.click();
  await expectText(item.locator('.confirm'), msg('accountsDeleteActivityConfirm'));
  await expectFocused(item.getByRole('button', { name: msg('accountsKeep') }), 'Keep it');
  await page.keyboard.press('Escape');
  await expectFocused(del, 'the Delete button again');
  assert.equal((await app.call('getAccount', { id: 'acc-globex' })).activities.length, 1);

  await del.click();
  await item.getByRole('button', { name: msg('accountsDeleteActivityYes') }).click();
  await waitFor(async () => (await item.count()) === 0, { message: 'the follow-up to go' });
  await expectFocused(page.locator('#activities-log'), 'Log follow-up');
  assert.equal((await app.call('getAccount', { id: 'acc-globex' })).activities.length, 0);
});

test('deleting an account offers Undo, which opens it again', { timeout: 30_000 }, async () => {
  await openAccount('Umbrella Pharma');
  await button(msg('accountsDelete')).click();
  await page.locator('table.accounts').waitFor();
  await expectFocused(button(msg('accountsUndo')), 'Undo');
  assert.equal((await app.call('listAccounts')).length, 2);
  await button(msg('accountsUndo')).click();
  await expectText(page.locator('.editor h1'), 'Umbrella Pharma');
  assert.equal((await app.call('listAccounts')).length, 3);
});

test(
  'axe-core: no serious or critical issue on the accounts and options pages',
  {
    timeout: 60_000,
  },
  async () => {
    // The checker can fail: an image without a text alternative is critical.
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = '/icon/16.png';
      img.id = 'axe-self-check';
      document.body.append(img);
    });
    assert.ok((await seriousA11yIssues(page)).some((line) => line.startsWith('image-alt')));
    await page.evaluate(() => document.getElementById('axe-self-check')?.remove());

    await expectNoSeriousA11yIssues(page, 'the accounts table');
    // The search field and the filters' selects in one row, one height.
    const filterRows = await controlRows(page);
    assert.deepEqual(filterRows.mismatches, [], 'the table: controls side by side');
    assert.ok(filterRows.pairs >= 5, `the table: only ${filterRows.pairs} pairs compared`);
    await shot(page, 'pages-accounts-table', { fullPage: false });
    for (const view of ['calendar', 'portfolio']) {
      await page
        .getByRole('link', {
          name: msg(view === 'calendar' ? 'accountsViewCalendar' : 'accountsViewPortfolio'),
        })
        .click();
      await page.waitForFunction((v) => location.hash === `#view=${v}`, view);
      await page.locator('.content h1').waitFor();
      await expectNoSeriousA11yIssues(page, `the accounts ${view}`);
      await shot(page, `pages-accounts-${view}`, { fullPage: false });
    }
    await page.getByRole('link', { name: msg('accountsViewTable') }).click();
    await openAccount('Northwind Logistics');
    await expectNoSeriousA11yIssues(page, 'the account editor');
    await shot(page, 'pages-accounts-editor', { fullPage: false });
    await shot(page, 'pages-accounts-editor-full');
    // With every form open.
    await button(msg('accountsAddPerson')).click();
    await button(msg('accountsAddDecision')).click();
    await button(msg('accountsLogFollowUp')).click();
    await button(msg('accountsEditNextAction')).click();
    await expectNoSeriousA11yIssues(page, 'the account editor with its forms open');
    await shot(page, 'pages-accounts-editor-forms');
    // A field, a select and a button side by side are one height (the stage's Move to, Why and
    // Change stage; each form's buttons).
    const editorRows = await controlRows(page);
    assert.deepEqual(editorRows.mismatches, [], 'the editor: controls side by side');
    assert.ok(editorRows.pairs >= 5, `the editor: only ${editorRows.pairs} pairs compared`);

    const options = await app.openPage('options.html');
    try {
      await options.locator('#data-heading').waitFor();
      await options.locator('.card').first().waitFor();
      await expectNoSeriousA11yIssues(options, 'the options page');
      // An offering's name beside its buttons, a domain field beside Add, a file's button.
      const optionRows = await controlRows(options);
      assert.deepEqual(optionRows.mismatches, [], 'the options page: controls side by side');
      assert.ok(optionRows.pairs >= 2, `the options page: only ${optionRows.pairs} pairs`);
      await shot(options, 'pages-options', { fullPage: false });
      await shot(options, 'pages-options-full');
    } finally {
      await options.close();
    }
  },
);
