// Firefox: the sidebar finds the account behind an open Gmail thread, under Gmail's CSP too, and
// follows Gmail's in-page navigation to the next conversation without a reload. The sidebar is an
// extension page framed into Gmail and docked beside it: the host makes room, nothing is under it.
//
// Firefox MV3 runs the background as an event page and unloads it when idle (30 s by default; 2 s
// here, so every test below also runs across unloads). Nothing may depend on it staying loaded:
// the next message starts it again, and it reopens the database and answers as before. The last
// two tests are the Firefox counterpart of tests/e2e/worker-restart.test.mjs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import {
  cspViolations,
  dockGeometry,
  expectSidebarState,
  expectText,
  launch,
  loadFixture,
  markDocument,
  sameDocument,
  screenshot,
  sidebar,
  waitFor,
} from './harness.mjs';

let app;
before(async () => {
  app = await launch({ prefs: { 'extensions.background.idle.timeout': 2_000 } });
  await app.seed(sampleBackup(Date.now()));
  // The probe must see the event page while it runs (it has just answered), or waiting for it
  // to unload would prove nothing.
  await waitFor(() => app.eventPageRunning(), {
    message: 'the running event page is not among the add-on views',
  });
});
after(() => app?.close());

test('Gmail is granted at install, and nothing else', { timeout: 30_000 }, async () => {
  // Firefox MV3 treats host permissions as the user's to grant; Firefox 127+ grants the
  // manifest's host_permissions at install (extensions.originControls.grantByDefault).
  const granted = await app.permissions();
  assert.deepEqual(granted.origins, ['https://mail.google.com/*']);
});

test('an open thread from Northwind shows its account and stage', { timeout: 60_000 }, async () => {
  const gmail = await app.openGmail('thread');
  try {
    await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
    await expectText(sidebar(gmail, 'stage-current'), 'Cooperative', { page: gmail });
    await expectSidebarState(gmail, 'ready');
  } finally {
    await screenshot(gmail, 'sidebar-thread');
    await gmail.close();
  }
});

/**
 * utils/contract/dock-layout.ts: the narrowest open panel and the largest share of the window it
 * takes.
 */
const MIN_WIDTH = 240;
const MAX_SHARE = 0.3;

/**
 * Waits for the open dock (wider than the 44 px rail) and checks what holds wherever it is: on
 * the right (on the window's edge when fixed to it), as wide as the panel may be, its frame inside
 * it, and on top where it is drawn (no part of the page over it). Returns the geometry.
 */
async function expectOpenDock(page) {
  const geometry = await waitFor(
    async () => {
      const g = await dockGeometry(page);
      return g?.frame && g.dock.width >= MIN_WIDTH ? g : null;
    },
    { message: 'the dock never opened to the panel' },
  );
  const { dock, frame, clientWidth, innerWidth } = geometry;
  const near = (a, b) => Math.abs(a - b) <= 1;
  assert.ok(dock.right <= clientWidth + 1, `the dock ends at ${dock.right}, past ${clientWidth}`);
  if (geometry.parent === 'html') {
    // Fixed to the window's edge; in Gmail's slot, Gmail's own app strip may stay right of it.
    assert.ok(near(dock.right, clientWidth), `the dock ends at ${dock.right}, not ${clientWidth}`);
  }
  assert.ok(
    dock.width <= Math.floor(innerWidth * MAX_SHARE) + 1,
    `the dock is ${dock.width} px wide in a ${innerWidth} px window`,
  );
  assert.ok(
    frame.left >= dock.left - 1 && near(frame.right, dock.right) && frame.width > MIN_WIDTH / 2,
    `the frame (${frame.left}..${frame.right}) is not inside the dock (${dock.left}..${dock.right})`,
  );
  const hit = await page.evaluate(
    ({ x, y }) => document.elementFromPoint(x, y)?.localName ?? null,
    { x: (frame.left + frame.right) / 2, y: (dock.top + dock.bottom) / 2 },
  );
  assert.equal(hit, 'rapport-dock', 'something of the page lies over the dock');
  return geometry;
}

/** The right edge of the open conversation's parts, furthest right first. */
function conversationRight(page) {
  return page.evaluate(() => {
    const parts = document.querySelectorAll(
      'div[role="main"] :is(h2[data-thread-perm-id], div[data-message-id], div.a3s)',
    );
    return Math.max(...[...parts].map((el) => el.getBoundingClientRect().right));
  });
}

test(
  'the dock sits in Gmail’s side panel, beside the conversation, and shows the account',
  { timeout: 60_000 },
  async () => {
    const gmail = await app.openGmail('thread');
    try {
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      const geometry = await expectOpenDock(gmail);
      const right = await conversationRight(gmail);
      assert.ok(Number.isFinite(right), 'the fixture shows no conversation');
      assert.ok(
        right <= geometry.dock.left + 1,
        `the conversation reaches ${right}, under the dock from ${geometry.dock.left}`,
      );
      if (geometry.parent === 'html') {
        // Not in Gmail's own slot: then the dock narrows the whole page.
        assert.equal(geometry.marginRight, `${geometry.dock.width}px`);
      }
    } finally {
      await screenshot(gmail, 'dock-gmail');
      await gmail.close();
    }
  },
);

test(
  'without a side panel the dock narrows the page: <html> gets a right margin of its width',
  { timeout: 60_000 },
  async () => {
    const { url, html } = loadFixture('thread');
    // Gmail without its side panel (as when the user hides it): the dock has no slot.
    const bare = html.replaceAll('role="complementary"', '');
    assert.notEqual(bare, html, 'the fixture has no side panel to take away');
    const gmail = await app.openHost(url, bare);
    try {
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      const geometry = await expectOpenDock(gmail);
      assert.equal(geometry.parent, 'html');
      assert.equal(geometry.marginRight, `${geometry.dock.width}px`);
      assert.equal(geometry.marginLeft, '');
      const right = await conversationRight(gmail);
      assert.ok(
        right <= geometry.dock.left + 1,
        `the conversation reaches ${right}, under the dock from ${geometry.dock.left}`,
      );
      const bodyRight = await gmail.evaluate(() => document.body.getBoundingClientRect().right);
      assert.ok(bodyRight <= geometry.dock.left + 1, `the page's body reaches ${bodyRight}`);
    } finally {
      await screenshot(gmail, 'dock-no-side-panel');
      await gmail.close();
    }
  },
);

test('the sidebar works under Gmail’s CSP and Trusted Types', { timeout: 60_000 }, async () => {
  const gmail = await app.openGmail('thread', { csp: true });
  try {
    await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
    await expectText(sidebar(gmail, 'stage-current'), 'Cooperative', { page: gmail });
    assert.deepEqual(
      await cspViolations(gmail),
      [],
      'the page saw CSP or Trusted Types violations',
    );
    // The policy really is in force: an HTML sink without a TrustedHTML throws in the page.
    const enforced = await gmail.evaluate(() => {
      try {
        new DOMParser().parseFromString('<b>x</b>', 'text/html');
        return false;
      } catch (error) {
        return error instanceof TypeError;
      }
    });
    assert.equal(enforced, true, 'Trusted Types were not enforced: the CSP header was not served');
  } finally {
    await screenshot(gmail, 'sidebar-thread-csp');
    await gmail.close();
  }
});

test(
  'in-page navigation to another conversation switches the sidebar to Globex',
  { timeout: 60_000 },
  async () => {
    const gmail = await app.openGmail('thread');
    try {
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      const mark = await markDocument(gmail);
      const first = loadFixture('thread');
      const next = loadFixture('internal-cc');

      // As Gmail does it: the hash changes first, while the old conversation is still on screen...
      await gmail.evaluate((hash) => {
        location.hash = hash;
      }, new URL(next.url).hash);
      // ...then the old view is retired (kept, hidden) and the next conversation's view added.
      await gmail.evaluate((html) => {
        const view = 'div[role="main"]';
        const incoming = new DOMParser().parseFromString(html, 'text/html').querySelector(view);
        const current = document.querySelector(view);
        if (!incoming || !current?.parentElement) throw new Error('no conversation view');
        current.removeAttribute('role');
        current.setAttribute('style', 'display: none;');
        current.dataset.rapportRetired = 'true';
        current.parentElement.append(document.importNode(incoming, true));
      }, next.html);

      await expectText(sidebar(gmail, 'account-name'), 'Globex', { page: gmail });
      await expectText(sidebar(gmail, 'stage-current'), 'Strategic', { page: gmail });
      await expectSidebarState(gmail, 'ready');

      // Back: Gmail shows its cached view of the first conversation again.
      await gmail.evaluate((hash) => {
        location.hash = hash;
        const shown = document.querySelector('div[role="main"]');
        const cached = document.querySelector('[data-rapport-retired="true"]');
        shown?.remove();
        cached?.removeAttribute('style');
        cached?.setAttribute('role', 'main');
      }, new URL(first.url).hash);
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      assert.equal(await sameDocument(gmail, mark), true, 'the page was reloaded');
    } finally {
      await screenshot(gmail, 'sidebar-navigation');
      await gmail.close();
    }
  },
);

test(
  'after the event page unloads, a reloaded thread still finds its account',
  { timeout: 60_000 },
  async () => {
    const gmail = await app.openGmail('thread');
    try {
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      await app.waitForSuspend();

      await gmail.reload();
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      await expectText(sidebar(gmail, 'stage-current'), 'Cooperative', { page: gmail });
    } finally {
      await screenshot(gmail, 'event-page-reload');
      await gmail.close();
    }
  },
);

test(
  'after the event page unloads, a change still reaches the open sidebar',
  { timeout: 60_000 },
  async () => {
    const gmail = await app.openGmail('thread');
    try {
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      await app.waitForSuspend();

      const { account } = await app.call('getAccount', { id: 'acc-northwind' });
      await app.call('updateAccount', {
        id: account.id,
        patch: { name: 'Northwind Logistics (restarted)' },
        base: { name: account.name },
      });
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics (restarted)', {
        page: gmail,
        timeout: 2_000,
      });
    } finally {
      await screenshot(gmail, 'event-page-live');
      await gmail.close();
    }
  },
);
