// The hostile page, in real Chromium: every attack of issue 13 ("The host page can read it and
// drive it", "A content script can do anything to the store") played against the framed sidebar.
// The page is played from `page.evaluate`, which runs in the host page's own main world, with the
// powers of any script of Gmail's or of another extension's main-world script; the content script
// is played from its own isolated world, reached through the DevTools protocol. Each attack must
// fail to read, change or remove anything: what the store holds is read before and after through
// an extension page (exportData, chrome.storage.local), never through what the page can see.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import {
  ROOT,
  expectText,
  launch,
  loadFixture,
  openPeople,
  screenshot,
  sidebar,
  sidebarFrame,
  sidebarFrameOf,
  textOf,
  waitFor,
} from './harness.mjs';
import {
  backupOf,
  contentScriptWorld,
  frameSeen,
  pageView,
  sendFromFrame,
  sleep,
  storeState,
  watchPage,
  withStyle,
} from './reliability-helpers.mjs';

/** What the sample data says about Northwind and its people, and the thread does not show. */
const SECRETS = [
  'Prefers short calls before 10:00',
  'sceptical of new carriers',
  'Send the Q1 volume proposal',
  'Kept us as the sole cross-Channel carrier',
  'Renewal kick-off call',
];

/**
 * Every message of the contract (utils/schemas/messages.ts) and the least trusted sender it admits.
 */
const ACCESS = (() => {
  const source = fs.readFileSync(path.join(ROOT, 'utils', 'schemas', 'messages.ts'), 'utf8');
  const table = source.slice(source.indexOf('export const MESSAGES = {'));
  const entries = [...table.matchAll(/^ {2}(\w+): message\(/gm)];
  return Object.fromEntries(
    entries.map((m, i) => {
      const body = table.slice(m.index, entries[i + 1]?.index ?? table.indexOf('\n};'));
      const access = /'(content|frame|page)'/.exec(body)?.[1] ?? 'frame';
      return [m[1], access];
    }),
  );
})();
const names = (level) => Object.keys(ACCESS).filter((n) => ACCESS[n] === level);

let app;
/** An extension page of our own: it reads the settings store for "nothing changed". */
let own;
before(async () => {
  app = await launch();
  own = await app.openPage('popup.html');
});
after(() => app?.close());

/** The sample data again and the default layout, so that each attack starts from the same place. */
async function reseed() {
  await app.seed(sampleBackup(Date.now()));
  await own.evaluate(() => chrome.storage.local.remove('rapport:sidebar'));
}

/** The dock's layout as stored (collapsed, width): the user's own arrangement. */
function layoutNow() {
  return own.evaluate(
    async () => (await chrome.storage.local.get('rapport:sidebar'))['rapport:sidebar'] ?? null,
  );
}

/** Anna Keller's notes field in the sidebar. */
const annaNotes = (page) =>
  sidebar(page, 'person')
    .filter({ hasText: 'Anna Keller' })
    .locator('[data-testid="person-notes"]');
const ANNA_NOTES = 'Prefers short calls before 10:00. Cares about invoicing accuracy.';

/** What the store and the settings hold, for "nothing changed". */
async function everything() {
  const settings = await own.evaluate(() => chrome.storage.local.get(null));
  // The dock's layout is the user's own arrangement, checked where it matters; the signed-in
  // address is what any Gmail page shows (reportContext records it, for the popup to suggest).
  delete settings['rapport:sidebar'];
  delete settings['rapport:seenSelfEmails'];
  // How the last page was read (the popup's Page reading) follows the pages opened, not a message.
  delete settings['rapport:selectorHealth'];
  return { store: await storeState(app), settings };
}

/** Opens a Gmail fixture and waits until its sidebar shows `name` (an account, or a sender). */
async function openThread(state = 'thread', name = 'Northwind Logistics', { css } = {}) {
  let page;
  if (css) {
    const { url, html } = loadFixture(state);
    page = await app.openHost(url, withStyle(html, css));
  } else {
    page = await app.openGmail(state);
  }
  const seen = watchPage(page);
  await expectText(sidebar(page, 'sidebar'), name, { page });
  return { page, seen };
}

test('the page cannot read the sidebar: its shadow root holds only the frame and a grip, and the frame is another origin', async () => {
  await reseed();
  const { page, seen } = await openThread();
  try {
    // The secrets are on screen, in the frame: the test itself can read them there.
    await openPeople(page, 'Anna Keller');
    assert.equal(await textOf(annaNotes(page)), ANNA_NOTES);
    await expectText(sidebar(page, 'next-action'), SECRETS[2], { page });

    const view = await pageView(page);
    assert.equal(view.docks, 1);
    assert.deepEqual(view.shadowChildren.sort(), ['div', 'iframe'], 'what the dock holds');
    assert.equal(view.shadowText.trim(), '', 'text in the dock');
    assert.match(view.frameSrc, /^chrome-extension:\/\/[a-p]{32}\/sidebar\.html$/);
    assert.equal(view.contentDocument, 'null', 'iframe.contentDocument');
    assert.equal(view.frameDocument, 'threw SecurityError', 'iframe.contentWindow.document');
    assert.equal(view.frameBody, 'threw SecurityError', 'the frame body');
    assert.equal(view.frameLocation, 'threw SecurityError', 'the frame URL');
    for (const secret of SECRETS) {
      assert.ok(!view.pageText.includes(secret), `the page can read "${secret}"`);
    }

    // Asking the frame by message gets nothing back: it listens to no message from the page.
    const replies = await page.evaluate(async () => {
      const got = [];
      window.addEventListener('message', (e) => got.push(JSON.stringify(e.data).slice(0, 80)));
      const frame = document.querySelector('rapport-dock').shadowRoot.querySelector('iframe');
      for (const name of ['getAccount', 'exportData', 'listAccounts']) {
        frame.contentWindow.postMessage(
          { rapport: 1, name, request: { id: 'acc-northwind' } },
          '*',
        );
      }
      frame.contentWindow.postMessage('getAccount', '*');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return got;
    });
    assert.deepEqual(replies, [], 'the frame answered a message of the page');

    // Nor can the page's own world talk to the extension's background.
    const direct = await page.evaluate(async (id) => {
      try {
        const answer = await chrome.runtime.sendMessage(id, {
          rapport: 1,
          name: 'exportData',
          request: {},
        });
        return `answered ${JSON.stringify(answer).slice(0, 80)}`;
      } catch (error) {
        return `refused: ${error.name}`;
      }
    }, app.extensionId);
    assert.match(direct, /^refused/);
    assert.deepEqual(seen.pageErrors, []);
  } finally {
    await page.close();
  }
});

/** Rewrites the open conversation's people to `email` under a new thread id, as a page could. */
function guess(page, email, i) {
  return page.evaluate(
    ({ email, i }) => {
      const heading = document.querySelector('div[role="main"] h2[data-thread-perm-id]');
      for (const chip of document.querySelectorAll('div[role="main"] span[email]')) {
        if (chip.getAttribute('name') === 'me') continue;
        chip.setAttribute('email', email);
        chip.setAttribute('name', email.split('@')[0]);
        chip.textContent = email.split('@')[0];
      }
      heading.setAttribute('data-legacy-thread-id', `guess${i}`);
      heading.setAttribute('data-thread-perm-id', `thread-f:guess${i}`);
    },
    { email, i },
  );
}

/** Everything about Rapport that the page can observe without reading the frame. */
function observable(page) {
  return page.evaluate(() => {
    const dock = document.querySelector('rapport-dock');
    const frame = dock?.shadowRoot?.querySelector('iframe');
    // An element as markup would show it: its tag and every attribute (its inline style too).
    const describe = (el) =>
      el
        ? [el.localName, ...[...el.attributes].map((a) => `${a.name}=${a.value}`)].join(' ')
        : null;
    const rect = (el) =>
      el ? [...Object.values(el.getBoundingClientRect().toJSON())].map(Math.round).join() : null;
    return {
      dock: describe(dock),
      shadow: [...(dock?.shadowRoot?.children ?? [])].map(describe),
      dockRect: rect(dock),
      frameRect: rect(frame),
      html: document.documentElement.getAttribute('style'),
      bodyRect: rect(document.body),
      frames: window.length,
      title: document.title,
      active: document.activeElement?.localName ?? null,
      messages: window.__rapportMessages?.length ?? 0,
    };
  });
}

test('rewriting the participant chips shows the guessed account in the frame, and tells the page nothing', async () => {
  await reseed();
  const { page, seen } = await openThread();
  try {
    await page.evaluate(() => {
      window.__rapportMessages = [];
      window.addEventListener('message', (e) => window.__rapportMessages.push(e.data));
    });
    // Known people, a known company's domain, and strangers: matches and misses alternate.
    const guesses = [
      ['h.scorpio@globex.com', 'Globex'],
      ['nobody@unknown-company.example', 'unknown-company.example'],
      ['anna.keller@northwind.co.uk', 'Northwind Logistics'],
      ['someone@another-stranger.example', 'another-stranger.example'],
      ['new.person@umbrella-pharma.com', 'Umbrella Pharma'],
      ['x@third-stranger.example', 'third-stranger.example'],
    ];
    const seenByPage = [];
    for (const [i, [email, shows]] of guesses.entries()) {
      await guess(page, email, i);
      // The frame follows the page (the content script reports what it shows): the guess lands.
      await expectText(sidebar(page, 'sidebar'), shows, { page });
      await sleep(200);
      seenByPage.push(await observable(page));
    }
    for (const [i, view] of seenByPage.entries()) {
      assert.deepEqual(
        view,
        seenByPage[0],
        `the page sees a difference after guessing ${guesses[i][0]} (a ${
          i % 2 ? 'miss' : 'match'
        })`,
      );
    }
    const view = await pageView(page);
    for (const secret of SECRETS) assert.ok(!view.pageText.includes(secret), secret);
    assert.deepEqual(seen.pageErrors, []);
  } finally {
    await page.close();
  }
});

test('focus(), execCommand("insertText") and blur() cannot write a note: the field is out of the page’s reach', async () => {
  await reseed();
  const before = await everything();
  const { page } = await openThread();
  try {
    await openPeople(page, 'Anna Keller');
    const notes = annaNotes(page);
    await notes.waitFor();
    const tried = await page.evaluate(() => {
      const out = [];
      const frame = document.querySelector('rapport-dock').shadowRoot.querySelector('iframe');
      const roots = [document, document.querySelector('rapport-dock').shadowRoot];
      try {
        const doc = frame.contentDocument ?? frame.contentWindow.document;
        if (doc) roots.push(doc);
      } catch (error) {
        out.push(`frame document: ${error.name}`);
      }
      const field = roots.map((r) => r.querySelector('[data-testid="person-notes"]')).find(Boolean);
      if (field) {
        field.focus();
        document.execCommand('insertText', false, 'Written by the page');
        field.blur();
        out.push('field reached');
      } else {
        out.push('no field');
      }
      // The frame element itself takes focus; the text goes nowhere in it.
      frame.focus();
      out.push(`execCommand: ${document.execCommand('insertText', false, 'Written by the page')}`);
      frame.blur();
      return out;
    });
    assert.deepEqual(tried, ['frame document: SecurityError', 'no field', 'execCommand: false']);
    await sleep(1_000);
    assert.equal(await textOf(notes), ANNA_NOTES);
    assert.deepEqual(await everything(), before, 'the store changed');
  } finally {
    await page.close();
  }
});

test('requestSubmit() cannot submit the stage form the user opened', async () => {
  await reseed();
  const before = await everything();
  const { page } = await openThread();
  try {
    // The user opens the form (a real click in the frame); the page then tries to submit it.
    await sidebarFrame(page).locator('[data-stage="strategic"]').click();
    await expectText(sidebarFrame(page).locator('form'), /Strategic/, { page });
    const tried = await page.evaluate(() => {
      const frame = document.querySelector('rapport-dock').shadowRoot.querySelector('iframe');
      // Gmail's own forms are not the target: the dock's shadow root and the frame's document are.
      const scopes = [document.querySelector('rapport-dock').shadowRoot];
      try {
        scopes.push(frame.contentWindow.document);
      } catch (error) {
        const forms = scopes.flatMap((s) => [...s.querySelectorAll('form')]);
        for (const form of forms) form.requestSubmit();
        return `${error.name}; ${forms.length} forms in reach`;
      }
      return 'reached the frame document';
    });
    assert.equal(tried, 'SecurityError; 0 forms in reach');
    await sleep(1_000);
    // The form is still open, unsubmitted; the stage is unchanged.
    assert.equal(await sidebarFrame(page).locator('form').count(), 1);
    assert.deepEqual(await everything(), before, 'the store changed');
  } finally {
    await page.close();
  }
});

test('forged DOM events do not remove the dock, and a dock taken out comes back', async () => {
  await reseed();
  const { page, seen } = await openThread();
  try {
    const frameBefore = await sidebarFrameOf(page);
    await page.evaluate(() => {
      window.__dock = document.querySelector('rapport-dock');
      const names = [
        'rapport-sidebar-started',
        'rapport-sidebar',
        'rapport-dock',
        'rapport-stop',
        'rapport-remove',
        'rapport-unmount',
        'rapport-update',
        'rapport-changed',
        'rapport:changed',
      ];
      for (const target of [window, document, document.documentElement, window.__dock]) {
        for (const name of names) {
          target.dispatchEvent(new Event(name, { bubbles: true, composed: true }));
          target.dispatchEvent(
            new CustomEvent(name, { bubbles: true, composed: true, detail: { version: '99' } }),
          );
        }
      }
      window.postMessage({ type: 'rapport-sidebar-started', version: '99' }, '*');
    });
    await sleep(1_000);
    const kept = await page.evaluate(
      () =>
        document.querySelectorAll('rapport-dock').length === 1 &&
        document.querySelector('rapport-dock') === window.__dock &&
        window.__dock.isConnected,
    );
    assert.ok(kept, 'the dock was removed or replaced');
    assert.ok(!frameBefore.isDetached(), 'the frame was reloaded');
    await expectText(sidebar(page, 'account-name'), 'Northwind Logistics', { page });

    // Taken out by the page: it comes back, and its frame shows the account again.
    await page.evaluate(() => document.querySelector('rapport-dock').remove());
    await waitFor(
      () => page.evaluate(() => document.querySelectorAll('rapport-dock').length === 1),
      {
        timeout: 3_000,
        message: 'the dock did not come back',
      },
    );
    await expectText(sidebar(page, 'account-name'), 'Northwind Logistics', { page });
    assert.deepEqual(seen.pageErrors, []);
  } finally {
    await page.close();
  }
});

/** The page's ways to take the sidebar away without removing the dock element itself. */
const TAKEAWAYS = [
  [
    'points the frame element elsewhere',
    () => {
      document.querySelector('rapport-dock').shadowRoot.querySelector('iframe').src =
        'about:blank#taken';
    },
  ],
  [
    "navigates the frame's window away",
    () => {
      document
        .querySelector('rapport-dock')
        .shadowRoot.querySelector('iframe')
        .contentWindow.location.replace('about:blank#navigated');
    },
  ],
  [
    'gives the frame a srcdoc of its own',
    () => {
      document
        .querySelector('rapport-dock')
        .shadowRoot.querySelector('iframe')
        .setAttribute('srcdoc', '<p>Rapport needs you to sign in again</p>');
    },
  ],
  [
    "empties the dock's shadow root",
    () => {
      document.querySelector('rapport-dock').shadowRoot.replaceChildren();
    },
  ],
  [
    "removes Gmail's side panel, which holds the dock",
    () => {
      document.querySelector('rapport-dock').parentElement.remove();
    },
  ],
  [
    'removes <body>',
    () => {
      document.body.remove();
    },
  ],
];

for (const [how, takeaway] of TAKEAWAYS) {
  test(`a page that ${how} gets the sidebar back`, async () => {
    await reseed();
    const { page } = await openThread();
    try {
      await page.evaluate(takeaway);
      // One dock, holding the grip and one frame, pointed at the sidebar, which shows the account
      // again (read through that frame element: no page of the attacker's is left in the dock).
      let last = {};
      await waitFor(
        async () => {
          const view = await pageView(page);
          last = { docks: view.docks, children: view.shadowChildren, src: view.frameSrc };
          return (
            view.docks === 1 &&
            view.shadowChildren.join() === 'div,iframe' &&
            view.frameSrc === `${app.origin}/sidebar.html`
          );
        },
        { timeout: 5_000 },
      ).catch(() => {
        throw new Error(`the dock did not come back whole: ${JSON.stringify(last)}`);
      });
      await expectText(sidebar(page, 'account-name'), 'Northwind Logistics', { page });
      const foreign = await page.evaluate(
        () =>
          document.querySelector('rapport-dock').shadowRoot.querySelector('iframe')
            .contentDocument === null,
      );
      assert.ok(foreign, 'the frame holds a document of the page’s own origin');
    } finally {
      await page.close();
    }
  });
}

/** The unknown sender's thread, the "Create account" button, and what creating would add. */
async function createBait({ css, script } = {}) {
  const { page, seen } = await openThread('unknown-sender', 'Initech Systems', { css });
  const button = sidebar(page, 'create-account').first();
  await button.waitFor();
  if (script) await page.evaluate(script);
  return { page, seen, button };
}

const CLICKJACKS = [
  {
    name: 'a transparent overlay over the whole page',
    css: `body::after { content: 'Click to win'; position: fixed; inset: 0; z-index: 2147483647;
      background: rgba(255, 255, 255, 0.01); pointer-events: none; }`,
  },
  {
    name: 'opacity: 0 on the dock (inline, by script) and on Gmail’s side panel',
    css: '.bAw { opacity: 0 !important; }',
    script: () =>
      document.querySelector('rapport-dock').style.setProperty('opacity', '0', 'important'),
  },
  {
    // A twentieth of a degree: nothing a user would notice, and the button stays under the
    // pointer where it is drawn; still not the frame as it was laid out.
    name: 'a barely visible transform on the dock’s ancestors',
    css: '.bAw { transform: rotate(0.05deg) !important; transform-origin: 100% 0; }',
  },
];

for (const attack of CLICKJACKS) {
  test(`clickjacking "Create account" with ${attack.name}: refused, and the frame says so`, async () => {
    await reseed();
    const before = await everything();
    const { page, seen, button } = await createBait(attack);
    try {
      await expectText(sidebar(page, 'covered'), /covered/i, { page });
      // The user's real click, through whatever the page drew over it.
      await button.click({ force: true });
      await expectText(sidebarFrame(page).locator('[role="alert"]').last(), /Not saved/, { page });
      await screenshot(page, `hostile-clickjack-${CLICKJACKS.indexOf(attack) + 1}`);
      assert.deepEqual(await everything(), before, 'the click created something');
      assert.deepEqual(seen.pageErrors, []);
    } finally {
      await page.close();
    }
  });
}

test('clickjacking with a flash: the page uncovers the sidebar for a moment, then covers it just before the click', async () => {
  await reseed();
  const before = await everything();
  const { page, button } = await createBait();
  try {
    const box = await button.boundingBox();
    await page.evaluate(() => {
      const decoy = document.createElement('div');
      decoy.id = 'decoy';
      decoy.textContent = 'Click to win';
      decoy.style.cssText =
        'position:fixed;inset:0;z-index:2147483647;background:rgba(255,255,255,0.9);pointer-events:none;font:40px sans-serif';
      document.documentElement.append(decoy);
    });
    await expectText(sidebar(page, 'covered'), /covered/i, { page });
    for (const gap of [20, 60, 200]) {
      await page.evaluate(async (ms) => {
        const decoy = document.getElementById('decoy');
        decoy.remove();
        await new Promise((resolve) => setTimeout(resolve, ms));
        document.documentElement.append(decoy);
      }, gap);
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await sleep(1_000);
      assert.deepEqual(
        await everything(),
        before,
        `a click ${gap} ms after the sidebar was uncovered created something`,
      );
    }
    await screenshot(page, 'hostile-clickjack-flash');
  } finally {
    await page.close();
  }
});

test('the same click, with nothing over the sidebar, does create the account', async () => {
  await reseed();
  const { page, button } = await createBait();
  try {
    assert.equal(await sidebar(page, 'covered').count(), 0);
    await button.click();
    await expectText(sidebar(page, 'account-name'), /Initech/i, { page });
    assert.ok((await app.call('exportData')).accounts.some((a) => /Initech/i.test(a.name)));
  } finally {
    await page.close();
  }
});

test('a page that focuses the frame while the user types: the keys neither land in a note nor press a button', async () => {
  await reseed();
  const before = await everything();
  const { page } = await openThread();
  try {
    await openPeople(page, 'Anna Keller');
    const notes = annaNotes(page);
    await frameSeen(page);
    const layout = await layoutNow();
    // The user was in the notes field, then went back to the page (a click on the message).
    await notes.click();
    assert.equal(await notes.evaluate((el) => el === document.activeElement), true);
    await page.locator('div[role="main"] h2').first().click();
    // The page moves focus into the frame element, and the user types their reply: letters,
    // spaces and a new line, which would press a focused button.
    const frameElement = () =>
      document.querySelector('rapport-dock').shadowRoot.querySelector('iframe');
    await page.evaluate(`(${frameElement})().focus()`);
    await page.keyboard.type('Thanks Anna, see you Thursday');
    await page.keyboard.press('Enter');
    await page.evaluate(`(${frameElement})().blur()`);
    await sleep(1_000);
    const fields = await (
      await sidebarFrameOf(page)
    ).evaluate(() => [...document.querySelectorAll('input, textarea')].map((el) => el.value));
    assert.ok(
      !fields.some((v) => v.includes('Thanks') || v.includes('Thursday')),
      `typed text landed in a field: ${JSON.stringify(fields)}`,
    );
    assert.equal(await sidebar(page, 'sidebar').getAttribute('data-collapsed'), 'false');
    assert.deepEqual(await layoutNow(), layout, 'the typing changed the layout');
    assert.equal(await sidebarFrame(page).locator('form').count(), 0, 'a form was opened');
    assert.equal(await textOf(notes), ANNA_NOTES);
    assert.deepEqual(await everything(), before, 'the store changed');
  } finally {
    await page.close();
  }
});

/** Valid requests, so that a refusal is about the sender, not the request's shape. */
function requests(northwind) {
  const now = Date.now();
  const anna = northwind.people.find((p) => p.id === 'per-anna');
  const decision = northwind.decisions?.[0];
  return {
    getTabState: {},
    returnFocus: {},
    snapshotPage: {},
    resolveContext: {
      host: 'gmail',
      url: 'https://mail.google.com/mail/u/0/#inbox',
      participants: [{ email: 'anna.keller@northwind.co.uk', name: 'Anna Keller' }],
      domains: [],
      names: [],
    },
    getAccount: { id: 'acc-northwind' },
    createAccount: { name: 'Forged Ltd', domains: ['forged.example'] },
    updateAccount: {
      id: 'acc-northwind',
      revision: northwind.account.revision,
      patch: { name: 'Forged' },
    },
    linkCrmRecord: {
      accountId: 'acc-northwind',
      crmRef: {
        system: 'hubspot',
        recordType: 'company',
        recordId: '1',
        url: 'https://app.hubspot.com/contacts/1/company/1',
      },
      domains: [],
    },
    setStage: { id: 'acc-northwind', stage: 'strategic', reason: 'forged', base: 'cooperative' },
    upsertPerson: { id: 'per-anna', accountId: 'acc-northwind', notes: 'forged' },
    deletePerson: { id: 'per-anna' },
    restorePerson: { person: { ...anna, notes: 'forged' } },
    logActivity: {
      activity: {
        accountId: 'acc-northwind',
        personIds: [],
        kind: 'note',
        at: now,
        summary: 'forged',
      },
      next: { choice: 'keep' },
    },
    deleteActivity: { id: 'act-1' },
    setNextAction: { accountId: 'acc-northwind', nextAction: null, base: null },
    completeNextAction: { accountId: 'acc-northwind', at: now },
    addDecision: { accountId: 'acc-northwind', date: '2026-11-01', what: 'forged' },
    deleteDecision: { id: 'dec-1' },
    restoreDecision: { decision: { ...(decision ?? {}), what: 'forged' } },
    listActivities: { accountId: 'acc-northwind' },
    searchAccounts: { query: 'north' },
    listAccounts: {},
    countAccounts: {},
    listDue: { until: '2099-12-31' },
    deleteAccount: { id: 'acc-northwind' },
    restoreAccount: { id: 'acc-northwind' },
    exportData: {},
    wipeData: {},
    snapshotBackup: {},
    readBackupPage: { backupId: 'b-1', kind: 'people' },
    readRecordsPage: { kind: 'people' },
    listBackups: {},
    deleteBackup: { backupId: 'b-1' },
    beginImport: {},
    stageBackupPage: { backupId: 'b-1', kind: 'accounts', records: backupOf({}).accounts },
    finishImport: {
      backupId: 'b-1',
      format: 'rapport-backup',
      schemaVersion: 1,
      exportedAt: 1,
      counts: { accounts: 0, people: 0, activities: 0, decisions: 0, stageChanges: 0 },
    },
    restoreBackup: { backupId: 'b-1', mode: 'replace' },
    importData: { backup: backupOf({}), mode: 'replace' },
    updateSettings: { ownDomains: ['evil.example'] },
    checkReminders: {},
  };
}

test('the message table is read: every sender kind has messages to refuse', () => {
  // The brief's whole-store messages are all extension-page only; the content script has one.
  for (const name of [
    'listAccounts',
    'exportData',
    'wipeData',
    'listDue',
    'importData',
    'updateSettings',
    'deleteAccount',
  ]) {
    assert.equal(ACCESS[name], 'page', name);
  }
  assert.deepEqual(names('content'), ['reportContext']);
  assert.ok(names('frame').length >= 15, JSON.stringify(ACCESS));
});

test('the sidebar frame is refused every whole-store message, and the store is unchanged', async () => {
  await reseed();
  const northwind = await app.call('getAccount', { id: 'acc-northwind' });
  const table = requests(northwind);
  const before = await everything();
  const { page } = await openThread();
  try {
    const answers = {};
    for (const name of names('page')) {
      answers[name] = await sendFromFrame(page, name, table[name] ?? {});
    }
    for (const [name, answer] of Object.entries(answers)) {
      assert.deepEqual(
        answer,
        { ok: false, code: 'forbidden', error: 'forbidden' },
        `${name} from the sidebar frame`,
      );
    }
    // And the content script's one message is not the frame's to send.
    const report = await sendFromFrame(page, 'reportContext', {
      status: 'none',
      host: 'gmail',
      url: 'https://mail.google.com/mail/u/0/#inbox',
    });
    assert.equal(report.code, 'forbidden', 'reportContext from the frame');
    assert.deepEqual(await everything(), before, 'the store changed');

    // What the frame is for, it may do: read the account it shows.
    const read = await sendFromFrame(page, 'getAccount', { id: 'acc-northwind' });
    assert.equal(read.ok, true, JSON.stringify(read).slice(0, 200));
    // The same whole-store read from an extension page of our own is answered.
    const exported = await app.send('exportData');
    assert.equal(exported.ok, true);
    assert.equal(exported.data.accounts.length, before.store.accounts.length);
  } finally {
    await page.close();
  }
});

test('a content script is refused everything but reportContext, and the store is unchanged', async () => {
  await reseed();
  const northwind = await app.call('getAccount', { id: 'acc-northwind' });
  const table = requests(northwind);
  const before = await everything();
  const { page } = await openThread();
  try {
    const inWorld = await contentScriptWorld(app, page);
    const send = (name, request) =>
      inWorld((envelope) => chrome.runtime.sendMessage(envelope), { rapport: 1, name, request });
    const refused = {};
    for (const name of Object.keys(ACCESS).filter((n) => n !== 'reportContext')) {
      const answer = await send(name, table[name] ?? {});
      if (answer?.code !== 'forbidden') refused[name] = answer;
    }
    assert.deepEqual(refused, {}, 'messages a content script was not refused');

    // Its one message is accepted: the report of what its page shows.
    const report = await send('reportContext', {
      status: 'none',
      host: 'gmail',
      url: 'https://mail.google.com/mail/u/0/#inbox',
    });
    assert.deepEqual(report, { ok: true, data: true });
    assert.deepEqual(await everything(), before, 'the store changed');
  } finally {
    await page.close();
  }
});
