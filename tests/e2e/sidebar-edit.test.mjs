// Create and edit from the sidebar (issue 15, items 1 and 7): add a person who is not on the
// thread, rename the account and edit its domains (free mail and another account's domain refused),
// open the full account; and focus lands on the result of each write, never on <body>, with the
// tab order starting at the account's name.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import {
  expectText,
  launch,
  screenshot,
  sidebar,
  sidebarFrame,
  sidebarFrameOf,
  waitFor,
} from './harness.mjs';

let app;
before(async () => {
  app = await launch();
});
after(() => app?.close());
beforeEach(() => app.seed(sampleBackup(Date.now())));

/** What has focus in the sidebar frame: its test id, or its tag, and its text. */
async function focused(page) {
  const frame = await sidebarFrameOf(page);
  return frame.evaluate(() => {
    const el = document.activeElement;
    return {
      testId: el?.getAttribute('data-testid') ?? el?.localName,
      text: (el?.textContent ?? '').trim().slice(0, 80),
      stage: el?.getAttribute('data-stage') ?? null,
    };
  });
}

async function openNorthwind() {
  const gmail = await app.openGmail('thread');
  await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
  return gmail;
}

test('Tab starts at the account name, not at the resize handle', { timeout: 60_000 }, async () => {
  const gmail = await openNorthwind();
  try {
    // The user clicks into the panel (on no control), then tabs.
    await sidebarFrame(gmail).locator('.rp-brand').click();
    await gmail.keyboard.press('Tab');
    assert.deepEqual(await focused(gmail), {
      testId: 'edit-account',
      text: 'Northwind Logistics',
      stage: null,
    });
    // The resize handle is still reachable, last.
    const frame = await sidebarFrameOf(gmail);
    const last = await frame.evaluate(() => {
      const all = [...document.querySelectorAll('button, a[href], [tabindex="0"], select, input')];
      return all.at(-1)?.getAttribute('role');
    });
    assert.equal(last, 'separator');
  } finally {
    await gmail.close();
  }
});

test(
  'the single-threaded warning adds a person not on the thread; focus lands on their row',
  { timeout: 60_000 },
  async () => {
    await app.call('deletePerson', { id: 'per-tom' });
    const gmail = await openNorthwind();
    try {
      await expectText(sidebar(gmail), 'Single-threaded account.', { page: gmail });
      await sidebar(gmail, 'add-person-warn').click();
      const form = sidebarFrame(gmail).locator('form[aria-label="Add person"]');
      await form.locator('[name="person-name"]').fill('Lena Wolf');
      await form.locator('[name="person-email"]').fill('lena.wolf@northwind.co.uk');
      await form.locator('[name="person-title"]').fill('CFO');
      await form.locator('select').selectOption('decision_maker');
      await screenshot(gmail, 'sidebar-add-person');
      await form.locator('[name="person-title"]').press('Enter');

      await waitFor(async () => (await focused(gmail)).text.startsWith('Lena Wolf'), {
        message: 'focus did not land on the new person’s row',
      });
      assert.equal((await focused(gmail)).testId, 'person-toggle');
      assert.equal(await sidebar(gmail, 'person').count(), 2);
      assert.equal(await sidebar(gmail, 'add-person-warn').count(), 0, 'no longer single-threaded');
      const { people } = await app.call('getAccount', { id: 'acc-northwind' });
      const lena = people.find((p) => p.name === 'Lena Wolf');
      assert.deepEqual(
        [lena?.emails, lena?.title, lena?.role],
        [['lena.wolf@northwind.co.uk'], 'CFO', 'decision_maker'],
      );
      await screenshot(gmail, 'sidebar-person-added');
    } finally {
      await gmail.close();
    }
  },
);

test(
  'rename and edit domains: another account’s domain and free mail are refused, a good edit is saved',
  { timeout: 60_000 },
  async () => {
    const gmail = await openNorthwind();
    const form = sidebarFrame(gmail).locator('form[aria-label="Edit account"]');
    const domains = form.locator('[name="account-domains"]');
    try {
      await sidebar(gmail, 'edit-account').click();
      await form.locator('[name="account-name"]').fill('Northwind Group');

      await domains.fill('northwind.co.uk, globex.com');
      await domains.press('Enter');
      await expectText(
        sidebar(gmail, 'domain-error'),
        'globex.com already belongs to the account “Globex”.',
        { page: gmail },
      );
      assert.equal((await focused(gmail)).testId, 'input', 'focus goes back to the domains');
      await screenshot(gmail, 'sidebar-domain-taken');
      // The reason goes as soon as the field changes, not at the next save.
      await domains.pressSequentially(' ');
      await waitFor(async () => (await sidebar(gmail, 'domain-error').count()) === 0, {
        message: 'the domain error stayed after the field changed',
      });
      assert.equal(await domains.getAttribute('aria-invalid'), null);

      await domains.fill('northwind.co.uk gmail.com');
      await domains.press('Enter');
      await expectText(sidebar(gmail, 'domain-error'), 'gmail.com is free mail', { page: gmail });
      let stored = await app.call('getAccount', { id: 'acc-northwind' });
      assert.deepEqual(
        [stored.account.name, stored.account.domains],
        ['Northwind Logistics', ['northwind.co.uk']],
        'nothing was written',
      );

      await domains.fill('northwind.co.uk, NW-Freight.com');
      await domains.press('Enter');
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Group', { page: gmail });
      await expectText(sidebar(gmail, 'account-domains'), 'northwind.co.uk, nw-freight.com');
      assert.deepEqual(await focused(gmail), {
        testId: 'edit-account',
        text: 'Northwind Group',
        stage: null,
      });
      stored = await app.call('getAccount', { id: 'acc-northwind' });
      assert.deepEqual(stored.account.domains, ['northwind.co.uk', 'nw-freight.com']);
      await screenshot(gmail, 'sidebar-renamed');
    } finally {
      await gmail.close();
    }
  },
);

test('“Open the full account” opens the accounts page on that account', async () => {
  const gmail = await openNorthwind();
  try {
    const [page] = await Promise.all([
      app.context.waitForEvent('page'),
      sidebar(gmail, 'open-account').click(),
    ]);
    await page.waitForLoadState();
    assert.equal(page.url(), `${app.origin}/accounts.html#account=acc-northwind`);
    await expectText(page.locator('h1, h2').first(), 'Northwind Logistics');
    await screenshot(page, 'sidebar-open-full-account');
    await page.close();
  } finally {
    await gmail.close();
  }
});

test(
  'a stage change shows the move and its reason, and focus stays on the new stage',
  { timeout: 60_000 },
  async () => {
    const gmail = await openNorthwind();
    try {
      await expectText(sidebar(gmail, 'stage-last'), 'Second site signed.', { page: gmail });
      await sidebarFrame(gmail).locator('[data-stage="interdependent"]').click();
      const reason = sidebarFrame(gmail).locator('.rp-stage input[name="reason"]');
      await reason.fill('They plan the 2027 roll-out with us');
      await reason.press('Enter');
      await expectText(sidebar(gmail, 'stage-current'), 'Interdependent', { page: gmail });
      await expectText(sidebar(gmail, 'stage-last'), /^Moved up to Interdependent on .+\n.*2027/);
      assert.deepEqual(await focused(gmail), {
        testId: 'stage-current',
        text: 'Interdependent',
        stage: 'interdependent',
      });
    } finally {
      await gmail.close();
    }
  },
);

test('a new decision takes focus once it is saved', { timeout: 60_000 }, async () => {
  const gmail = await openNorthwind();
  try {
    const add = sidebarFrame(gmail).getByRole('button', { name: 'Add decision' });
    await add.click();
    const form = sidebarFrame(gmail).locator('form[aria-label="Add decision"]');
    await form.locator('[name="what"]').fill('Moved the Q1 review to Rotterdam');
    await form.locator('[name="what"]').press('Enter');
    await waitFor(
      async () => (await focused(gmail)).text.startsWith('Moved the Q1 review to Rotterdam'),
      { message: 'focus did not land on the new decision' },
    );
    assert.equal((await focused(gmail)).testId, 'decision');
  } finally {
    await gmail.close();
  }
});
