// The KPIs view of the accounts page on a seeded portfolio: its figures for a fixed custom period
// (the third quarter of 2026) equal the table worked out by hand below, on the page and in the CSV
// file; in English and in Russian, with screenshots.
//
// Every instant is at noon UTC, so any time zone within 11 hours of UTC puts it on the same day.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, test } from 'node:test';
import ru from '../../public/_locales/ru/messages.json' with { type: 'json' };
import { launch, waitFor } from './harness.mjs';
import { download, expectNoSeriousA11yIssues, msg, shot } from './pages-helpers.mjs';

const noon = (day) => Date.parse(`${day}T12:00:00Z`);
const PERIOD = { first: '2026-07-01', last: '2026-09-30' };

const account = (id, name, stage) => ({
  id,
  name,
  domains: [`${id}.example.com`],
  stage,
  potential: 'high',
  profile: { goals: '', painPoints: '', opportunities: '' },
  nextAction: null,
  cadenceDays: null,
  crmRefs: [],
  createdAt: noon('2026-01-05'),
  updatedAt: noon('2026-10-01'),
  revision: 1,
});
const person = (id, accountId, name, role, influence) => ({
  id,
  accountId,
  name,
  emails: [],
  title: '',
  role,
  influence,
  attitude: 'neutral',
  notes: '',
  lastContactAt: null,
});
let serial = 0;
const activity = (accountId, personIds, day, more = {}) => ({
  id: `act-k${++serial}`,
  accountId,
  personIds,
  kind: 'call',
  at: noon(day),
  summary: 'Call',
  outcome: '',
  ...more,
});
const change = (id, accountId, from, to, day) => ({
  id,
  accountId,
  from,
  to,
  at: noon(day),
  reason: '',
});
const objective = (id, accountId, status, day) => ({
  id,
  accountId,
  outcome: 'Grow the account',
  measure: '',
  target: '',
  due: null,
  status,
  statusAt: noon(day),
  createdAt: noon('2026-01-05'),
});
const cell = (id, accountId, wonAt) => ({
  id,
  accountId,
  unitId: 'unit-1',
  offeringId: 'off-1',
  supplier: 'us',
  competitor: '',
  spend: null,
  currency: 'EUR',
  contractEnd: null,
  note: '',
  updatedAt: noon('2026-10-01'),
  ...(wonAt ? { wonAt: noon(wonAt) } : {}),
});

/**
 * Aurora: champion Cara (every 14 days) contacted every 12-14 days, kept; decision maker Dan
 * (30 days) first contacted on 5 July, then not until 20 August, 46 days: late. Three next actions
 * completed: one on time, one late, one by an older follow-up with no due day. Up a stage; one
 * objective met in the period (another after it); one cell won (another before it). The formula
 * in its name must stay text in the CSV file.
 * Borealis: influencer Ivo (influence 4, every 30 days) contacted every 29 days, kept; Uma, a
 * user of influence 2, is no key player. Two next actions done on time, one of them long before
 * it was due; one in October, after the period. Up and down a stage, stored latest first.
 * Cobalt: a decision maker never contacted (one cadence from 1 July, run out by 31 July), and an
 * objective met on the period's first day.
 */
function portfolio() {
  const A = 'acc-aurora';
  const B = 'acc-borealis';
  const C = 'acc-cobalt';
  return {
    format: 'rapport-backup',
    schemaVersion: 7,
    exportedAt: noon('2026-10-01'),
    accounts: [
      account(A, '=Aurora Freight', 'cooperative'),
      account(B, 'Borealis Retail', 'interdependent'),
      account(C, 'Cobalt Energy', 'tactical'),
    ],
    people: [
      person('per-cara', A, 'Cara Lind', 'champion', 3),
      person('per-dan', A, 'Dan Moss', 'decision_maker', 4),
      person('per-ivo', B, 'Ivo Petrov', 'influencer', 4),
      person('per-uma', B, 'Uma Sen', 'user', 2),
      person('per-cy', C, 'Cy Ward', 'decision_maker', 5),
    ],
    activities: [
      ...[
        '2026-06-28',
        '2026-07-10',
        '2026-07-24',
        '2026-08-07',
        '2026-08-21',
        '2026-09-04',
        '2026-09-18',
      ].map((d) => activity(A, ['per-cara'], d)),
      activity(A, ['per-dan'], '2026-07-05'),
      activity(A, ['per-dan'], '2026-08-20'),
      activity(A, [], '2026-07-14', { completed: 'Send terms', completedDue: '2026-07-15' }),
      activity(A, [], '2026-08-03', { completed: 'Book the review', completedDue: '2026-08-01' }),
      activity(A, [], '2026-08-10', { completed: 'Call back' }),
      ...['2026-06-15', '2026-07-14', '2026-08-12', '2026-09-10'].map((d) =>
        activity(B, ['per-ivo'], d),
      ),
      activity(B, ['per-uma'], '2026-07-01'),
      activity(B, [], '2026-09-30', { completed: 'Sign the renewal', completedDue: '2026-09-30' }),
      activity(B, [], '2026-09-01', { completed: 'Plan 2027', completedDue: '2026-12-01' }),
      activity(B, [], '2026-10-01', { completed: 'Late one', completedDue: '2026-07-01' }),
    ],
    decisions: [],
    stageChanges: [
      change('sc-a0', A, null, 'tactical', '2026-01-05'),
      change('sc-a1', A, 'tactical', 'cooperative', '2026-07-20'),
      change('sc-b2', B, 'strategic', 'interdependent', '2026-09-05'),
      change('sc-b1', B, 'cooperative', 'strategic', '2026-07-02'),
      change('sc-b0', B, 'interdependent', 'cooperative', '2026-06-30'),
    ],
    objectives: [
      objective('obj-a1', A, 'done', '2026-09-10'),
      objective('obj-a2', A, 'done', '2026-10-02'),
      objective('obj-a3', A, 'at_risk', '2026-08-01'),
      objective('obj-b1', B, 'on_track', '2026-08-01'),
      objective('obj-c1', C, 'done', '2026-07-01'),
    ],
    buyingUnits: [],
    whitespace: [
      cell('ws-a1', A, '2026-08-15'),
      cell('ws-a2', A, '2026-06-30'),
      cell('ws-b1', B, null),
    ],
  };
}

/** The figures by hand: cadence, on time, up, down, objectives met, whitespace won. */
const EXPECTED = {
  '=Aurora Freight': ['50% 1/2', '50% 1/2 (+1)', '1', '0', '1', '1'],
  'Borealis Retail': ['100% 1/1', '100% 2/2', '1', '1', '0', '0'],
  'Cobalt Energy': ['0% 0/1', '—', '0', '0', '1', '0'],
  total: ['50% 2/4', '75% 3/4 (+1)', '2', '1', '2', '1'],
};
const EXPECTED_CSV = [
  'account,period_first,period_last,key_players,key_players_in_cadence,key_players_in_cadence_pct,next_actions_counted,next_actions_on_time,next_actions_on_time_pct,next_actions_without_due_day,stage_moves_up,stage_moves_down,objectives_met,whitespace_won',
  "'=Aurora Freight,2026-07-01,2026-09-30,2,1,50,2,1,50,1,1,0,1,1",
  'Borealis Retail,2026-07-01,2026-09-30,1,1,100,2,2,100,0,1,1,0,0',
  'Cobalt Energy,2026-07-01,2026-09-30,1,0,0,0,0,,0,0,0,1,0',
];

const EMPTY = {
  format: 'rapport-backup',
  schemaVersion: 7,
  exportedAt: 0,
  accounts: [],
  people: [],
  activities: [],
  decisions: [],
  stageChanges: [],
};

let app;
after(() => app?.close());

/** Opens the KPIs view of a freshly seeded store, with the custom period of Q3 2026. */
async function openSeeded(lang) {
  await app?.close();
  app = await launch({ viewport: { width: 1280, height: 900 }, ...(lang ? { lang } : {}) });
  await app.seed(EMPTY);
  await app.call('importData', { backup: portfolio(), mode: 'merge' });
  const page = await app.openPage('accounts.html#view=kpis');
  await page.locator('[data-testid="kpi-table"]').waitFor();
  await page.locator('#kpi-period').selectOption('custom');
  await page.locator('#kpi-first').fill(PERIOD.first);
  await page.locator('#kpi-last').fill(PERIOD.last);
  await waitFor(
    async () =>
      (await page.locator('[data-testid="kpi-total"] [data-col="up"]').textContent()) === '2',
    { message: 'the figures of the custom period' },
  );
  return page;
}

const cellsOf = (row) =>
  row
    .locator('td')
    .evaluateAll((tds) => tds.map((td) => td.textContent.replace(/\s+/g, ' ').trim()));

test('the KPIs of a seeded portfolio equal the table worked out by hand, on the page and in the CSV', async () => {
  const page = await openSeeded(null);
  for (const [name, expected] of Object.entries(EXPECTED)) {
    const row =
      name === 'total'
        ? page.locator('[data-testid="kpi-total"]')
        : page.locator('[data-testid="kpi-table"] tbody tr', { hasText: name });
    assert.deepEqual(await cellsOf(row), expected, name);
  }
  const summary = page.locator('[data-testid="kpi-summary"]');
  assert.match(await summary.locator('[data-kpi="cadence"]').textContent(), /50%/);
  assert.match(await summary.locator('[data-kpi="ontime"]').textContent(), /75%/);
  assert.equal(
    (await page.locator('[data-testid="kpi-undated"]').textContent()).trim(),
    msg('kpisUndated', 1),
  );
  assert.equal(
    (await page.locator('[data-testid="kpi-period"]').textContent()).trim(),
    msg('kpisPeriodRange', 'Jul 1, 2026', 'Sep 30, 2026'),
  );

  // The CSV holds the same figures, one row per account and the portfolio's last.
  const file = await download(page, () => page.locator('[data-testid="kpi-csv"]').click());
  assert.match(file, /rapport-kpis-2026-07-01-2026-09-30\.csv$/);
  const lines = fs
    .readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  assert.deepEqual(lines.slice(0, 4), EXPECTED_CSV);
  assert.equal(lines[4], `${msg('kpisPortfolio')},2026-07-01,2026-09-30,4,2,50,4,3,75,1,2,1,2,1`);

  // A period that ends before it begins says so, and asks the store nothing.
  await page.locator('#kpi-last').fill('2026-06-01');
  await page
    .getByRole('alert')
    .filter({ hasText: msg('kpisPeriodReversed') })
    .waitFor();
  await page.locator('#kpi-last').fill(PERIOD.last);
  await page.locator('[data-testid="kpi-table"]').waitFor();

  // Roles are today's: the store keeps no history of them, and the view says so under the table.
  assert.equal(
    (await page.locator('[data-testid="kpi-footnote"]').textContent()).trim(),
    msg('kpisRolesToday'),
  );
  await page.locator('[data-testid="kpi-help"] summary').click();
  await expectNoSeriousA11yIssues(page, 'the KPIs view');
  await shot(page, 'kpis-en');
});

test('the KPIs view in Russian', async () => {
  const page = await openSeeded('ru');
  assert.deepEqual(await cellsOf(page.locator('[data-testid="kpi-total"]')), EXPECTED.total);
  assert.equal(
    (await page.locator('[data-testid="kpi-total"] th').textContent()).trim(),
    ru.kpisPortfolio.message,
  );
  assert.equal(
    (await page.locator('[data-testid="kpi-footnote"]').textContent()).trim(),
    ru.kpisRolesToday.message,
  );
  await page.locator('[data-testid="kpi-help"] summary').click();
  await shot(page, 'kpis-ru');
});
