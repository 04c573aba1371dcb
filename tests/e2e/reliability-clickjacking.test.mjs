// Clickjacking: destructive actions (delete an account, wipe, import-replace) must not be fired
// through a transparent, covered or scripted sidebar. They live on extension pages, which no web
// page can frame: web_accessible_resources exposes one page, sidebar.html, and only to the host
// sites. The sidebar, which a host page can overlay, exposes no destructive control, refuses
// writes while it is covered, and the host page's own script cannot reach into it at all.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import {
  DIST,
  expectText,
  launch,
  loadFixture,
  screenshot,
  sidebar,
  sidebarFrame,
} from './harness.mjs';
import { frameInventory, sleep, storeState, watchPage, withStyle } from './reliability-helpers.mjs';

/** Labels of controls that destroy data: none may be in the sidebar. */
const DESTRUCTIVE = /delete|remove|erase|wipe|import|replace|clear|discard|trash|reset/i;
const PAGES = ['options.html', 'accounts.html', 'popup.html'];
const SIDEBAR = 'sidebar.html';

let app;
let manifest;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
  const dist = process.env.RAPPORT_DIST || DIST;
  manifest = JSON.parse(fs.readFileSync(path.join(dist, 'manifest.json'), 'utf8'));
  for (const page of [...PAGES, SIDEBAR]) {
    assert.ok(fs.existsSync(path.join(dist, page)), `${page} is built`);
  }
});
after(() => app?.close());

test('web_accessible_resources exposes sidebar.html alone, and only to the host sites', () => {
  const entries = manifest.web_accessible_resources ?? [];
  assert.deepEqual(
    entries.flatMap((w) => w.resources),
    [SIDEBAR],
    'an exposed page could be framed by any site it is exposed to',
  );
  // The host sites: Gmail (granted at install) and the optional ones the user may grant.
  const hosts = [
    ...(manifest.host_permissions ?? []),
    ...(manifest.optional_host_permissions ?? []),
  ];
  for (const entry of entries) {
    assert.deepEqual([...entry.matches].sort(), [...new Set(hosts)].sort());
    assert.equal(entry.extension_ids, undefined, 'no other extension may load the sidebar');
  }
  for (const page of PAGES) {
    assert.ok(
      !entries.some((w) => w.resources.some((r) => r === page || r.includes('*'))),
      `${page} is exposed`,
    );
  }
});

/** A page at `url` that frames `pages` of the extension, and what each frame ended up showing. */
async function frameFrom(url, pages) {
  const page = await app.context.newPage();
  const html = `<!doctype html><title>hostile</title>${pages
    .map((p) => `<iframe name="${p}" src="${app.origin}/${p}" style="opacity:0.01"></iframe>`)
    .join('')}`;
  await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(url);
  await sleep(1_500);
  const frames = {};
  // Only the page's own frames: at mail.google.com the content script docks the real sidebar too.
  for (const frame of page.frames().filter((f) => pages.includes(f.name()))) {
    let content = null;
    try {
      content = await frame.evaluate(() => document.body?.innerText.slice(0, 80) ?? '');
    } catch {
      content = null;
    }
    frames[frame.name()] = { url: frame.url(), content };
  }
  // Static URLs of files that are not exposed answer nothing (no fingerprinting through them).
  const fetched = {};
  for (const p of [...PAGES, SIDEBAR]) {
    fetched[p] = await page.evaluate(
      (u) =>
        fetch(u).then(
          (r) => `loaded ${r.status}`,
          () => 'blocked',
        ),
      `${app.origin}/${p}`,
    );
  }
  await page.close();
  return { frames, fetched };
}

for (const url of ['https://mail.google.com/mail/u/0/hostile', 'https://evil.example/clickjack']) {
  const host = new URL(url).host;
  const isHost = host === 'mail.google.com';
  test(
    `a page at ${host} cannot frame options, accounts or popup${isHost ? '' : ', nor the sidebar'}`,
    { timeout: 60_000 },
    async (t) => {
      const framed = isHost ? PAGES : [...PAGES, SIDEBAR];
      const { frames, fetched } = await frameFrom(url, framed);
      t.diagnostic(JSON.stringify({ frames, fetched }));
      assert.deepEqual(Object.keys(frames).sort(), [...framed].sort(), 'every iframe exists');
      for (const [name, frame] of Object.entries(frames)) {
        assert.doesNotMatch(frame.url, /^chrome-extension:/, `${name} loaded in the frame`);
        assert.ok(!frame.content || !/Rapport/i.test(frame.content), `${name} content visible`);
      }
      for (const p of framed) {
        assert.equal(fetched[p], 'blocked', `${p} can be fetched from ${host}`);
      }
    },
  );
}

test(
  'a transparent, covered sidebar has no destructive control to click, and refuses every write',
  { timeout: 60_000 },
  async (t) => {
    await app.seed(sampleBackup(Date.now()));
    const before = await storeState(app);
    const { url, html } = loadFixture('thread');
    // The classic set-up: the target made invisible (the dock, and Gmail's side panel around it),
    // bait drawn on top, clicks passing through.
    const hostile = withStyle(
      html,
      `rapport-dock, .bAw { opacity: 0 !important; }
     body::after { content: 'Click to win'; position: fixed; inset: 0; z-index: 2147483647;
       background: rgba(255, 255, 255, 0.9); pointer-events: none; font: 40px sans-serif; }`,
    );
    const gmail = await app.openHost(url, hostile);
    const seen = watchPage(gmail);
    try {
      await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
      // The page's rule on the dock loses to the dock's own; its rules around it do not, and the
      // frame knows: it says it is covered.
      const opacity = await gmail.evaluate(
        () => getComputedStyle(document.querySelector('rapport-dock')).opacity,
      );
      assert.equal(opacity, '1', 'the host page made the dock itself transparent');
      await expectText(sidebar(gmail, 'covered'), /covered/i, { page: gmail });

      // Every control the sidebar shows, in each state a user can reach it in by clicking.
      const labels = new Set((await frameInventory(gmail)).buttons);
      await sidebarFrame(gmail).locator('[data-stage="strategic"]').click();
      for (const b of (await frameInventory(gmail)).buttons) labels.add(b);
      await gmail.keyboard.press('Escape');
      if (await sidebar(gmail, 'done').count()) {
        await sidebar(gmail, 'done').click();
        await sleep(500);
        for (const b of (await frameInventory(gmail)).buttons) labels.add(b);
      }
      await screenshot(gmail, 'reliability-clickjacking-covered');
      const destructive = [...labels].filter((l) => DESTRUCTIVE.test(l));
      assert.deepEqual(destructive, [], 'destructive controls reachable in the sidebar');
      assert.ok(labels.size > 5, `too few controls found: ${[...labels].join(', ')}`);
      t.diagnostic(`sidebar controls: ${[...labels].join('; ')}`);
      // "Done" writes: clicked through the bait, it must have been refused.
      assert.deepEqual(await storeState(app), before, 'a click on the covered sidebar was saved');
      assert.deepEqual(seen.pageErrors, []);
    } finally {
      await gmail.close();
    }
  },
);

test('a script of the host page cannot save through the sidebar', { timeout: 60_000 }, async () => {
  await app.seed(sampleBackup(Date.now()));
  const before = await storeState(app);
  const gmail = await app.openGmail('thread');
  try {
    await expectText(sidebar(gmail, 'account-name'), 'Northwind Logistics', { page: gmail });
    // The host page's own world (page.evaluate runs there): the dock's shadow root is open to it,
    // but the controls are in the frame's document, another origin.
    const fired = await gmail.evaluate(() => {
      const root = document.querySelector('rapport-dock')?.shadowRoot;
      const frame = root?.querySelector('iframe');
      let doc = null;
      try {
        doc = frame?.contentDocument ?? frame?.contentWindow?.document ?? null;
      } catch {
        doc = null;
      }
      const scopes = [root, doc].filter(Boolean);
      const find = (selector) => scopes.map((s) => s.querySelector(selector)).find(Boolean) ?? null;
      const done = find('[data-testid="done"]');
      done?.click();
      const potential = find('[data-testid="potential"]');
      if (potential) {
        potential.value = 'low';
        potential.dispatchEvent(new Event('change', { bubbles: true }));
      }
      const notes = find('[data-testid="person-notes"]');
      if (notes) {
        notes.value = 'Written by the host page';
        notes.dispatchEvent(new Event('input', { bubbles: true }));
        notes.dispatchEvent(new FocusEvent('blur'));
        notes.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
      }
      return [done && 'done', potential && 'potential', notes && 'notes'].filter(Boolean);
    });
    assert.deepEqual(fired, [], 'the host page reached controls of the sidebar');
    await sleep(1_000);
    assert.deepEqual(await storeState(app), before, 'the store changed');
  } finally {
    await screenshot(gmail, 'reliability-clickjacking-scripted');
    await gmail.close();
  }
});
