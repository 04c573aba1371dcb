// The account page's editor over the real background handlers (fake-indexeddb): people and
// decisions removed with Undo, follow-ups logged with people, deleted after a question, and paged
// through with "Show older"; the address that keeps the table's filters; the paging logic alone.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { route } from '@/entrypoints/background/router';
import { AccountEditor } from '@/entrypoints/accounts/account-editor';
import { pageHash, parsePageHash } from '@/entrypoints/accounts/page-hash';
import {
  byNewest,
  loadActivities,
  type ListActivities,
} from '@/entrypoints/accounts/activity-pages';
import type { UndoOffer } from '@/entrypoints/accounts/undo';
import { DEFAULT_QUERY, type ListQuery } from '@/utils/page/account-list';
import type { Backup, Envelope } from '@/utils/contract/messages';
import type { Activity } from '@/utils/contract/model';
import { sampleBackup } from '../fixtures/sample-data.mjs';
import { freshContext, ok } from './helpers';
import { speak } from './fake-i18n';

// ---------------------------------------------------------------------------------------------

describe('the address keeps the table as the user left it', () => {
  it('writes only what differs from the defaults, and reads it back', () => {
    expect(pageHash({ kind: 'list', view: 'table' })).toBe('#view=table');
    const query: ListQuery = {
      sort: 'due',
      dir: 'desc',
      stage: 'strategic',
      potential: 'high',
      coverage: 'amber',
      objectives: 'at_risk',
      due: 'overdue',
      text: 'acme & co',
      page: 2,
    };
    const hash = pageHash({ kind: 'list', view: 'table' }, query);
    expect(hash).toBe(
      '#view=table&stage=strategic&potential=high&coverage=amber&objectives=at_risk&due=overdue&q=acme+%26+co&sort=due&dir=desc&page=3',
    );
    expect(parsePageHash(hash)).toEqual({ route: { kind: 'list', view: 'table' }, query });
  });

  it('keeps filters out of other views and of an account’s address', () => {
    const query = { ...DEFAULT_QUERY, stage: 'tactical' as const };
    expect(pageHash({ kind: 'list', view: 'calendar' }, query)).toBe('#view=calendar');
    expect(pageHash({ kind: 'account', id: 'acc-1' }, query)).toBe('#account=acc-1');
  });

  it('reads a hand-edited or old address without failing', () => {
    expect(parsePageHash('')).toEqual({
      route: { kind: 'list', view: 'table' },
      query: DEFAULT_QUERY,
    });
    expect(parsePageHash('#view=table').query).toEqual(DEFAULT_QUERY);
    const odd = parsePageHash('#view=table&stage=platinum&sort=__proto__&dir=up&page=-4&due=soon');
    expect(odd.query).toEqual(DEFAULT_QUERY);
    expect(parsePageHash('#view=table&page=1.5').query.page).toBe(0);
    expect(parsePageHash(`#view=table&q=${'x'.repeat(500)}`).query.text).toHaveLength(200);
    expect(parsePageHash('#account=acc-9&stage=strategic').route).toEqual({
      kind: 'account',
      id: 'acc-9',
    });
  });
});

// ---------------------------------------------------------------------------------------------

/** listActivities over an array, as the background answers it: `before` exclusive, newest first. */
function fakeList(all: Activity[]): { list: ListActivities; calls: number[] } {
  const sorted = [...all].sort(byNewest);
  const calls: number[] = [];
  const list: ListActivities = async ({ before, limit = 50 }) => {
    calls.push(limit);
    const data = sorted.filter((a) => before === undefined || a.at < before).slice(0, limit);
    return { ok: true, data };
  };
  return { list, calls };
}

const activity = (i: number, at: number): Activity => ({
  id: `a${String(i).padStart(3, '0')}`,
  accountId: 'acc',
  personIds: [],
  kind: 'note',
  at,
  summary: `n${i}`,
  outcome: '',
});

describe('paging through follow-ups', () => {
  it('misses none when a page boundary falls among follow-ups of the same instant', async () => {
    // 12 at one instant, from the 6th to the 17th: the first page of 10 ends among them.
    const all = Array.from({ length: 40 }, (_, i) =>
      activity(i, i >= 5 && i < 17 ? 1_000_000 : 2_000_000 - i * 1000),
    );
    const { list } = fakeList(all);
    const first = await ok(loadActivities(list, 'acc', 10));
    expect(first.activities).toHaveLength(10);
    const more = await ok(loadActivities(list, 'acc', 30, first.activities));
    expect(more.activities).toHaveLength(30);
    expect(more.end).toBe(false);
    const rest = await ok(loadActivities(list, 'acc', 50, more.activities));
    expect(rest.end).toBe(true);
    expect(rest.activities.map((a) => a.id)).toEqual([...all].sort(byNewest).map((a) => a.id));
  });

  it('ends on a short page, and stops on an empty account', async () => {
    const { list, calls } = fakeList([]);
    expect(await ok(loadActivities(list, 'acc', 20))).toEqual({ activities: [], end: true });
    expect(calls).toEqual([20]);
  });

  it('steps over an instant with more follow-ups than one page can hold, and terminates', async () => {
    const all = [
      ...Array.from({ length: 250 }, (_, i) => activity(i, 5_000)),
      activity(900, 4_000),
    ];
    const { list } = fakeList(all);
    const r = await ok(loadActivities(list, 'acc', 1_000));
    expect(r.end).toBe(true);
    const ids = r.activities.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    // The older follow-up after the crowded instant is still reached.
    expect(ids.at(-1)).toBe('a900');
  });

  it('passes on the error of a failed request', async () => {
    const list: ListActivities = async () => ({
      ok: false,
      error: 'No answer.',
      code: 'disconnected',
    });
    expect(await loadActivities(list, 'acc', 10)).toEqual({
      ok: false,
      error: 'No answer.',
      code: 'disconnected',
    });
  });
});

// ---------------------------------------------------------------------------------------------

let host: HTMLElement;
let offers: UndoOffer[];
let env: Awaited<ReturnType<typeof freshContext>>;

beforeEach(async () => {
  speak();
  env = await freshContext();
  // The page talks to the real handlers, as an extension page.
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(
    (async (message: Envelope) =>
      (await route(message, 'extension-page', env.ctx)).result) as never,
  );
  offers = [];
  host = document.createElement('div');
  document.body.append(host);
});

afterEach(() => {
  render(null, host);
  host.remove();
  vi.restoreAllMocks();
});

const settle = () =>
  act(async () => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
  });
const $ = <T extends Element = HTMLElement>(selector: string) => {
  const el = host.querySelector<T>(selector);
  if (!el) throw new Error(`no ${selector}`);
  return el;
};
const byLabel = (label: string) => {
  const el = [...host.querySelectorAll<HTMLElement>('[aria-label]')].find(
    (e) => e.getAttribute('aria-label') === label,
  );
  if (!el) throw new Error(`nothing labelled ${label}`);
  return el;
};
const button = (text: string) => {
  const el = [...host.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
  if (!el) throw new Error(`no button "${text}"`);
  return el;
};
const click = async (el: HTMLElement) => {
  await act(async () => el.click());
  await settle();
};

async function open(id: string, backup: Backup = sampleBackup(Date.now())) {
  await ok(env.send('importData', { backup, mode: 'replace' }));
  act(() =>
    render(
      <AccountEditor
        id={id}
        settings={null}
        notice={null}
        onDelete={() => undefined}
        offerUndo={(offer) => offers.push(offer)}
        listHref="#view=table"
      />,
      host,
    ),
  );
  await settle();
}

describe('the account editor', () => {
  it('removes a person and offers an Undo that puts back the same record', async () => {
    await open('acc-northwind');
    const before = await ok(env.send('getAccount', { id: 'acc-northwind' }));
    const tom = before.people.find((p) => p.id === 'per-tom');
    await click(byLabel('Remove Tom Reyes'));
    expect(host.querySelector('[data-person-id="per-tom"]')).toBeNull();
    expect(offers).toHaveLength(1);
    expect(offers[0]!.message).toBe('Removed Tom Reyes.');
    expect(offers[0]!.accountId).toBe('acc-northwind');
    await act(async () => void (await offers[0]!.undo()));
    const after = await ok(env.send('getAccount', { id: 'acc-northwind' }));
    expect(after.people.find((p) => p.id === 'per-tom')).toEqual(tom);
  });

  it('removes a decision and offers an Undo that puts it back', async () => {
    await open('acc-northwind');
    await click(byLabel('Remove the decision "Kept us as the sole cross-Channel carrier"'));
    expect(host.querySelector('[data-decision-id="dec-1"]')).toBeNull();
    expect((await ok(env.send('getAccount', { id: 'acc-northwind' }))).decisions).toEqual([]);
    await act(async () => void (await offers[0]!.undo()));
    const back = await ok(env.send('getAccount', { id: 'acc-northwind' }));
    expect(back.decisions.map((d) => d.id)).toEqual(['dec-1']);
  });

  it('logs a follow-up with the people picked', async () => {
    await open('acc-northwind');
    await click(button('Log a follow-up'));
    const summary = $<HTMLInputElement>('#activity-summary');
    act(() => {
      summary.value = 'Call about volumes';
      summary.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const legend = $('fieldset.pick-people legend');
    expect(legend.textContent).toBe('With');
    const tom = [...host.querySelectorAll<HTMLLabelElement>('fieldset.pick-people label')].find(
      (l) => l.textContent?.includes('Tom Reyes'),
    )!;
    await click(tom.querySelector('input')!);
    await click($('form[aria-label="Log a follow-up"] button[type="submit"]'));
    const [latest] = await ok(env.send('listActivities', { accountId: 'acc-northwind', limit: 1 }));
    expect(latest!.summary).toBe('Call about volumes');
    expect(latest!.personIds).toEqual(['per-tom']);
    expect($('ol.activities > li').textContent).toContain('Call about volumes · Tom Reyes');
  });

  it('deletes a follow-up only after asking, and Keep it keeps it', async () => {
    await open('acc-globex');
    const del = byLabel('Delete the follow-up "Globex rollout plan"');
    await click(del);
    expect($('.confirm').textContent).toContain('It cannot be undone.');
    expect(document.activeElement?.textContent).toBe('Keep it');
    await click(button('Keep it'));
    expect(host.querySelector('.confirm')).toBeNull();
    expect((await ok(env.send('getAccount', { id: 'acc-globex' }))).activities).toHaveLength(1);
    await click(byLabel('Delete the follow-up "Globex rollout plan"'));
    await click(button('Delete it'));
    expect((await ok(env.send('getAccount', { id: 'acc-globex' }))).activities).toHaveLength(0);
    expect(host.querySelector('ol.activities')).toBeNull();
    expect($('[role="status"].hint').textContent).toBe('Follow-up deleted.');
  });

  it('edits the next action with the sidebar’s due picker, checks and "With" choice', async () => {
    await open('acc-northwind');
    await click(button('Edit the next action'));
    const form = $('[data-testid="next-form"]');
    const text = $<HTMLInputElement>('[data-testid="next-form"] input[name="next"]');
    act(() => {
      text.value = '';
      text.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click($('form[aria-label="Next action"] button[type="submit"]'));
    // checkNext refuses an empty action, and nothing is written.
    expect(form.querySelector('[role="alert"]')?.textContent).toBeTruthy();
    const before = await ok(env.send('getAccount', { id: 'acc-northwind' }));
    act(() => {
      text.value = 'Send the renewal terms';
      text.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const tomorrow = $<HTMLButtonElement>('[data-testid="next-form"] [data-preset="tomorrow"]');
    await click(tomorrow);
    const withWhom = $<HTMLSelectElement>('[data-testid="next-form"] select[name="with"]');
    act(() => void (withWhom.value = 'per-tom'));
    await click($('form[aria-label="Next action"] button[type="submit"]'));
    const after = await ok(env.send('getAccount', { id: 'acc-northwind' }));
    expect(before.account.nextAction?.text).not.toBe('Send the renewal terms');
    expect(after.account.nextAction).toMatchObject({
      text: 'Send the renewal terms',
      due: tomorrow.dataset.day,
      personId: 'per-tom',
    });
    expect(host.querySelector('[data-testid="next-form"]')).toBeNull();
    expect($('.next-now').textContent).toContain('Tom Reyes');
  });

  it('shows older follow-ups a page at a time until there are none', async () => {
    const backup = sampleBackup(Date.now());
    for (let i = 0; i < 30; i++) {
      backup.activities.push({
        ...activity(i, Date.now() - (i + 1) * 3_600_000),
        accountId: 'acc-umbrella',
      });
    }
    await open('acc-umbrella', backup);
    const items = () => host.querySelectorAll('ol.activities > li').length;
    expect(items()).toBe(10);
    await click($('[data-testid="show-older"]'));
    expect(items()).toBe(30);
    expect(document.activeElement?.getAttribute('data-activity-id')).toBe('a010');
    await click($('[data-testid="show-older"]'));
    expect(items()).toBe(30);
    expect(host.querySelector('[data-testid="show-older"]')).toBeNull();
    expect($('[role="status"].hint').textContent).toBe('No older follow-ups.');
  });
});
