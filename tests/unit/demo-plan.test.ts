/**
 * What `npm run demo` shows of the account plan (tests/fixtures/demo-plan.mjs, seeded over the
 * sample through the real handlers as the demo seeds it): objectives with one at risk, the
 * whitespace grid with a competitor and an unknown supplier whose contracts end within 90 days,
 * and a meeting whose brief says what was promised and the next action it set.
 */
import { describe, expect, it } from 'vitest';
import type { MessageName } from '@/utils/contract/messages';
import { freshContext, ok } from './helpers';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { demoPlanSteps } from '../fixtures/demo-plan.mjs';
import { QBR_DAYS_AGO } from '../fixtures/sample-meeting.mjs';

const DAY = 86_400_000;

async function demo() {
  const t = await freshContext();
  const now = t.ctx.now();
  await ok(t.send('importData', { backup: sampleBackup(now), mode: 'replace' }));
  for (const [name, request] of demoPlanSteps(now))
    await ok(t.send(name as MessageName, request as never));
  return { ...t, now };
}

const isoDay = (ms: number) => {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

describe("the demo's account plan", () => {
  it('has objectives, one at risk, that the accounts table can filter on', async () => {
    const t = await demo();
    const view = await ok(t.send('getAccount', { id: 'acc-northwind' }));
    const plan = view.objectives.filter((o) => o.status !== 'dropped');
    expect(plan.length).toBeGreaterThanOrEqual(3);
    expect(plan.filter((o) => o.status === 'at_risk')).toHaveLength(1);
  });

  it('has a competitor and an unknown supplier, priced, with contracts ending within 90 days', async () => {
    const t = await demo();
    const ending = await ok(
      t.send('listContractsEnding', { from: isoDay(t.now), until: isoDay(t.now + 90 * DAY) }),
    );
    expect(ending.map((e) => e.supplier).sort()).toEqual(['competitor', 'unknown']);
    const grid = await ok(t.send('listWhitespace', { accountId: 'acc-northwind' }));
    for (const e of ending) {
      expect(grid.cells.find((c) => c.id === e.cellId)?.spend).toBeGreaterThan(0);
    }
    const line = await ok(t.send('getOpportunities', { accountId: 'acc-northwind' }));
    expect(line.count).toBeGreaterThanOrEqual(2);
    expect(line.biggest).not.toBeNull();
  });

  it('gives the brief a last meeting with what was promised and the next action it set, still open', async () => {
    const t = await demo();
    const brief = await ok(
      t.send('getBrief', { accountId: 'acc-northwind', today: isoDay(t.now) }),
    );
    expect(brief.lastMeeting).toMatchObject({
      summary: 'Quarterly business review',
      at: t.now - QBR_DAYS_AGO * DAY,
      people: ['Anna Keller', 'Tom Reyes'],
      outcome: expect.stringContaining('volume-based price'),
      next: { text: 'Send the Q1 volume proposal', due: isoDay(t.now), state: 'open' },
    });
    expect(brief.objectives.some((o) => o.status === 'at_risk')).toBe(true);
    expect(brief.opportunities.map((o) => o.supplier).sort()).toEqual(
      expect.arrayContaining(['competitor', 'unknown']),
    );
  });
});
