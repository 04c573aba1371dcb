// The account sidebar, rendered alone with a fake `send`: what it shows and what it asks for.
import { readFileSync } from 'node:fs';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Sidebar } from '@/components/sidebar';
import { guessName } from '@/components/guess-name';
import type { SidebarProps, SidebarState } from '@/components/sidebar-types';
import type { AccountView, ContextResult, HostContext } from '@/utils/contract/messages';
import { fakeSend, PLAIN_LINES } from './fake-send';
import type { Account, NextAction, Objective, Person } from '@/utils/contract/model';
import { addDays, today } from '@/utils/shared/dates';
import { speak, MESSAGES } from './fake-i18n';

const XSS = '<img src=x onerror="window.__pwned=1">';
beforeEach(() => {
  speak();
});

let host: HTMLElement;
afterEach(() => {
  render(null, host);
  host.remove();
  vi.restoreAllMocks();
});

function account(patch: Partial<Account> = {}): Account {
  return {
    id: 'acc-northwind',
    name: 'Northwind Logistics',
    domains: ['northwind.co.uk'],
    stage: 'cooperative',
    potential: 'high',
    profile: { goals: '', painPoints: '', opportunities: '' },
    nextAction: { text: 'Send the Q1 volume proposal', due: today() },
    cadenceDays: null,
    crmRefs: [],
    createdAt: 1,
    updatedAt: 1,
    revision: 4,
    ...patch,
  };
}

function person(id: string, name: string, email: string, patch: Partial<Person> = {}): Person {
  return {
    id,
    accountId: 'acc-northwind',
    name,
    emails: [email],
    title: '',
    role: 'unknown',
    influence: 3,
    attitude: 'neutral',
    notes: '',
    lastContactAt: null,
    ...patch,
  };
}

function view(patch: Partial<AccountView> = {}): AccountView {
  return {
    account: account(),
    people: [
      person('per-anna', 'Anna Keller', 'anna@northwind.co.uk', {
        role: 'decision_maker',
        influence: 5,
        notes: 'Prefers short calls',
      }),
      person('per-tom', 'Tom Reed', 'tom@northwind.co.uk', { role: 'user', influence: 2 }),
    ],
    activities: [
      {
        id: 'act-old',
        accountId: 'acc-northwind',
        personIds: [],
        kind: 'call',
        at: Date.now() - 5 * 86_400_000,
        summary: 'Quarterly review call',
        outcome: '',
        source: { host: 'gmail', url: 'javascript:alert(1)' },
      },
      {
        id: 'act-new',
        accountId: 'acc-northwind',
        personIds: [],
        kind: 'email',
        at: Date.now() - 86_400_000,
        summary: 'Asked for the volume forecast',
        outcome: '',
        source: { host: 'gmail', url: 'https://mail.google.com/mail/u/0/#inbox/abc' },
      },
    ],
    decisions: [
      {
        id: 'dec-1',
        accountId: 'acc-northwind',
        date: '2026-10-01',
        what: 'Chose road over rail for Q4',
        why: 'Rail slots were not guaranteed',
        decidedBy: 'Anna Keller',
        alternatives: '',
      },
    ],
    stageChanges: [],
    objectives: [],
    lastTouchedAt: Date.now() - 86_400_000,
    ...PLAIN_LINES,
    ...patch,
  };
}

const context: HostContext = {
  host: 'gmail',
  url: 'https://mail.google.com/mail/u/0/#inbox/abc',
  participants: [
    { email: 'anna@northwind.co.uk', name: 'Anna Keller' },
    { email: 'me@brightwave.io', name: 'Me' },
  ],
  domains: [],
  names: [],
  thread: { id: 'abc', subject: 'Q1 volumes' },
};

function ready(result: Partial<ContextResult> = {}): SidebarState {
  return {
    status: 'ready',
    context,
    result: {
      matches: [{ ...view(), matchedBy: 'email', threadEmails: ['anna@northwind.co.uk'] }],
      unknown: [],
      dueCount: 2,
      ...result,
    },
  };
}

async function mount(props: Partial<SidebarProps> & { state: SidebarState }) {
  host = document.createElement('div');
  document.body.append(host);
  const full: SidebarProps = {
    send: fakeSend().send,
    side: 'right',
    layout: { collapsed: false, width: 320 },
    onLayout: vi.fn(),
    onRefresh: vi.fn(),
    ...props,
  };
  await act(() => render(<Sidebar {...full} />, host));
  return full;
}

const $ = <E extends Element = HTMLElement>(selector: string) => host.querySelector<E>(selector);
const $$ = (selector: string) => [...host.querySelectorAll<HTMLElement>(selector)];
const testId = (id: string) => $(`[data-testid="${id}"]`);

async function click(el: Element | null) {
  expect(el, 'element to click').not.toBeNull();
  await act(() => (el as HTMLElement).click());
}

async function type(el: Element | null, value: string) {
  expect(el, 'field to type in').not.toBeNull();
  await act(() => {
    const field = el as HTMLInputElement;
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function choose(el: Element | null, value: string) {
  await act(() => {
    const select = el as HTMLSelectElement;
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/** Lets every pending answer of the fake `send` arrive and the panel re-render. */
const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

async function submit(form: Element | null) {
  expect(form, 'form').not.toBeNull();
  await act(() => {
    form!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
  // The write is awaited, then the form closes.
  await act(async () => {});
}

describe('sidebar, ready', () => {
  it('shows the sync and opportunity lines that came with the view, and asks for nothing', async () => {
    const { send, calls } = fakeSend();
    const lines = {
      sync: { phase: 'offline', waiting: 3, revoked: false, error: null },
      opportunities: {
        count: 2,
        biggest: { offering: 'Warehousing', unit: 'UK operations', spend: 120000, currency: 'EUR' },
        alsoIn: [],
      },
    } as const;
    const state = ready({
      matches: [{ ...view(lines), matchedBy: 'email', threadEmails: ['anna@northwind.co.uk'] }],
    });
    await mount({ state, send });
    await settle();
    const sync = $('[data-sync-line]')!;
    expect(sync.className).toContain('offline');
    expect(sync.textContent).toContain('3');
    const opportunities = testId('opportunities')!;
    expect(opportunities.textContent).toContain('Warehousing');
    expect(opportunities.textContent).toContain('UK operations');
    // The lines are the view's: the card sends no read of its own, on mount or later.
    expect(calls).toEqual([]);

    // A later read of the view (after a change notice) is what moves the lines.
    const next = ready({
      matches: [
        { ...view(PLAIN_LINES), matchedBy: 'email', threadEmails: ['anna@northwind.co.uk'] },
      ],
    });
    await act(() =>
      render(
        <Sidebar
          send={send}
          side="right"
          layout={{ collapsed: false, width: 320 }}
          onLayout={vi.fn()}
          onRefresh={vi.fn()}
          state={next}
        />,
        host,
      ),
    );
    await settle();
    expect($('[data-sync-line]')).toBeNull();
    expect(testId('opportunities')).toBeNull();
    expect(calls).toEqual([]);
  });

  it('shows the account: name, stage, potential, people, next action, activities, decisions', async () => {
    await mount({ state: ready() });
    const root = testId('sidebar')!;
    expect(root.dataset).toMatchObject({ state: 'ready', collapsed: 'false', side: 'right' });
    expect(testId('account-name')!.textContent).toBe('Northwind Logistics');
    expect(root.textContent).toContain('northwind.co.uk');
    expect(root.textContent).toContain('Last touched yesterday');

    const current = testId('stage-current')!;
    expect(current.textContent).toBe('Cooperative');
    expect(current.getAttribute('aria-current')).toBe('step');
    expect($$('.rp-seg')).toHaveLength(4);
    expect($$('[aria-current]')).toHaveLength(1);
    // Every stage explains itself to hover and to keyboard focus alike.
    const tip = host.querySelector(`#${current.getAttribute('aria-describedby')}`);
    expect(tip?.textContent).toContain('A few people on each side');

    expect(testId('potential')).toBeInstanceOf(HTMLSelectElement);
    expect((testId('potential') as HTMLSelectElement).value).toBe('high');
    expect(root.textContent).toContain(MESSAGES.en.guidanceFineTune!.message);

    const next = testId('next-action')!;
    expect(next.textContent).toContain('Send the Q1 volume proposal');
    expect(next.textContent).toContain('Due today');
    expect(next.dataset.tone).toBe('today');

    const people = $$('[data-testid="person"]');
    expect(
      people.map((p) => [p.textContent?.includes('Anna') ? 'anna' : 'tom', p.dataset.onThread]),
    ).toEqual([
      ['anna', 'true'],
      ['tom', 'false'],
    ]);
    expect(people[0]!.textContent).toContain('On this thread');
    expect(people[1]!.textContent).not.toContain('On this thread');
    // Compact rows: who they are at a glance, no form until one is opened.
    expect(people[0]!.textContent).toContain('Decision maker · influence 5/5 · Neutral');
    expect(people[0]!.textContent).toContain('never contacted');
    expect($$('[data-testid="person-notes"]')).toEqual([]);
    await click(people[0]!.querySelector('[data-testid="person-toggle"]'));
    const notes = $$('[data-testid="person-notes"]') as HTMLTextAreaElement[];
    expect(notes.map((n) => n.value)).toEqual(['Prefers short calls']);
    expect(root.textContent).not.toContain('Single-threaded');

    const activities = $$('[data-testid="activity"]');
    expect(activities.map((a) => a.textContent)).toEqual([
      expect.stringContaining('Asked for the volume forecast'),
      expect.stringContaining('Quarterly review call'),
    ]);
    // Only https: becomes a link; a javascript: URL stays plain text.
    expect(activities[0]!.querySelector('a')?.getAttribute('href')).toBe(
      'https://mail.google.com/mail/u/0/#inbox/abc',
    );
    expect(activities[0]!.querySelector('a')?.getAttribute('rel')).toContain('noopener');
    expect(activities[1]!.querySelector('a')).toBeNull();

    expect(testId('decision')!.textContent).toContain('Chose road over rail for Q4');
    expect(testId('decision')!.textContent).toContain('decided by Anna Keller');
    expect(testId('create-account')).toBeNull();
    expect(testId('account-switcher')).toBeNull();
  });
  it('marks the people a CRM record shows as on this record, not on a thread', async () => {
    const record: HostContext = {
      host: 'hubspot',
      url: 'https://app.hubspot.com/contacts/1/record/0-2/42',
      participants: [{ email: 'anna@northwind.co.uk', name: 'Anna Keller' }],
      domains: ['northwind.co.uk'],
      names: ['Northwind Logistics'],
      crmRef: {
        system: 'hubspot',
        recordType: 'company',
        recordId: '42',
        url: 'https://app.hubspot.com/contacts/1/record/0-2/42',
      },
    };
    await mount({
      state: { ...(ready() as Extract<SidebarState, { status: 'ready' }>), context: record },
    });
    const people = $$('[data-testid="person"]');
    expect(people[0]!.textContent).toContain('On this record');
    expect(people[0]!.textContent).not.toContain('On this thread');
  });

  it('moves the account to another stage only with a reason, through setStage', async () => {
    const { send, calls } = fakeSend();
    const props = await mount({ state: ready(), send });
    await click($('[data-stage="strategic"]'));
    const form = $('form.rp-form');
    expect(form?.getAttribute('aria-label')).toBe('Move to Strategic');
    expect(calls).toEqual([]);
    await type(form!.querySelector('input'), '  Signed the three-year framework ');
    await submit(form);
    expect(calls).toEqual([
      {
        name: 'setStage',
        request: {
          id: 'acc-northwind',
          stage: 'strategic',
          reason: 'Signed the three-year framework',
          base: 'cooperative',
        },
      },
    ]);
    expect(props.onRefresh).toHaveBeenCalledTimes(1);
    expect($('form.rp-form')).toBeNull();
  });

  it('closes an inline form on Escape, sending nothing', async () => {
    const { send, calls } = fakeSend();
    await mount({ state: ready(), send });
    await click($('[data-stage="tactical"]'));
    const input = $('form.rp-form input')!;
    await act(() => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect($('form.rp-form')).toBeNull();
    expect(calls).toEqual([]);
  });

  it('does nothing when the current stage is clicked', async () => {
    const { send, calls } = fakeSend();
    await mount({ state: ready(), send });
    await click(testId('stage-current'));
    expect($('form.rp-form')).toBeNull();
    expect(calls).toEqual([]);
  });

  it('changes potential with the value it read; a conflict shows both values and a choice', async () => {
    let attempts = 0;
    const { send, calls } = fakeSend({
      updateAccount: () =>
        ++attempts === 1
          ? {
              ok: false,
              code: 'conflict',
              error: 'Changed elsewhere since it was read: potential.',
              conflicts: [{ field: 'potential', mine: 'low', theirs: 'medium' }],
            }
          : account({ potential: 'low', revision: 8 }),
      getAccount: () => view({ account: account({ potential: 'medium', revision: 7 }) }),
    });
    await mount({ state: ready(), send });
    await choose(testId('potential'), 'low');
    await settle();
    expect(calls[0]).toEqual({
      name: 'updateAccount',
      request: { id: 'acc-northwind', patch: { potential: 'low' }, base: { potential: 'high' } },
    });
    // Never a silent retry over the other value: the notice asks, with both values.
    expect(calls.filter((c) => c.name === 'updateAccount')).toHaveLength(1);
    const notice = testId('conflict')!;
    expect(notice.textContent).toContain('Yours: Low');
    expect(notice.textContent).toContain('Saved elsewhere: Medium');
    await click(notice.querySelector('[data-testid="keep-mine"]'));
    await settle();
    expect(calls.at(-1)).toEqual({
      name: 'updateAccount',
      request: { id: 'acc-northwind', patch: { potential: 'low' }, base: { potential: 'medium' } },
    });
    expect(host.querySelector('[data-testid="conflict"]')).toBeNull();
  });

  it('take theirs drops the conflicting change and sends nothing more', async () => {
    const { send, calls } = fakeSend({
      updateAccount: () => ({
        ok: false,
        code: 'conflict',
        error: 'Changed elsewhere.',
        conflicts: [{ field: 'potential', mine: 'medium', theirs: 'low' }],
      }),
      getAccount: () => view(),
    });
    await mount({ state: ready(), send });
    await choose(testId('potential'), 'medium');
    await settle();
    await click(testId('conflict')!.querySelector('[data-testid="take-theirs"]'));
    await settle();
    expect(calls.filter((c) => c.name === 'updateAccount')).toHaveLength(1);
    expect(host.querySelector('[data-testid="conflict"]')).toBeNull();
    expect(host.querySelector('[role="alert"]')).toBeNull();
  });

  it('edits a person in place with upsertPerson, sending only the field that changed', async () => {
    const { send, calls } = fakeSend();
    await mount({ state: ready(), send });
    const anna = $$('[data-testid="person"]')[0]!;
    await click(anna.querySelector('[data-testid="person-toggle"]'));
    await choose(anna.querySelector('select'), 'champion');
    await act(async () => {});
    const notes = anna.querySelector('[data-testid="person-notes"]')!;
    await type(notes, 'Prefers short calls; back from leave in May');
    await act(() => {
      notes.dispatchEvent(new FocusEvent('blur'));
    });
    await act(async () => {});
    // Only what changed: a concurrent edit of another field in another tab is not overwritten.
    // Each with the value it was read at, so the same field changed elsewhere is a conflict.
    const ids = { id: 'per-anna', accountId: 'acc-northwind' };
    expect(calls).toEqual([
      {
        name: 'upsertPerson',
        request: { ...ids, role: 'champion', base: { role: 'decision_maker' } },
      },
      {
        name: 'upsertPerson',
        request: {
          ...ids,
          notes: 'Prefers short calls; back from leave in May',
          base: { notes: 'Prefers short calls' },
        },
      },
    ]);
  });

  it('warns about a single-threaded account', async () => {
    const only = view({ people: [person('per-anna', 'Anna Keller', 'anna@northwind.co.uk')] });
    await mount({
      state: ready({
        matches: [{ ...only, matchedBy: 'email', threadEmails: ['anna@northwind.co.uk'] }],
      }),
    });
    expect(testId('sidebar')!.textContent).toContain('Single-threaded account.');
  });

  it('marks an overdue next action, and offers one when there is none', async () => {
    const overdue = view({
      account: account({ nextAction: { text: 'Call back', due: addDays(today(), -3) } }),
    });
    await mount({
      state: ready({ matches: [{ ...overdue, matchedBy: 'domain', threadEmails: [] }] }),
    });
    expect(testId('next-action')!.dataset.tone).toBe('overdue');
    expect(testId('next-action')!.textContent).toContain('Overdue');
  });

  it('sets the next action through setNextAction', async () => {
    const { send, calls } = fakeSend();
    const none = view({ account: account({ nextAction: null }) });
    await mount({
      state: ready({ matches: [{ ...none, matchedBy: 'domain', threadEmails: [] }] }),
      send,
    });
    expect(testId('next-action')!.textContent).toContain('No next action yet');
    await click($$('button').find((b) => b.textContent === 'Set next action')!);
    const form = $('form.rp-form')!;
    const [text, due] = [...form.querySelectorAll('input')];
    // Defaults to the stage's cadence: Cooperative follows up every 21 days; written mm/dd/yyyy
    // in English, and a YYYY-MM-DD day typed over it is understood too.
    const cadenceDay = addDays(today(), 21);
    expect(due!.value).toBe(
      `${cadenceDay.slice(5, 7)}/${cadenceDay.slice(8)}/${cadenceDay.slice(0, 4)}`,
    );
    await type(text!, 'Send the revised rate card');
    await type(due!, '2027-01-15');
    await submit(form);
    expect(calls).toEqual([
      {
        name: 'setNextAction',
        request: {
          accountId: 'acc-northwind',
          nextAction: { text: 'Send the revised rate card', due: '2027-01-15' },
          base: null,
        },
      },
    ]);
  });

  it('adds a decision with what, why and who decided', async () => {
    const { send, calls } = fakeSend();
    await mount({ state: ready(), send });
    await click($$('button').find((b) => b.textContent === 'Add decision')!);
    const form = $('form.rp-form')!;
    const [what, why, who] = [...form.querySelectorAll('input, textarea')];
    await type(what!, 'Moved customs brokerage to us');
    await type(why!, 'Errors with the previous broker');
    await type(who!, 'Anna Keller');
    await submit(form);
    expect(calls).toEqual([
      {
        name: 'addDecision',
        request: {
          accountId: 'acc-northwind',
          date: today(),
          what: 'Moved customs brokerage to us',
          why: 'Errors with the previous broker',
          decidedBy: 'Anna Keller',
          sourceUrl: context.url,
        },
      },
    ]);
  });

  it('switches between several matched accounts', async () => {
    const other = view({
      account: account({
        id: 'acc-contoso',
        name: 'Contoso',
        domains: ['contoso.com'],
        stage: 'strategic',
      }),
      people: [],
    });
    await mount({
      state: ready({
        matches: [
          { ...view(), matchedBy: 'email', threadEmails: ['anna@northwind.co.uk'] },
          { ...other, matchedBy: 'domain', threadEmails: [] },
        ],
      }),
    });
    const switcher = testId('account-switcher')!;
    const tabs = [...switcher.querySelectorAll('button')];
    expect(tabs.map((b) => [b.textContent, b.getAttribute('aria-pressed')])).toEqual([
      ['Northwind Logistics', 'true'],
      ['Contoso', 'false'],
    ]);
    await click(tabs[1]!);
    expect(testId('account-name')!.textContent).toBe('Contoso');
    expect(testId('stage-current')!.textContent).toBe('Strategic');
  });
});

describe('sidebar, unknown senders', () => {
  it('creates an account from a company sender in one click, named after the domain', async () => {
    // No teammate shares this domain: the owner note asks once and shows nothing.
    const { send, calls } = fakeSend({ getTeamOwners: () => [] });
    const props = await mount({
      state: ready({
        matches: [],
        unknown: [
          {
            email: 'peter@initech-systems.com',
            name: 'Peter Gibbons',
            domain: 'initech-systems.com',
            freeMail: false,
          },
        ],
      }),
      send,
    });
    const button = testId('create-account')!;
    expect(button.closest('.rp-card')?.textContent).toContain('Initech Systems');
    await click(button);
    await act(async () => {});
    expect(calls).toEqual([
      { name: 'getTeamOwners', request: { domain: 'initech-systems.com' } },
      {
        name: 'createAccount',
        request: {
          name: 'Initech Systems',
          domains: ['initech-systems.com'],
          people: [{ name: 'Peter Gibbons', email: 'peter@initech-systems.com' }],
        },
      },
    ]);
    expect(props.onRefresh).toHaveBeenCalledTimes(1);
  });

  it('a domain a teammate owns says so, and "Create account" steps back from primary', async () => {
    const unknown = {
      email: 'peter@initech-systems.com',
      name: 'Peter Gibbons',
      domain: 'initech-systems.com',
      freeMail: false,
    };
    const alone = fakeSend({ getTeamOwners: () => [] });
    await mount({ state: ready({ matches: [], unknown: [unknown] }), send: alone.send });
    await act(async () => {});
    expect(testId('create-account')!.classList.contains('rp-primary')).toBe(true);
    expect(testId('team-owner')).toBeNull();

    const owned = fakeSend({
      getTeamOwners: () => [{ owner: 'alice@firm.com', account: 'Initech' }],
    });
    await mount({ state: ready({ matches: [], unknown: [unknown] }), send: owned.send });
    await act(async () => {});
    expect(testId('team-owner')!.textContent).toContain('alice@firm.com');
    expect(testId('create-account')!.classList.contains('rp-primary')).toBe(false);
  });

  it('never offers to create an account for a free-mail sender, only to add to an existing one', async () => {
    const { send, calls } = fakeSend({
      searchAccounts: () => [
        {
          id: 'acc-northwind',
          name: 'Northwind Logistics',
          domains: ['northwind.co.uk'],
          stage: 'cooperative',
          potential: 'high',
          nextAction: null,
        },
      ],
    });
    vi.useFakeTimers();
    try {
      await mount({
        state: ready({
          matches: [],
          unknown: [{ email: 'sam.k@gmail.com', name: '', domain: 'gmail.com', freeMail: true }],
        }),
        send,
      });
      expect(testId('create-account')).toBeNull();
      expect(testId('sidebar')!.textContent).not.toContain('Gmail');
      await click($$('button').find((b) => b.textContent === 'Add to an existing account')!);
      await type($('input[type="search"]'), 'north');
      await act(() => {
        vi.advanceTimersByTime(250);
      });
      await act(async () => {});
      await click($('.rp-result'));
      await act(async () => {});
    } finally {
      vi.useRealTimers();
    }
    expect(calls).toEqual([
      { name: 'searchAccounts', request: { query: 'north', limit: 8 } },
      {
        name: 'upsertPerson',
        request: { accountId: 'acc-northwind', name: 'sam.k', emails: ['sam.k@gmail.com'] },
      },
    ]);
  });

  it('guesses a company name from its domain without the public-suffix list', () => {
    expect(guessName('initech-systems.com')).toBe('Initech Systems');
    expect(guessName('northwind.co.uk')).toBe('Northwind');
    expect(guessName('mail.contoso.com')).toBe('Contoso');
    expect(guessName('acme_robotics.com.au')).toBe('Acme Robotics');
    expect(guessName('globex.io')).toBe('Globex');
  });
});

describe('sidebar, text from the page stays text', () => {
  it('renders markup in names, notes, summaries and subjects as text, never as elements', async () => {
    const hostile = view({
      account: account({ name: XSS, nextAction: { text: XSS, due: today() } }),
      people: [person('per-x', XSS, 'x@northwind.co.uk', { notes: XSS, title: XSS })],
      activities: [
        {
          id: 'act-x',
          accountId: 'acc-northwind',
          personIds: [],
          kind: 'email',
          at: Date.now(),
          summary: XSS,
          outcome: XSS,
          source: { host: 'gmail', url: 'https://mail.google.com/x', subject: XSS },
        },
      ],
      decisions: [
        {
          id: 'd',
          accountId: 'acc-northwind',
          date: today(),
          what: XSS,
          why: XSS,
          decidedBy: XSS,
          alternatives: '',
        },
      ],
    });
    await mount({
      state: {
        status: 'ready',
        context: { ...context, thread: { id: 'x', subject: XSS } },
        result: {
          matches: [{ ...hostile, matchedBy: 'email', threadEmails: [] }],
          unknown: [{ email: 'evil@globex.io', name: XSS, domain: 'globex.io', freeMail: false }],
          dueCount: 0,
        },
      },
    });
    expect(host.querySelector('img')).toBeNull();
    expect(host.querySelector('[onerror]')).toBeNull();
    expect(testId('account-name')!.textContent).toBe(XSS);
    expect(testId('activity')!.textContent).toContain(XSS);
    await click(testId('person-toggle'));
    expect((testId('person-notes') as HTMLTextAreaElement).value).toBe(XSS);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('shows an error message from the background as text', async () => {
    await mount({ state: { status: 'error', message: XSS } });
    expect(testId('status')!.textContent).toBe(XSS);
    expect(host.querySelector('img')).toBeNull();
  });
});

describe('sidebar, other states and the frame', () => {
  it('shows a skeleton while loading', async () => {
    await mount({ state: { status: 'loading' } });
    expect(testId('sidebar')!.dataset.state).toBe('loading');
    expect($('.rp-body')!.getAttribute('aria-busy')).toBe('true');
    expect($$('.rp-bone').length).toBeGreaterThan(0);
  });

  it('with nothing open, shows how many next actions are due', async () => {
    await mount({ state: { status: 'none', dueCount: 3 } });
    expect(testId('sidebar')!.dataset.state).toBe('none');
    expect(testId('status')!.textContent).toBe('Open an email to see its account.');
    expect(testId('due-count')!.textContent).toBe('3');
  });

  it('collapses to a tab that still shows the due count', async () => {
    const props = await mount({
      state: { status: 'none', dueCount: 3 },
      layout: { collapsed: true, width: 320 },
      side: 'left',
    });
    const root = testId('sidebar')!;
    expect(root.dataset).toMatchObject({ collapsed: 'true', side: 'left', state: 'none' });
    expect(testId('due-count')!.textContent).toBe('3');
    expect(testId('collapse')!.getAttribute('aria-expanded')).toBe('false');
    expect(testId('status')).toBeNull();
    await click(testId('collapse'));
    expect(props.onLayout).toHaveBeenCalledWith({ collapsed: false, width: 320 });
  });

  it('collapses from the panel header', async () => {
    const props = await mount({ state: ready() });
    expect(testId('collapse')!.getAttribute('aria-expanded')).toBe('true');
    await click(testId('collapse'));
    expect(props.onLayout).toHaveBeenCalledWith({ collapsed: true, width: 320 });
  });

  it('resizes from the keyboard within bounds', async () => {
    const props = await mount({ state: ready(), layout: { collapsed: false, width: 550 } });
    const handle = $('[role="separator"]')!;
    await act(() => {
      handle.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    });
    expect(props.onLayout).toHaveBeenCalledWith({ collapsed: false, width: 560 });
  });

  it('offers retry on an error', async () => {
    const props = await mount({ state: { status: 'error', message: 'Rapport did not answer.' } });
    expect(testId('sidebar')!.dataset.state).toBe('error');
    await click($$('button').find((b) => b.textContent === 'Try again')!);
    expect(props.onRefresh).toHaveBeenCalledTimes(1);
  });

  it('when the email cannot be read, says so and lets the user find the account by hand', async () => {
    const { send, calls } = fakeSend({
      searchAccounts: () => [
        {
          id: 'acc-northwind',
          name: 'Northwind Logistics',
          domains: [],
          stage: 'cooperative',
          potential: 'high',
          nextAction: null,
        },
      ],
      getAccount: () => view(),
    });
    vi.useFakeTimers();
    try {
      await mount({ state: { status: 'unreadable', reason: 'No sender found' }, send });
      expect(testId('status')!.textContent).toBe('Rapport could not read this email');
      await type($('input[type="search"]'), 'northwind');
      await act(() => {
        vi.advanceTimersByTime(250);
      });
      await act(async () => {});
      await click($('.rp-result'));
      await act(async () => {});
    } finally {
      vi.useRealTimers();
    }
    expect(calls.map((c) => c.name)).toEqual(['searchAccounts', 'getAccount']);
    expect(testId('account-name')!.textContent).toBe('Northwind Logistics');
  });
});

describe("sidebar, a page it cannot read, in the host's words", () => {
  const said = async (state: SidebarState) => {
    await mount({ state });
    return testId('status')!.textContent;
  };
  it('names the CRM record as the CRM does, and never calls a CRM page an email', async () => {
    const reason = 'no layer finds its name';
    expect(
      await said({ status: 'unreadable', reason, host: 'pipedrive', thing: 'organization' }),
    ).toBe('Rapport could not read this Pipedrive organization');
    expect(await said({ status: 'unreadable', reason, host: 'pipedrive', thing: 'deal' })).toBe(
      'Rapport could not read this Pipedrive deal',
    );
    // A read that failed outright says nothing of what the page shows: still not "this email".
    expect(await said({ status: 'unreadable', reason, host: 'pipedrive' })).toBe(
      'Rapport could not read this Pipedrive page',
    );
    expect(await said({ status: 'unreadable', reason, host: 'salesforce', thing: 'email' })).toBe(
      'Rapport could not read this Salesforce page',
    );
    expect(await said({ status: 'unreadable', reason, host: 'outlook' })).toBe(
      'Rapport could not read this email',
    );
    expect(await said({ status: 'unreadable', reason, host: 'gmail' })).toBe(
      'Rapport could not read this email',
    );
  });
});

describe('sidebar, the account at a glance and from where the user is', () => {
  it('sums up the profile and the last stage move with its reason, and links to the full account', async () => {
    const told = view({
      account: account({
        profile: { goals: 'Cut transit times by 15%', painPoints: '', opportunities: 'Rotterdam' },
      }),
      stageChanges: [
        {
          id: 'stg-2',
          accountId: 'acc-northwind',
          from: 'tactical',
          to: 'cooperative',
          at: Date.now() - 3 * 86_400_000,
          reason: 'Second site signed',
        },
      ],
    });
    await mount({
      state: ready({ matches: [{ ...told, matchedBy: 'email', threadEmails: [] }] }),
    });
    const profile = testId('profile')!;
    expect([...profile.querySelectorAll('dt')].map((d) => d.textContent)).toEqual([
      'Goals',
      'Opportunities',
    ]);
    expect(profile.textContent).toContain('Cut transit times by 15%');
    expect(testId('stage-last')!.textContent).toMatch(
      /^Moved up to Cooperative on .+Second site signed$/,
    );
    const open = testId('open-account') as HTMLAnchorElement;
    expect(open.getAttribute('href')).toBe('/accounts.html#account=acc-northwind');
    expect(open.target).toBe('_blank');
  });

  it('offers "Add person" in the single-threaded warning, and adds someone not on the thread', async () => {
    const only = view({ people: [person('per-anna', 'Anna Keller', 'anna@northwind.co.uk')] });
    const { send, calls } = fakeSend({
      upsertPerson: () => ({ ...person('per-new', 'Lena Wolf', 'lena@northwind.co.uk') }),
    });
    const props = await mount({
      send,
      state: ready({ matches: [{ ...only, matchedBy: 'email', threadEmails: [] }] }),
    });
    await click(testId('add-person-warn'));
    const form = $('form[aria-label="Add person"]');
    expect(document.activeElement).toBe(form!.querySelector('input[name="person-name"]'));
    await type(form!.querySelector('[name="person-name"]'), '  Lena Wolf ');
    await type(form!.querySelector('[name="person-email"]'), 'lena@northwind.co.uk');
    await type(form!.querySelector('[name="person-title"]'), 'CFO');
    await choose(form!.querySelector('select'), 'decision_maker');
    await submit(form);
    expect(calls).toEqual([
      {
        name: 'upsertPerson',
        request: {
          accountId: 'acc-northwind',
          name: 'Lena Wolf',
          emails: ['lena@northwind.co.uk'],
          title: 'CFO',
          role: 'decision_maker',
        },
      },
    ]);
    expect(props.onRefresh).toHaveBeenCalled();
    expect($('form[aria-label="Add person"]')).toBeNull();
  });

  it('renames the account and edits its domains, refusing what checkDomains refuses', async () => {
    let problems: unknown[] = [
      { input: 'gmail.com', domain: 'gmail.com', problem: 'free_mail' },
      { input: 'globex.com', domain: 'globex.com', problem: 'taken', account: 'Globex' },
    ];
    const { send, calls } = fakeSend({
      checkDomains: () => ({ domains: ['northwind.co.uk', 'nw-freight.com'], problems }),
      updateAccount: () => account({ name: 'Northwind Group' }),
    });
    await mount({ send, state: ready() });
    await click(testId('edit-account'));
    const form = $('form[aria-label="Edit account"]')!;
    const name = form.querySelector<HTMLInputElement>('[name="account-name"]')!;
    expect(document.activeElement).toBe(name);
    await type(name, 'Northwind Group');
    await type(
      form.querySelector('[name="account-domains"]'),
      'northwind.co.uk, gmail.com globex.com',
    );
    await submit(form);
    await settle();
    expect(testId('domain-error')!.textContent).toBe(
      'gmail.com is free mail, shared by everyone: it cannot identify one company.' +
        'globex.com already belongs to the account “Globex”.',
    );
    expect(calls.map((c) => c.name)).toEqual(['checkDomains']);
    expect(calls[0]!.request).toEqual({
      accountId: 'acc-northwind',
      domains: ['northwind.co.uk', 'gmail.com', 'globex.com'],
    });

    problems = [];
    await type(form.querySelector('[name="account-domains"]'), 'northwind.co.uk, nw-freight.com');
    await submit(form);
    await settle();
    expect(calls.map((c) => c.name)).toEqual(['checkDomains', 'checkDomains', 'updateAccount']);
    expect(calls[2]!.request).toEqual({
      id: 'acc-northwind',
      patch: { name: 'Northwind Group', domains: ['northwind.co.uk', 'nw-freight.com'] },
      base: { name: 'Northwind Logistics', domains: ['northwind.co.uk'] },
    });
    // Saved: the form closes and focus is back on the account's name.
    expect($('form[aria-label="Edit account"]')).toBeNull();
    expect(document.activeElement).toBe(testId('edit-account'));
  });

  it('starts the tab order at the account name, not at the resize handle', async () => {
    await mount({ state: ready() });
    const focusable = $$('button, [tabindex="0"], a[href], input, select, textarea');
    expect(focusable[0]).toBe(testId('edit-account'));
    expect(focusable.indexOf($('.rp-resize')!)).toBe(focusable.length - 1);
  });
});

describe('sidebar, bidi controls in text from the page reorder nothing beside them', () => {
  /** The inline elements that components/bidi.css makes bidi isolates (what <bdi> is). */
  const ISOLATING = /:where\(([^)]*)\)\s*\{\s*unicode-bidi:\s*isolate;/.exec(
    readFileSync('components/bidi.css', 'utf8'),
  )![1]!;
  const OVERRIDE = '\u202Egnp.exe';

  it('each name, subject, note and summary sits in an isolating element, with nothing after it there', async () => {
    const hostile = view({
      account: account({ name: `${OVERRIDE} account` }),
      people: [person('per-x', `${OVERRIDE} person`, 'x@northwind.co.uk', { title: OVERRIDE })],
      activities: [
        {
          id: 'act-x',
          accountId: 'acc-northwind',
          personIds: [],
          kind: 'email',
          at: Date.now(),
          summary: `${OVERRIDE} summary`,
          outcome: '',
          source: { host: 'gmail', url: 'https://mail.google.com/x', subject: OVERRIDE },
        },
      ],
    });
    await mount({
      state: {
        status: 'ready',
        context: {
          ...context,
          participants: [{ email: 'new@northwind.co.uk', name: `${OVERRIDE} newcomer` }],
          thread: { id: 'x', subject: OVERRIDE },
        },
        result: {
          matches: [{ ...hostile, matchedBy: 'email', threadEmails: ['new@northwind.co.uk'] }],
          unknown: [
            {
              email: 'evil@globex.io',
              name: `${OVERRIDE} sender`,
              domain: 'globex.io',
              freeMail: false,
            },
          ],
          dueCount: 0,
        },
      },
    });
    const walker = document.createTreeWalker(host, NodeFilter.SHOW_TEXT);
    const runs: Text[] = [];
    while (walker.nextNode()) {
      if (walker.currentNode.textContent!.includes('\u202E')) runs.push(walker.currentNode as Text);
    }
    const shown = runs.map((r) => r.textContent!.replace(OVERRIDE, '').trim());
    for (const kind of ['account', 'person', 'summary', 'newcomer', 'sender'])
      expect(shown, `the ${kind} name is shown`).toContain(kind);
    for (const run of runs) {
      const parent = run.parentElement!;
      expect(
        parent.matches(ISOLATING),
        `<${parent.localName} class="${parent.className}"> isolates`,
      ).toBe(true);
      let after = run.nextSibling;
      for (; after; after = after.nextSibling) {
        expect(after.textContent!.trim(), `text after "${run.textContent}"`).toBe('');
      }
    }
  });
});

describe('sidebar, the account plan', () => {
  const objective = (id: string, outcome: string, status: Objective['status']): Objective => ({
    id,
    accountId: 'acc-northwind',
    outcome,
    measure: '',
    target: '',
    due: null,
    status,
    statusAt: 1,
    createdAt: 1,
  });
  const objectives = [
    objective('obj-1', 'Transit times down 15%', 'on_track'),
    objective('obj-2', 'Invoices right first time', 'at_risk'),
    objective('obj-3', 'Rail freight pilot', 'dropped'),
  ];
  const planned = (patch: Partial<AccountView> = {}) =>
    ready({
      matches: [{ ...view({ objectives, ...patch }), matchedBy: 'email', threadEmails: [] }],
    });

  it('shows the objectives in the plan, one line each with its status, and the progress', async () => {
    await mount({ state: planned() });
    expect(testId('objectives-progress')!.textContent).toBe('0 of 2 done · 1 at risk');
    const lines = [...testId('objectives')!.querySelectorAll('li')].map((li) => li.textContent);
    expect(lines).toEqual(['Transit times down 15%On track', 'Invoices right first timeAt risk']);
  });

  it('shows nothing of the plan when no objective is in it', async () => {
    await mount({ state: planned({ objectives: [objectives[2]!] }) });
    expect(testId('objectives')).toBeNull();
  });

  it('links a new decision to an objective in the plan (a dropped one is not offered)', async () => {
    const { send, calls } = fakeSend();
    await mount({ state: planned(), send });
    await click($$('button').find((b) => b.textContent === 'Add decision')!);
    const pick = testId('objective-pick') as HTMLSelectElement;
    expect([...pick.options].map((o) => o.value)).toEqual(['', 'obj-1', 'obj-2']);
    await type($('form.rp-form input')!, 'Moved customs brokerage to us');
    await choose(pick, 'obj-2');
    await submit($('form.rp-form'));
    expect(calls[0]).toMatchObject({
      name: 'addDecision',
      request: { what: 'Moved customs brokerage to us', objectiveId: 'obj-2' },
    });
  });

  it('keeps the objective a next action serves when it is edited', async () => {
    const linked = { ...view().account.nextAction!, objectiveId: 'obj-1' };
    const { send, calls } = fakeSend();
    await mount({ state: planned({ account: { ...view().account, nextAction: linked } }), send });
    await click($$('button').find((b) => b.textContent === 'Edit')!);
    expect((testId('objective-pick') as HTMLSelectElement).value).toBe('obj-1');
    await submit(testId('next-form')!.closest('form'));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.request).toMatchObject({ nextAction: { objectiveId: 'obj-1' }, base: linked });
  });

  it('unlinks a next action from its objective when None is chosen', async () => {
    const linked = { ...view().account.nextAction!, objectiveId: 'obj-1' };
    const { send, calls } = fakeSend();
    await mount({ state: planned({ account: { ...view().account, nextAction: linked } }), send });
    await click($$('button').find((b) => b.textContent === 'Edit')!);
    await choose(testId('objective-pick'), '');
    await type(testId('next-form')!.querySelector('input[name="next"]'), 'Call Anna back');
    await submit(testId('next-form')!.closest('form'));
    const sent = calls[0]!.request as { nextAction: NextAction };
    expect(sent.nextAction.text).toBe('Call Anna back');
    expect(sent.nextAction.objectiveId).toBeUndefined();
  });
});
