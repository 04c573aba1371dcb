// Clickjacking: destructive actions (delete an account, wipe, import-replace) must not be fired
// through a transparent, covered or scripted sidebar. They live on extension pages, which no web
// page can frame: web_accessible_resources exposes no HTML page. The sidebar, which a host page
// can overlay, must expose no destructive control, and the host page's own script must not be
// able to save through it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { DIST, expectText, launch, loadFixture, screenshot, sidebar } from './harness.mjs';
import { shadowInventory, sleep, watchPage, withStyle } from './reliability-helpers.mjs';

/** Labels of controls that destroy data: none may be in the sidebar. */
const DESTRUCTIVE = /delete|remove|erase|wipe|import|replace|clear|discard|trash|reset/i;
const PAGES = ['options.html', 'accounts.html', 'popup.html'];

let app;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
});
after(() => app?.close());

test('web_accessible_resources exposes no HTML page', () => {
  const dist = process.env.RAPPORT_DIST || DIST;
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'manifest.json'), 'utf8'));
  const exposed = (manifest.web_accessible_resources ?? []).flatMap((w) => w.resources);
  assert.deepEqual(
    exposed.filter((r) => /\.html?$|\*/.test(r)),
    [],
    'an exposed page could be framed by the host',
  );
  for (const page of PAGES) assert.ok(fs.existsSync(path.join(dist, page)), `${page} is built`);
});

/** A page at `url` that frames every extension page, and what each frame ended up showing. */
async function frameFrom(url) {
  const page = await app.context.newPage();
  const html = `<!doctype html><title>hostile</title>${PAGES.map(
    (p) => `<iframe name="${p}" src="${app.origin}/${p}" style="opacity:0.01"></iframe>`,
  ).join('')}`;
  await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(url);
  await sleep(1_500);
  const frames = {};
  for (const frame of page.frames().filter((f) => f !== page.mainFrame())) {
    let content = null;
    try {
      content = await frame.evaluate(() => document.body?.innerText.slice(0, 80) ?? '');
    } catch {
      content = null;
    }
    frames[frame.name()] = { url: frame.url(), content };
  }
  // The static URL of the one exposed file answers nothing either (use_dynamic_url).
  const fingerprint = await page.evaluate(
    (u) =>
      fetch(u).then(
        (r) => `loaded ${r.status}`,
        () => 'blocked',
      ),
    `${app.origin}/content-scripts/gmail.css`,
  );
  await page.close();
  return { frames, fingerprint };
}

for (const url of ['https://mail.google.com/mail/u/0/hostile', 'https://evil.example/clickjack']) {
  test(
    `a page at ${new URL(url).host} cannot frame options, accounts or popup`,
    {
      timeout: 60_000,
    },
    async (t) => {
      const { frames, fingerprint } = await frameFrom(url);
      t.diagnostic(JSON.stringify(frames));
      assert.deepEqual(Object.keys(frames).sort(), [...PAGES].sort(), 'every iframe exists');
      for (const [name, frame] of Object.entries(frames)) {
        assert.doesNotMatch(frame.url, /^chrome-extension:/, `${name} loaded in the frame`);
        assert.ok(!frame.content || !/Rapport/i.test(frame.content), `${name} content visible`);
      }
      assert.equal(fingerprint, 'blocked', 'the extension can be fingerprinted by a static URL');
    },
  );
}

test(
  'a transparent, covered sidebar has no destructive control to click',
  {
    timeout: 60_000,
  },
  async (t) => {
    const { url, html } = loadFixture('thread');
    // The classic set-up: the target made invisible, bait drawn on top, clicks passing through.
    const hostile = withStyle(
      html,
      `rapport-sidebar { opacity: 0 !important; }
     body::after { content: 'Click to win'; position: fixed; inset: 0; z-index: 2147483647;
       background: rgba(255, 255, 255, 0.9); pointer-events: none; font: 40px sans-serif; }`,
    );
    const gmail = await app.openHost(url, hostile);
    const seen = watchPage(gmail);
    try {
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      const opacity = await gmail.evaluate(
        () => getComputedStyle(document.querySelector('rapport-sidebar')).opacity,
      );
      assert.equal(opacity, '1', 'the host page made the sidebar transparent');

      // Every control the sidebar shows, in each state a user can reach it in by clicking.
      const labels = new Set((await shadowInventory(gmail)).buttons);
      await gmail.locator('rapport-sidebar [data-stage="strategic"]').click();
      for (const b of (await shadowInventory(gmail)).buttons) labels.add(b);
      await gmail.keyboard.press('Escape');
      if (await sidebar(gmail, 'done').count()) {
        await sidebar(gmail, 'done').click();
        await sleep(500);
        for (const b of (await shadowInventory(gmail)).buttons) labels.add(b);
      }
      await screenshot(gmail, 'reliability-clickjacking-covered');
      const destructive = [...labels].filter((l) => DESTRUCTIVE.test(l));
      assert.deepEqual(destructive, [], 'destructive controls reachable in the sidebar');
      // Undo (of the user's own last write, for a few seconds) is the one deleting control.
      assert.ok(labels.size > 5, `too few controls found: ${[...labels].join(', ')}`);
      t.diagnostic(`sidebar controls: ${[...labels].join('; ')}`);
      assert.deepEqual(seen.pageErrors, []);
    } finally {
      await gmail.close();
    }
  },
);

test('a script of the host page cannot save through the sidebar', { timeout: 60_000 }, async () => {
  await app.seed(sampleBackup(Date.now()));
  const before = await app.call('exportData');
  const gmail = await app.openGmail('thread');
  try {
    await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
    // The host page's own world (page.evaluate runs there): the shadow root is open to it.
    const fired = await gmail.evaluate(() => {
      const root = document.querySelector('rapport-sidebar')?.shadowRoot;
      if (!root) return 'no shadow root reachable';
      const done = root.querySelector('[data-testid="done"]');
      done?.click();
      const potential = root.querySelector('[data-testid="potential"]');
      if (potential) {
        potential.value = 'low';
        potential.dispatchEvent(new Event('change', { bubbles: true }));
      }
      const notes = root.querySelector('[data-testid="person-notes"]');
      if (notes) {
        notes.value = 'Written by the host page';
        notes.dispatchEvent(new Event('input', { bubbles: true }));
        notes.dispatchEvent(new FocusEvent('blur'));
        notes.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
      }
      return [done && 'done', potential && 'potential', notes && 'notes'].filter(Boolean).join();
    });
    await sleep(1_500);
    const after = await app.call('exportData');
    const changed = ['accounts', 'people', 'activities'].filter(
      (s) => JSON.stringify(after[s]) !== JSON.stringify(before[s]),
    );
    assert.deepEqual(
      changed,
      [],
      `synthetic events from the host page (${fired}) were saved: changed ${changed.join(', ')}`,
    );
  } finally {
    await screenshot(gmail, 'reliability-clickjacking-scripted');
    await gmail.close();
  }
});
