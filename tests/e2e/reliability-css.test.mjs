// Host CSS cannot break the sidebar. The same Gmail thread is served plain and with each hostile
// stylesheet of tests/fixtures/hostile/css/ (tiny and huge root font sizes, `all: unset` on every
// element, rules aimed at <rapport-dock> itself, `body * { visibility: hidden }`, transparent
// text, z-index wars, effects on <body> and <html>). The panel lives in its own document (the
// sidebar frame), which no rule of the page reaches; the page can only act on the dock around it.
// The promise, per sheet, is one of two:
//   usable:  the panel's computed styles and boxes match the plain page, it is the topmost thing
//            where it is drawn, and a real click and a real save work;
//   refused: the page hides, covers or transforms the frame, and the frame says it is covered
//            and refuses writes: a real save attempt changes nothing in the store.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import {
  expectText,
  launch,
  loadFixture,
  screenshot,
  sidebar,
  sidebarFrame,
  sidebarFrameOf,
  waitFor,
} from './harness.mjs';
import { HOSTILE, nextOption, storeState, watchPage, withStyle } from './reliability-helpers.mjs';

const CSS_DIR = path.join(HOSTILE, 'css');
const css = (file) => fs.readFileSync(path.join(CSS_DIR, file), 'utf8');

/** The properties that decide whether text can be read, per element of the panel. */
const TEXT = [
  'font-size',
  'font-family',
  'line-height',
  'color',
  'visibility',
  'display',
  'opacity',
];
/** The dock's own properties that the page's rules could try to change. */
const DOCK = ['display', 'visibility', 'opacity', 'transform', 'filter', 'clip-path', 'width'];

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

/**
 * Computed styles and boxes inside the frame; the dock's styles in the page; and whether the
 * panel is what a click at the account name's centre would hit, and inside the window.
 */
async function measure(page) {
  const frame = await sidebarFrameOf(page);
  const inside = await frame.evaluate(
    ({ TEXT }) => {
      const read = (el, props) => {
        if (!el) return 'missing';
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        return {
          ...Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)])),
          box: [box.x, box.y, box.width, box.height].map(Math.round).join(','),
        };
      };
      const $ = (selector) => document.querySelector(selector);
      const name = $('[data-testid="account-name"]');
      const box = name.getBoundingClientRect();
      return {
        panel: read($('[data-testid="sidebar"]'), [...TEXT, 'background-color', 'width']),
        accountName: read(name, TEXT),
        button: read($('[data-testid="stage-current"]'), [...TEXT, 'background-color']),
        person: read($('[data-testid="person-toggle"]'), [...TEXT, 'background-color']),
        centre: [box.x + box.width / 2, box.y + box.height / 2],
      };
    },
    { TEXT },
  );
  const outside = await page.evaluate(
    ({ DOCK, centre }) => {
      const dock = document.querySelector('rapport-dock');
      const frame = dock?.shadowRoot?.querySelector('iframe');
      if (!frame) return null;
      const style = getComputedStyle(dock);
      const f = frame.getBoundingClientRect();
      const x = f.x + centre[0];
      const y = f.y + centre[1];
      return {
        dock: Object.fromEntries(DOCK.map((p) => [p, style.getPropertyValue(p)])),
        readable: {
          // Hit testing from the page stops at the shadow host, then at the frame inside it.
          onTop:
            document.elementFromPoint(x, y) === dock &&
            dock.shadowRoot.elementFromPoint(x, y) === frame,
          inView: x > 0 && y > 0 && x < innerWidth && y < innerHeight,
        },
      };
    },
    { DOCK, centre: inside.centre },
  );
  const { centre: _centre, ...styles } = inside;
  return { ...styles, ...outside };
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

/** Moves the potential one option with the keyboard (trusted keys): one write, if allowed. */
async function tryToSave(page) {
  const potential = sidebar(page, 'potential');
  const value = await nextOption(potential);
  await potential.focus();
  await potential.press(
    (await potential.evaluate((el, v) => [...el.options].findIndex((o) => o.value === v), value)) >
      (await potential.evaluate((el) => el.selectedIndex))
      ? 'ArrowDown'
      : 'ArrowUp',
  );
  return value;
}

/**
 * Opens the thread with `style` added (and `script` run in the page), and checks the promise:
 * `expect` is 'usable' or 'refused'.
 */
async function check(name, style, { script, expect }) {
  await app.seed(sampleBackup(Date.now()));
  const page = await app.openHost(fixture.url, withStyle(fixture.html, style));
  const seen = watchPage(page);
  try {
    await expectText(sidebar(page, 'account-name'), 'Northwind Logistics', { page });
    if (script) await page.evaluate(script);
    await page.waitForTimeout(300);
    const hostile = await measure(page);
    await screenshot(page, `reliability-css-${name}`);
    // Whatever the page does, no rule of it reaches inside the frame: the panel's styles are the
    // plain page's (its boxes move when the frame is sized otherwise, or says it is covered).
    const styles = differences(hostile).filter((d) => !/^(dock|readable)\.|\.(box|width):/.test(d));
    assert.deepEqual(styles, [], `${name}: the panel inside the frame is styled differently`);
    if (expect === 'usable') {
      assert.deepEqual(differences(hostile), [], `${name}: the sidebar looks different`);
      assert.equal(await sidebar(page, 'covered').count(), 0, `${name}: the frame says covered`);
      // A real (trusted) click at a stage's place reaches it (nothing covers it): its form opens.
      await sidebarFrame(page).locator('[data-stage="strategic"]').click({ timeout: 3_000 });
      await expectText(sidebarFrame(page).locator('form'), /Strategic/, { page, timeout: 3_000 });
      await page.keyboard.press('Escape');
      const value = await tryToSave(page);
      await waitFor(
        async () =>
          (await app.call('getAccount', { id: 'acc-northwind' })).account.potential === value,
        { timeout: 5_000, message: `${name}: a save from the sidebar was not stored` },
      );
    } else {
      await expectText(sidebar(page, 'covered'), /covered/i, { page, timeout: 5_000 });
      const before = await storeState(app);
      // A frame the page does not render at all (display: none) takes no key: nothing to try.
      if (hostile.panel.box !== '0,0,0,0') {
        await tryToSave(page);
        await expectText(sidebarFrame(page).locator('[role="alert"]').last(), /Not saved/, {
          page,
          timeout: 5_000,
        });
      }
      assert.deepEqual(await storeState(app), before, `${name}: a covered sidebar saved`);
    }
    assert.deepEqual(seen.pageErrors, []);
  } finally {
    await page.close();
  }
}

test('the plain page gives a readable sidebar to compare with', () => {
  assert.ok(plain?.readable, 'no sidebar on the plain page');
  assert.deepEqual(plain.readable, { onTop: true, inView: true });
  assert.notEqual(plain.accountName.visibility, 'hidden');
  assert.match(plain.accountName['font-size'], /^\d+(\.\d+)?px$/);
  assert.equal(plain.dock.opacity, '1');
});

const SHEETS = [
  ['root-font-4px.css', 'html { font-size: 4px }', 'usable'],
  ['root-font-40px.css', 'html { font-size: 40px }', 'usable'],
  // Gmail's own layout is gone; its side panel, which holds the dock, is no longer a box the frame
  // can be sure is seen.
  ['all-unset.css', '* { all: unset !important }', 'refused'],
  [
    'hide-host.css',
    'rapport-dock { display: none; visibility: hidden; opacity: 0 } !important',
    'usable',
  ],
  ['hide-body-children.css', 'body * { visibility: hidden }', 'usable'],
  ['transparent-text.css', 'div { color: transparent !important }', 'usable'],
  ['overlay-max-z.css', 'a z-index: 2147483647 overlay, the dock pushed to z-index -1', 'refused'],
  ['ancestor-effects.css', 'opacity and transform on <body>', 'refused'],
  [
    'overlay-after-html.css',
    'an html::after overlay at z-index 2147483647, last in tree order',
    'refused',
  ],
  ['root-effects.css', 'filter and transform on <html>', 'refused'],
];

for (const [file, label, expect] of SHEETS) {
  test(`host CSS: ${label}: ${expect}`, { timeout: 60_000 }, () =>
    check(file.replace('.css', ''), css(file), { expect }),
  );
}

test('host CSS: every hostile sheet at once: refused', { timeout: 60_000 }, () =>
  check('all-at-once', SHEETS.map(([file]) => css(file)).join('\n'), { expect: 'refused' }),
);

test(
  'host script: !important inline styles set on the dock element: refused',
  { timeout: 60_000 },
  () =>
    // The page's script can overwrite the dock's own inline styles: it hides the frame, which
    // then refuses writes.
    check('inline-important', '', {
      expect: 'refused',
      script: () => {
        const dock = document.querySelector('rapport-dock');
        for (const [p, v] of [
          ['display', 'none'],
          ['visibility', 'hidden'],
          ['opacity', '0'],
          ['transform', 'translateX(100vw)'],
        ])
          dock.style.setProperty(p, v, 'important');
      },
    }),
);
