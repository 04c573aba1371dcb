/**
 * `npm run demo`: Rapport on a bundled sample inbox, no Google account needed.
 *
 * Finds Chromium (tests/tools/chromium.mjs; as root with apt-get it installs Debian's chromium when
 * there is none), builds the extension, launches the browser with it, seeds the sample accounts
 * (tests/fixtures/sample-data.mjs; the user's own domain is brightwave.io) and opens saved Gmail
 * pages one after another: the inbox, a thread from a known client, a thread with several
 * companies, one from a stranger.
 *
 * With a display (macOS, Windows, or $DISPLAY / $WAYLAND_DISPLAY on Linux) the browser is visible
 * and stays open until Ctrl-C. Without one it runs headless, saves a screenshot per page to
 * demo-output/ (RAPPORT_DEMO_OUT to change it), prints what the sidebar showed and exits.
 * `npm run demo -- --headless` (or `--headed`) chooses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { demoPlanSteps } from '../fixtures/demo-plan.mjs';
import { ensureChromium } from '../tools/chromium.mjs';
import {
  ROOT,
  buildOnce,
  describeSidebar,
  launch,
  loadFixture,
  sidebar,
  waitFor,
} from '../e2e/harness.mjs';

const STATES = ['inbox', 'thread', 'several-companies', 'unknown-sender'];
/** The page left in front when the browser stays open. */
const FRONT = 'thread';
const OUT = path.resolve(process.env.RAPPORT_DEMO_OUT || path.join(ROOT, 'demo-output'));
const SETTLED = ['none', 'unreadable', 'ready', 'error'];
const headful = process.argv.includes('--headed')
  ? true
  : process.argv.includes('--headless')
    ? false
    : hasDisplay();

/** macOS and Windows always have one; on Linux a desktop session sets one of these. */
function hasDisplay() {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

try {
  const browser = ensureChromium();
  console.log(`browser: ${browser.name} (${browser.path})`);
  console.log(`build: ${buildOnce()}`);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

let app;
try {
  app = await launch({
    headless: !headful,
    viewport: { width: 1280, height: 800 },
    handleSignals: !headful,
  });
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
let failures = 0;
const shots = [];
let front = null;
try {
  const summary = await app.seed(sampleBackup(Date.now()));
  // Northwind's account plan over the sample: offerings, whitespace grid, objectives, a review.
  for (const [name, request] of demoPlanSteps(Date.now())) await app.call(name, request);
  const counts = summary.counts;
  console.log(
    `Seeded ${counts.accounts} accounts, ${counts.people} people, ${counts.activities} activities; ` +
      'own domain brightwave.io',
  );
  if (!headful) fs.mkdirSync(OUT, { recursive: true });

  for (const [index, state] of STATES.entries()) {
    let url;
    try {
      url = loadFixture(state).url;
    } catch (error) {
      console.log(`\n[${state}] skipped: ${error.message}`);
      failures++;
      continue;
    }
    console.log(`\n[${state}] ${url}`);
    const page = await app.openGmail(state);
    const shown = await readSidebar(page);
    for (const line of shown.lines) console.log(`  ${line}`);
    if (!shown.settled) failures++;
    if (state === FRONT) front = page;
    if (!headful) {
      const file = path.join(OUT, `${index + 1}-${state}.png`);
      await page.screenshot({ path: file });
      shots.push(file);
      await page.close();
    }
  }

  // Northwind's meeting brief, as its sidebar link opens it: the page to read before the meeting.
  console.log(`\n[meeting-brief] Northwind Logistics`);
  const brief = await app.openPage('brief.html?account=acc-northwind');
  try {
    await brief.locator('[data-testid="brief"]').waitFor({ timeout: 10_000 });
    const meeting = await brief
      .locator('[data-testid="brief-last-meeting"] .item-head')
      .innerText();
    const next = await brief.locator('[data-testid="brief-meeting-next"]').innerText();
    console.log(`  last meeting: ${meeting.replace(/\s+/g, ' ').trim()}`);
    console.log(`  ${next.replace(/\s+/g, ' ').trim()}`);
  } catch (error) {
    console.log(`  no brief: ${error.message.split('\n')[0]}`);
    failures++;
  }
  if (!headful) {
    const file = path.join(OUT, `${STATES.length + 1}-meeting-brief.png`);
    await brief.screenshot({ path: file, fullPage: true });
    shots.push(file);
    await brief.close();
  }

  if (!headful) {
    const why = process.argv.includes('--headless') ? 'Headless' : 'No display, so headless';
    console.log(`\n${why}: what the browser showed, one picture per page:`);
    for (const file of shots) console.log(`  ${path.relative(process.cwd(), file)}`);
    console.log('On a desktop, `npm run demo` keeps the browser open on these pages.');
  } else {
    await front?.bringToFront();
    console.log('\nThe browser is open on the sample inbox (one tab per page). Ctrl-C to close.');
    await new Promise((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
      app.context.once('close', resolve);
    });
  }
} finally {
  await app.close();
}
process.exit(failures ? 1 : 0);

/** Waits for the sidebar to settle, then describes it in a few lines. */
async function readSidebar(page) {
  const root = sidebar(page);
  let state;
  try {
    state = await waitFor(
      async () => {
        const value = await root.first().getAttribute('data-state', { timeout: 500 });
        return SETTLED.includes(value) ? value : false;
      },
      { timeout: 10_000, message: 'sidebar' },
    );
  } catch {
    return { settled: false, lines: [`no sidebar: ${await describeSidebar(page)}`] };
  }
  const texts = async (testId) =>
    (await sidebar(page, testId).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  const lines = [`state: ${state}`];
  if ((await root.first().getAttribute('data-collapsed')) === 'true') {
    lines.push('the rail (nothing open)');
  }
  const switcher = await sidebar(page, 'account-switcher').locator('button').allInnerTexts();
  if (switcher.length) lines.push(`accounts on this thread: ${switcher.join(', ')}`);
  const names = await texts('account-name');
  const stages = await texts('stage-current');
  const actions = await texts('next-action');
  names.forEach((name, i) => {
    const parts = [`account: ${name}`];
    if (stages[i]) parts.push(`stage: ${stages[i]}`);
    if (actions[i]) parts.push(`next action: ${actions[i]}`);
    lines.push(parts.join(' | '));
  });
  const people = await sidebar(page, 'person').count();
  if (names.length) lines.push(`people shown: ${people}`);
  const plan = (await texts('objectives-progress')).filter(Boolean);
  if (plan.length) lines.push(`plan: ${plan.join(' / ')}`);
  const chances = (await texts('opportunities')).filter(Boolean);
  if (chances.length) lines.push(`whitespace: ${chances.join(' / ')}`);
  const proposals = await sidebar(page, 'create-account').evaluateAll((buttons) =>
    buttons.map((b) =>
      b.parentElement.innerText.replace(b.innerText, '').replace(/\s+/g, ' ').trim(),
    ),
  );
  if (proposals.length) lines.push(`offers to create an account for: ${proposals.join('; ')}`);
  const status = (await texts('status')).filter(Boolean);
  if (status.length) lines.push(`status: ${status.join(' / ')}`);
  const due = (await texts('due-count')).filter(Boolean);
  if (due.length) lines.push(`due: ${due.join(' / ')}`);
  if (!names.length && !status.length && !proposals.length && lines.length === 1)
    lines.push('(sidebar shows no account and no status)');
  return { settled: true, lines };
}
