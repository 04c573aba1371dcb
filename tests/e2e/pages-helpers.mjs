/**
 * Helpers for the tests of the extension's own pages (popup, options, accounts), on top of
 * harness.mjs: axe-core checks, the stored data without its timestamp, files from
 * tests/fixtures/csv/, and downloads.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, RESULTS, waitFor } from './harness.mjs';

export const CSV_FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'csv');
export const HOSTILE_BACKUPS = path.join(ROOT, 'tests', 'fixtures', 'hostile', 'backups');

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(
  path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js'),
  'utf8',
);

/**
 * Runs axe-core on `page` (WCAG 2.x A and AA, and best practices) and returns its serious and
 * critical violations as lines "rule-id (impact): target, target ... - help".
 */
export async function seriousA11yIssues(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    // Extension pages allow only their own scripts ('script-src self'): a <script> tag
    // (page.addScriptTag) is blocked there, the DevTools protocol's evaluate is not.
    await page.evaluate(AXE_SOURCE);
  }
  assert.equal(await page.evaluate(() => typeof window.axe), 'object', 'axe-core did not load');
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.targets.slice(0, 5).join(', ')} - ${v.help}`);
}

/** Fails with every serious or critical axe-core issue of `page`, named by `where`. */
export async function expectNoSeriousA11yIssues(page, where) {
  const issues = await seriousA11yIssues(page);
  assert.deepEqual(issues, [], `axe-core found serious or critical issues in ${where}`);
}

/** Everything stored, as exportData gives it, without the moment of the export. */
export async function storedData(app) {
  const { exportedAt: _ignored, ...rest } = await app.call('exportData');
  // One order for each kind, so that equal stores compare equal whatever order a cursor gave.
  for (const key of Object.keys(rest)) {
    if (Array.isArray(rest[key])) rest[key].sort((a, b) => (a.id < b.id ? -1 : 1));
  }
  return rest;
}

/** The number of accounts the background lists. */
export async function accountCount(app) {
  return (await app.call('listAccounts')).length;
}

export function csvFixture(name) {
  return path.join(CSV_FIXTURES, name);
}

/** Waits for a download started by `action` and saves it under test-results/downloads/. */
export async function download(page, action) {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), action()]);
  const dir = path.join(RESULTS, 'downloads');
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, file.suggestedFilename());
  await file.saveAs(target);
  return target;
}

/** Text of every element matching `selector` in the page. */
export async function texts(page, selector) {
  return page.locator(selector).allInnerTexts();
}

/** Waits until `locator` is the focused element. */
export async function expectFocused(locator, what) {
  await waitFor(() => locator.evaluate((el) => el === document.activeElement), {
    timeout: 5_000,
    message: `${what} to have focus`,
  });
}

/** The page's width overflow: how many pixels the document is wider than its viewport. */
export function horizontalOverflow(page) {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

const MESSAGES = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'public', '_locales', 'en', 'messages.json'), 'utf8'),
);

/**
 * The English text of a locale key, as chrome.i18n would give it, so tests find buttons by what
 * the user reads without copying it: `msg('optionsWipeConfirm', 3)`.
 */
export function msg(key, ...subs) {
  const entry = MESSAGES[key];
  if (!entry) throw new Error(`No locale key ${key}`);
  return entry.message.replace(/\$([A-Z_]+)\$/gi, (_, name) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (_m, i) => String(subs[Number(i) - 1] ?? ''));
  });
}

/**
 * Saves a screenshot to test-results/<name>.png: the whole page, or with `element` only that
 * element (scrolled into view), for the part of a long page a test is about.
 */
export async function shot(page, name, { element, fullPage = true } = {}) {
  fs.mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `${name}.png`);
  if (element) await element.screenshot({ path: file });
  else {
    // From the top: a sticky header would otherwise be drawn where the page was scrolled to.
    if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: file, fullPage });
  }
  return file;
}
