// Host CSS cannot break the sidebar. The same Gmail thread is served plain and with each hostile
// stylesheet of tests/fixtures/hostile/css/ (tiny and huge root font sizes, `all: unset` on every
// element, rules aimed at <rapport-sidebar> itself, `body * { visibility: hidden }`, transparent
// text, z-index wars, effects on <body> and <html>); the computed styles and boxes of the
// sidebar's key elements must match the plain page, the panel must be the topmost thing where it
// is drawn, and a real click on it must land. Wherever the host element sits in the page tree,
// an overlay later in tree order or an effect on an ancestor reaches it: only the top layer
// (popover) is out of the page's reach, which is what the overlay and effect sheets check.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { expectText, launch, loadFixture, screenshot, sidebar } from './harness.mjs';
import { HOSTILE, watchPage, withStyle } from './reliability-helpers.mjs';

const CSS_DIR = path.join(HOSTILE, 'css');
const css = (file) => fs.readFileSync(path.join(CSS_DIR, file), 'utf8');

/** The properties that decide whether text can be read, per element of the sidebar. */
const TEXT = [
  'font-size',
  'font-family',
  'line-height',
  'color',
  'visibility',
  'display',
  'opacity',
];
const HOST = [
  'display',
  'visibility',
  'opacity',
  'z-index',
  'position',
  'transform',
  'filter',
  'top',
  'left',
];

let app;
let plain;
let fixture;
before(async () => {
  app = await launch();
  await app.seed(sampleBackup(Date.now()));
  fixture = loadFixture('thread');
  const page = await app.openGmail('thread');
  await expectText(sidebar(page, 'account-name'), 'Northwind Logistics', { page });
  plain = await measure(page);
  await screenshot(page, 'reliability-css-plain');
  await page.close();
});
after(() => app?.close());

/** Computed styles, boxes, and whether the panel is what a click at its centre would hit. */
function measure(page) {
  return page.evaluate(
    ({ TEXT, HOST }) => {
      const host = document.querySelector('rapport-sidebar');
      const root = host?.shadowRoot;
      if (!root) return null;
      const read = (el, props) => {
        if (!el) return 'missing';
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        return {
          ...Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)])),
          box: [box.x, box.y, box.width, box.height].map(Math.round).join(','),
        };
      };
      const $ = (selector) => root.querySelector(selector);
      const name = $('[data-testid="account-name"]');
      const box = name.getBoundingClientRect();
      const x = box.x + box.width / 2;
      const y = box.y + box.height / 2;
      const onTop =
        document.elementFromPoint(x, y) === host && name.contains(root.elementFromPoint(x, y));
      const inView =
        box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.top < innerHeight;
      return {
        host: read(host, HOST),
        panel: read($('[data-testid="sidebar"]'), [...TEXT, 'background-color', 'width']),
        accountName: read(name, TEXT),
        button: read($('[data-testid="stage-current"]'), [...TEXT, 'background-color']),
        notes: read($('[data-testid="person-notes"]'), [...TEXT, 'background-color']),
        readable: { onTop, inView },
      };
    },
    { TEXT, HOST },
  );
}

/** Every property that differs from the plain page, as "element.property: plain -> hostile". */
function differences(hostile) {
  const out = [];
  for (const [element, props] of Object.entries(plain)) {
    for (const [prop, value] of Object.entries(props)) {
      const now = hostile?.[element]?.[prop];
      if (JSON.stringify(now) !== JSON.stringify(value))
        out.push(`${element}.${prop}: ${JSON.stringify(value)} -> ${JSON.stringify(now)}`);
    }
  }
  return out;
}

/** Opens the thread with `style` added and checks the sidebar against the plain page. */
async function check(name, style, { script } = {}) {
  const page = await app.openHost(fixture.url, withStyle(fixture.html, style));
  const seen = watchPage(page);
  try {
    await expectText(sidebar(page, 'account-name'), 'Northwind Logistics', { page });
    if (script) await page.evaluate(script);
    await page.waitForTimeout(100);
    const hostile = await measure(page);
    await screenshot(page, `reliability-css-${name}`);
    assert.deepEqual(differences(hostile), [], `${name}: the sidebar looks different`);
    // A real (trusted) click at a stage's place reaches it (nothing covers it): its form opens.
    await page.locator('rapport-sidebar [data-stage="strategic"]').click({ timeout: 3_000 });
    await expectText(page.locator('rapport-sidebar form'), /Strategic/, { page, timeout: 3_000 });
    assert.deepEqual(seen.pageErrors, []);
  } finally {
    await page.close();
  }
}

test('the plain page gives a readable sidebar to compare with', () => {
  assert.ok(plain, 'no sidebar on the plain page');
  assert.deepEqual(plain.readable, { onTop: true, inView: true });
  assert.notEqual(plain.accountName.visibility, 'hidden');
  assert.match(plain.accountName['font-size'], /^\d+(\.\d+)?px$/);
});

const SHEETS = [
  ['root-font-4px.css', 'html { font-size: 4px }'],
  ['root-font-40px.css', 'html { font-size: 40px }'],
  ['all-unset.css', '* { all: unset !important }'],
  ['hide-host.css', 'rapport-sidebar { display: none; visibility: hidden; opacity: 0 } !important'],
  ['hide-body-children.css', 'body * { visibility: hidden }'],
  ['transparent-text.css', 'div { color: transparent !important }'],
  ['overlay-max-z.css', 'a z-index: 2147483647 overlay, host pushed to z-index -1'],
  ['ancestor-effects.css', 'opacity and transform on <body>'],
  ['overlay-after-html.css', 'an html::after overlay at z-index 2147483647, last in tree order'],
  ['root-effects.css', 'filter and transform on <html>'],
];

for (const [file, label] of SHEETS) {
  test(`host CSS: ${label}`, { timeout: 60_000 }, () => check(file.replace('.css', ''), css(file)));
}

test('host CSS: every hostile sheet at once', { timeout: 60_000 }, () =>
  check('all-at-once', SHEETS.map(([file]) => css(file)).join('\n')),
);

test('host script: !important inline styles set on the host element', { timeout: 60_000 }, () =>
  check('inline-important', '', {
    script: () => {
      const host = document.querySelector('rapport-sidebar');
      for (const [p, v] of [
        ['display', 'none'],
        ['visibility', 'hidden'],
        ['opacity', '0'],
        ['z-index', '-1'],
      ])
        host.style.setProperty(p, v, 'important');
    },
  }),
);
