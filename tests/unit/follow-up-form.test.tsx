// The follow-up form, the undo toast and their wiring in the sidebar, with a fake `send`:
// what is prefilled, what each key does, and exactly what is asked of the background.
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { FollowUpForm, type FollowUpFormProps } from '@/components/follow-up-form';
import { Sidebar } from '@/components/sidebar';
import type { Send, SidebarProps, SidebarState } from '@/components/sidebar-types';
import { Toast, TOAST_MS } from '@/components/toast';
import type { AccountView, HostContext } from '@/utils/contract/messages';
import { fakeSend, PLAIN_LINES } from './fake-send';
import type { Account, ActivitySource, Person } from '@/utils/contract/model';
import { addDays } from '@/utils/shared/dates';
import { speak, text } from './fake-i18n';

/** A fixed clock (Date only: timers stay real unless a test fakes them). */
const NOW = new Date(2026, 10, 28, 10, 30).getTime();
const TODAY = '2026-11-28';

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  speak();
});

let host: HTMLElement | null = null;
afterEach(() => {
  if (host) {
    render(null, host);
    host.remove();
    host = null;
  }
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQcqHVtRzBk';

function account(patch: Partial<Account> = {}): Account {
  return {
    id: 'acc-northwind',
    name: 'Northwind Logistics',
    domains: ['northwind.co.uk'],
    stage: 'cooperative',
    potential: 'high',
    profile: { goals: '', painPoints: '', opportunities: '' },
    nextAction: { text: 'Send the Q1 volume proposal', due: TODAY, personId: 'per-anna' },
    cadenceDays: null,
    crmRefs: [],
    createdAt: 1,
    updatedAt: 1,
    revision: 4,
    ...patch,
  };
}

function person(id: string, name: string, email: string): Person {
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
  };
}

const people = [
  person('per-anna', 'Anna Keller', 'anna.keller@northwind.co.uk'),
  person('per-tom', 'Tom Reyes', 'tom.reyes@mail.northwind.co.uk'),
];

const source: ActivitySource = {
  host: 'gmail',
  url: THREAD_URL,
  threadId: '1a2c4e6f80b1d3a5',
  subject: 'Q1 renewal: volumes and pricing',
};

const logged = () => ({ activity: { id: 'act-new' }, account: {} });

async function mount(node: ComponentChild) {
  host = document.createElement('div');
  document.body.append(host);
  await act(() => render(node, host!));
}

async function mountForm(props: Partial<FollowUpFormProps> = {}) {
  const { send, calls } = fakeSend({ logActivity: logged });
  const full: FollowUpFormProps = {
    account: account(),
    people,
    threadEmails: ['anna.keller@northwind.co.uk'],
    source,
    send,
    reload: vi.fn(),
    onSaved: vi.fn(),
    onClose: vi.fn(),
    ...props,
  };
  await mount(<FollowUpForm {...full} />);
  return { props: full, calls };
}

const $ = <E extends Element = HTMLElement>(selector: string) => host!.querySelector<E>(selector);
const $$ = (selector: string) => [...host!.querySelectorAll<HTMLElement>(selector)];
const field = <E extends Element = HTMLInputElement>(name: string) => $<E>(`[name="${name}"]`)!;
const button = (label: string) => $$('button').find((b) => b.textContent === label);
const errors = () => $$('[role="alert"]').map((e) => e.textContent);

/** Lets every pending answer of the fake `send` arrive and the form re-render. */
const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

async function type(el: Element | null, value: string) {
  expect(el, 'field to type in').not.toBeNull();
  await act(() => {
    const input = el as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function press(el: Element | null, key: string, init: KeyboardEventInit = {}) {
  expect(el, 'element to press a key in').not.toBeNull();
  await act(() => {
    el!.dispatchEvent(
      new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }),
    );
  });
  await settle();
}

async function click(el: Element | null | undefined) {
  expect(el, 'element to click').toBeTruthy();
  await act(() => (el as HTMLElement).click());
  await settle();
}

/** How the due field writes a day in English (the tests' UI language): mm/dd/yyyy. */
const typed = (day: string) => `${day.slice(5, 7)}/${day.slice(8)}/${day.slice(0, 4)}`;

const current = account().nextAction!;
const choiceOf = () => $$('[name="choice"]').find((r) => (r as HTMLInputElement).checked);
const request = (calls: { request: unknown }[]) => calls[0]!.request as Record<string, unknown>;

describe('follow-up form: prefilled', () => {
  it('starts from the thread: email, its subject, who of the account is on it, its link', async () => {
    await mountForm();
    const form = $('form')!;
    expect(form.getAttribute('aria-label')).toBe('Log follow-up');
    expect(field('summary').value).toBe('Q1 renewal: volumes and pricing');
    expect(field<HTMLSelectElement>('kind').value).toBe('email');
    expect(
      [...form.querySelectorAll<HTMLOptionElement>('[name="kind"] option')].map((o) => o.value),
    ).toEqual(['email', 'call', 'meeting', 'note']);
    const boxes = $$('[name="person"]') as HTMLInputElement[];
    expect(boxes.map((b) => [b.value, b.checked])).toEqual([
      ['per-anna', true],
      ['per-tom', false],
    ]);
    expect(form.textContent).toContain('Linked to the email “Q1 renewal: volumes and pricing”');
    // Focus lands in the form, on what happened.
    expect(document.activeElement).toBe(field('summary'));
    expect(errors()).toEqual([]);
  });

  it('shows the current next action and asks what becomes of it: Keep unless told', async () => {
    await mountForm();
    expect($('[data-testid="current-next"]')!.textContent).toBe(
      'Send the Q1 volume proposal Due today',
    );
    const group = $('[role="radiogroup"]')!;
    expect(group.getAttribute('aria-label')).toBe(text('followUpChoice'));
    const radios = $$('[name="choice"]') as HTMLInputElement[];
    expect(
      radios.map((r) => [r.value, r.type, r.checked, r.closest('label')!.textContent]),
    ).toEqual([
      ['done', 'radio', false, 'Done'],
      ['keep', 'radio', true, 'Keep'],
      ['replace', 'radio', false, 'Replace'],
    ]);
    // Nothing new written: no due day to pick.
    expect(field('next').value).toBe('');
    expect($('[name="due"]')).toBeNull();
  });

  it('typing a new next action selects Replace and shows the due day, per cadence', async () => {
    await mountForm();
    await type(field('next'), 'Call Anna about pallets');
    expect((choiceOf() as HTMLInputElement).value).toBe('replace');
    expect(field('due').value).toBe(typed(addDays(TODAY, 21)));
    const pressed = $$('[data-preset]').filter((b) => b.getAttribute('aria-pressed') === 'true');
    expect(pressed.map((b) => b.dataset.preset)).toEqual(['cadence']);
    // Cleared again: back to Keep, since Replace came from typing.
    await type(field('next'), '  ');
    expect((choiceOf() as HTMLInputElement).value).toBe('keep');
  });

  it('uses the account’s own cadence, else the user’s setting for its stage', async () => {
    await mountForm({ account: account({ cadenceDays: 10 }), cadence: { cooperative: 5 } });
    await type(field('next'), 'Call');
    expect(field('due').value).toBe(typed(addDays(TODAY, 10)));
    render(null, host!);
    host!.remove();
    await mountForm({ cadence: { cooperative: 5 } });
    await type(field('next'), 'Call');
    expect(field('due').value).toBe(typed(addDays(TODAY, 5)));
  });

  it('without a next action: no choice to make, an empty field that sets one', async () => {
    await mountForm({ account: account({ nextAction: null }) });
    expect($('[name="choice"]')).toBeNull();
    expect(field('next').value).toBe('');
    expect(field('next').placeholder).toBe(text('followUpNextHint'));
  });
});

describe('follow-up form: what becomes of the next action', () => {
  it('Enter saves at once with Keep: the next action does not move', async () => {
    const { props, calls } = await mountForm();
    await press(field('summary'), 'Enter');
    expect(calls).toEqual([
      {
        name: 'logActivity',
        request: {
          activity: {
            accountId: 'acc-northwind',
            personIds: ['per-anna'],
            kind: 'email',
            at: NOW,
            summary: 'Q1 renewal: volumes and pricing',
            source,
          },
          next: { choice: 'keep' },
        },
      },
    ]);
    // Undo then only deletes the activity.
    expect(props.onSaved).toHaveBeenCalledWith({
      message: 'toastLogged',
      accountId: 'acc-northwind',
      activityId: 'act-new',
    });
    expect(props.reload).toHaveBeenCalledTimes(1);
  });

  it('Done logs it as done; Undo can bring it back', async () => {
    const { props, calls } = await mountForm();
    const keep = $<HTMLInputElement>('[name="choice"][value="keep"]')!;
    const done = $<HTMLInputElement>('[name="choice"][value="done"]')!;
    await click(done);
    expect(keep.checked).toBe(false);
    expect(done.checked).toBe(true);
    // The field below now asks for the one after it, which may stay empty.
    expect(field('next').closest('label')!.textContent).toContain(text('followUpThenNext'));
    await press(field('summary'), 'Enter');
    expect(request(calls).next).toEqual({ choice: 'done', seen: current });
    expect(props.onSaved).toHaveBeenCalledWith({
      message: 'toastLoggedDone',
      accountId: 'acc-northwind',
      activityId: 'act-new',
      previous: current,
    });
  });

  it('Done and a next one: both in one write', async () => {
    const { calls } = await mountForm();
    await click($('[name="choice"][value="done"]'));
    await type(field('next'), 'Book the Q1 review');
    // Typing after Done keeps Done: the next one follows the done one.
    expect((choiceOf() as HTMLInputElement).value).toBe('done');
    await click($('[data-preset="week"]'));
    await press(field('next'), 'Enter');
    expect(request(calls).next).toEqual({
      choice: 'done',
      seen: current,
      then: { text: 'Book the Q1 review', due: '2026-12-05', sourceUrl: THREAD_URL },
    });
  });

  it('Replace: what the user changed, kind, people, outcome and the new action', async () => {
    const { props, calls } = await mountForm();
    await act(() => {
      const kind = field<HTMLSelectElement>('kind');
      kind.value = 'call';
      kind.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await click($('[value="per-tom"]'));
    await type(field('summary'), '  Called Anna about volumes ');
    await type(field<HTMLTextAreaElement>('outcome'), 'She wants the price per pallet.');
    await type(field('next'), 'Send the pallet price');
    await click($('[data-preset="week"]'));
    // Enter from the kind select saves too.
    await press(field('kind'), 'Enter');
    expect(calls).toEqual([
      {
        name: 'logActivity',
        request: {
          activity: {
            accountId: 'acc-northwind',
            personIds: ['per-anna', 'per-tom'],
            kind: 'call',
            at: NOW,
            summary: 'Called Anna about volumes',
            outcome: 'She wants the price per pallet.',
            source,
          },
          // Another action: the old one's person does not carry over.
          next: {
            choice: 'replace',
            seen: current,
            nextAction: { text: 'Send the pallet price', due: '2026-12-05', sourceUrl: THREAD_URL },
          },
        },
      },
    ]);
    expect(props.onSaved).toHaveBeenCalledWith({
      message: 'toastLogged',
      accountId: 'acc-northwind',
      activityId: 'act-new',
      previous: current,
    });
  });

  it('Replace chosen with nothing written says what is missing, and sends nothing', async () => {
    const { calls } = await mountForm();
    await click($('[name="choice"][value="replace"]'));
    expect(document.activeElement).toBe(field('next'));
    await press(field('next'), 'Enter');
    expect(errors()).toEqual([text('followUpErrorReplace')]);
    expect(calls).toEqual([]);
  });

  it('clicking Keep drops what was typed for a new action', async () => {
    const { calls } = await mountForm();
    await type(field('next'), 'Something');
    await click($('[name="choice"][value="keep"]'));
    expect(field('next').value).toBe('');
    await press(field('summary'), 'Enter');
    expect(request(calls).next).toEqual({ choice: 'keep' });
  });

  it('without a next action, words typed set one (Replace of nothing)', async () => {
    const { calls } = await mountForm({ account: account({ nextAction: null }) });
    await type(field('next'), 'Call Anna');
    await press(field('next'), 'Enter');
    expect(request(calls).next).toEqual({
      choice: 'replace',
      seen: null,
      nextAction: { text: 'Call Anna', due: addDays(TODAY, 21), sourceUrl: THREAD_URL },
    });
  });

  it('Enter in the outcome is a new line; Ctrl+Enter or Cmd+Enter there saves', async () => {
    const { calls } = await mountForm();
    const outcome = field<HTMLTextAreaElement>('outcome');
    await press(outcome, 'Enter');
    expect(calls).toEqual([]);
    await press(outcome, 'Enter', { ctrlKey: true });
    expect(calls.map((c) => c.name)).toEqual(['logActivity']);

    render(null, host!);
    host!.remove();
    const second = await mountForm();
    await press(field<HTMLTextAreaElement>('outcome'), 'Enter', { metaKey: true });
    expect(second.calls.map((c) => c.name)).toEqual(['logActivity']);
  });

  it('from the popup: no thread, no source, and what happened is the user’s to write', async () => {
    const { calls } = await mountForm({ source: undefined, threadEmails: undefined });
    expect(field('summary').value).toBe('');
    expect($$('[name="person"]').map((b) => (b as HTMLInputElement).checked)).toEqual([
      false,
      false,
    ]);
    await press(field('summary'), 'Enter');
    expect(errors()).toEqual([text('followUpErrorSummary')]);
    await type(field('summary'), 'Agreed the agenda');
    await press(field('summary'), 'Enter');
    expect(calls[0]!.request).toEqual({
      activity: {
        accountId: 'acc-northwind',
        personIds: [],
        kind: 'email',
        at: NOW,
        summary: 'Agreed the agenda',
      },
      next: { choice: 'keep' },
    });
  });

  it('Escape closes, sending nothing', async () => {
    const { props, calls } = await mountForm();
    await press(field('next'), 'Escape');
    expect(props.onClose).toHaveBeenCalledTimes(1);
    expect(calls).toEqual([]);
  });

  it('shows why the background refused, and stays open', async () => {
    const refused = { ok: false, error: 'Rapport did not answer.', code: 'disconnected' };
    const { send } = fakeSend({ logActivity: () => refused });
    const { props } = await mountForm({ send });
    await press(field('summary'), 'Enter');
    expect(errors()).toEqual(['Not saved: Rapport did not answer.']);
    expect(props.onSaved).not.toHaveBeenCalled();
  });
});

describe('follow-up form: due days', () => {
  it('presets show their dates; weekdays of this week and next can be picked', async () => {
    await mountForm();
    await type(field('next'), 'Call');
    expect($$('[data-preset]').map((b) => b.textContent)).toEqual([
      'Tomorrow · Sun, Nov 29',
      'In 3 days · Tue, Dec 1',
      'Next week · Sat, Dec 5',
      'Cadence: 21 d · Sat, Dec 19',
    ]);
    const weekday = field<HTMLSelectElement>('weekday');
    const groups = [...weekday.querySelectorAll('optgroup')].map((g) => [
      g.label,
      [...g.querySelectorAll('option')].map((o) => `${o.value} ${o.textContent}`),
    ]);
    // Saturday 28 November: nothing left of this working week.
    expect(groups).toEqual([
      [
        'Next week',
        [
          '2026-11-30 Mon, Nov 30',
          '2026-12-01 Tue, Dec 1',
          '2026-12-02 Wed, Dec 2',
          '2026-12-03 Thu, Dec 3',
          '2026-12-04 Fri, Dec 4',
        ],
      ],
    ]);
    await act(() => {
      weekday.value = '2026-12-02';
      weekday.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(field('due').value).toBe('12/02/2026');
    expect($('[data-testid="due-reads"]')!.textContent).toBe('Reads as Wed, Dec 2');
  });

  it('a typed day is read in the UI language’s order', async () => {
    const { calls } = await mountForm();
    await type(field('next'), 'Call');
    expect(field('due').placeholder).toBe('mm/dd/yyyy');
    await type(field('due'), '12/24');
    expect($('[data-testid="due-reads"]')!.textContent).toBe('Reads as Thu, Dec 24');
    expect($$('[data-preset]').some((b) => b.getAttribute('aria-pressed') === 'true')).toBe(false);
    await press(field('summary'), 'Enter');
    expect((request(calls).next as { nextAction: { due: string } }).nextAction.due).toBe(
      '2026-12-24',
    );
  });

  it('a day that does not parse is refused with the pattern and an example; nothing sent', async () => {
    const { calls } = await mountForm();
    await type(field('next'), 'Call');
    for (const bad of ['24.12.2026', '13/01/2026', 'soon', '']) {
      await type(field('due'), bad);
      expect($('[data-testid="due-reads"]')!.textContent).toBe('');
      await press(field('summary'), 'Enter');
      expect(errors(), bad).toEqual(['Enter a real date as mm/dd/yyyy, for example 11/28/2026.']);
      expect(field('due').getAttribute('aria-invalid')).toBe('true');
    }
    expect(calls).toEqual([]);
  });

  it('an empty summary is refused', async () => {
    const { props, calls } = await mountForm();
    await type(field('summary'), '   ');
    await press(field('summary'), 'Enter');
    expect(errors()).toEqual([text('followUpErrorSummary')]);
    expect(field('summary').getAttribute('aria-invalid')).toBe('true');
    expect(calls).toEqual([]);
    expect(props.onSaved).not.toHaveBeenCalled();
  });

  it('a due date in the past asks first; Save anyway saves, another date drops the question', async () => {
    const { props, calls } = await mountForm();
    await type(field('next'), 'Call');
    await type(field('due'), '11/20/2026');
    await press(field('summary'), 'Enter');
    const ask = $('[data-testid="past-due"]')!;
    expect(ask.getAttribute('role')).toBe('alert');
    expect(ask.textContent).toContain('Nov 20 is in the past');
    expect(calls).toEqual([]);
    // The question takes focus, so Enter answers it.
    expect(document.activeElement).toBe(button('Save anyway'));

    await type(field('due'), '11/19/2026');
    expect($('[data-testid="past-due"]')).toBeNull();
    await press(field('summary'), 'Enter');
    expect(calls).toEqual([]);
    await click(button('Save anyway'));
    expect(calls).toHaveLength(1);
    expect((request(calls).next as { nextAction: { due: string } }).nextAction.due).toBe(
      '2026-11-19',
    );
    expect(props.onSaved).toHaveBeenCalledTimes(1);
  });

  it('in Russian: dd.mm.yyyy, Russian weekdays', async () => {
    vi.mocked(fakeBrowser.i18n.getUILanguage).mockReturnValue('ru');
    const { calls } = await mountForm();
    await type(field('next'), 'Позвонить');
    expect(field('due').value).toBe('19.12.2026');
    expect(field('due').placeholder).toBe('dd.mm.yyyy');
    expect($('[data-preset="week"]')!.textContent).toBe('Next week · сб, 5 дек.');
    await type(field('due'), '24.12.2026');
    await press(field('summary'), 'Enter');
    expect((request(calls).next as { nextAction: { due: string } }).nextAction.due).toBe(
      '2026-12-24',
    );
  });
});

describe('next-action editor (mode "next")', () => {
  it('needs a text, then writes setNextAction', async () => {
    const { calls } = await mountForm({ mode: 'next', fresh: true, source: undefined });
    expect($('[name="summary"]')).toBeNull();
    expect($('[name="choice"]')).toBeNull();
    expect(field('next').value).toBe('');
    expect(field('due').value).toBe(typed(addDays(TODAY, 21)));
    await press(field('next'), 'Enter');
    expect(errors()).toEqual([text('followUpErrorNextRequired')]);
    expect(calls).toEqual([]);
    await type(field('next'), 'Book the QBR');
    await click($('[data-preset="in3"]'));
    await press(field('next'), 'Enter');
    expect(calls).toEqual([
      {
        name: 'setNextAction',
        request: {
          accountId: 'acc-northwind',
          nextAction: { text: 'Book the QBR', due: '2026-12-01' },
          base: null,
        },
      },
    ]);
  });

  it('editing starts from the current action and its day', async () => {
    await mountForm({ mode: 'next', source: undefined });
    expect(field('next').value).toBe(current.text);
    expect(field('due').value).toBe(typed(TODAY));
  });
});

describe('undo toast', () => {
  const undo = {
    message: 'toastLogged' as const,
    accountId: 'acc-northwind',
    activityId: 'act-new',
    previous: account().nextAction,
  };

  it('says what happened in a polite live region; Undo deletes and restores', async () => {
    const { send, calls } = fakeSend();
    const onClose = vi.fn();
    const reload = vi.fn();
    await mount(<Toast undo={undo} send={send} reload={reload} onClose={onClose} />);
    expect($('[aria-live="polite"]')!.textContent).toContain('Follow-up logged.');
    const undoButton = $('[data-testid="undo"]')!;
    expect(undoButton.tagName).toBe('BUTTON');
    await click(undoButton);
    expect(calls).toEqual([
      { name: 'deleteActivity', request: { id: 'act-new' } },
      {
        name: 'setNextAction',
        request: { accountId: 'acc-northwind', nextAction: account().nextAction, base: null },
      },
    ]);
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('restores "no next action" too, and leaves it alone when the write did not touch it', async () => {
    const first = fakeSend();
    await mount(
      <Toast
        undo={{ ...undo, previous: null }}
        send={first.send}
        reload={vi.fn()}
        onClose={vi.fn()}
      />,
    );
    await click($('[data-testid="undo"]'));
    expect(first.calls[1]).toEqual({
      name: 'setNextAction',
      request: { accountId: 'acc-northwind', nextAction: null, base: null },
    });
    render(null, host!);
    host!.remove();

    const second = fakeSend();
    const { previous: _, ...untouched } = undo;
    await mount(<Toast undo={untouched} send={second.send} reload={vi.fn()} onClose={vi.fn()} />);
    await click($('[data-testid="undo"]'));
    expect(second.calls.map((c) => c.name)).toEqual(['deleteActivity']);
  });

  it('goes after about 8 seconds, but not while focus is on it', async () => {
    vi.useFakeTimers({ now: NOW });
    const onClose = vi.fn();
    await mount(<Toast undo={undo} send={fakeSend().send} reload={vi.fn()} onClose={onClose} />);
    await act(() => {
      vi.advanceTimersByTime(TOAST_MS - 100);
    });
    expect(onClose).not.toHaveBeenCalled();
    await act(() => {
      $('[data-testid="undo"]')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    });
    await act(() => {
      vi.advanceTimersByTime(TOAST_MS * 2);
    });
    expect(onClose).not.toHaveBeenCalled();
    await act(() => {
      $('[data-testid="undo"]')!.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    });
    await act(() => {
      vi.advanceTimersByTime(TOAST_MS);
    });
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(TOAST_MS).toBe(8000);
  });

  it('shows why Undo failed, and stays', async () => {
    const { send } = fakeSend({
      deleteActivity: () => ({ ok: false, error: 'That follow-up no longer exists.', code: 'x' }),
    });
    const onClose = vi.fn();
    await mount(<Toast undo={undo} send={send} reload={vi.fn()} onClose={onClose} />);
    await click($('[data-testid="undo"]'));
    expect(errors()).toEqual(['Not saved: That follow-up no longer exists.']);
    expect(onClose).not.toHaveBeenCalled();
  });
});

describe('in the sidebar', () => {
  const context: HostContext = {
    host: 'gmail',
    url: THREAD_URL,
    participants: [{ email: 'anna.keller@northwind.co.uk', name: 'Anna Keller' }],
    domains: [],
    names: [],
    thread: { id: '1a2c4e6f80b1d3a5', subject: 'Q1 renewal: volumes and pricing' },
  };
  const view = (patch: Partial<Account> = {}): AccountView => ({
    account: account(patch),
    people,
    activities: [],
    decisions: [],
    stageChanges: [],
    objectives: [],
    lastTouchedAt: null,
    ...PLAIN_LINES,
  });
  const ready = (v = view()): SidebarState => ({
    status: 'ready',
    context,
    result: {
      matches: [{ ...v, matchedBy: 'email', threadEmails: ['anna.keller@northwind.co.uk'] }],
      unknown: [],
      dueCount: 1,
    },
  });

  function sidebarProps(send: Send, patch: Partial<SidebarProps> = {}): SidebarProps {
    return {
      state: ready(),
      send,
      side: 'right',
      layout: { collapsed: false, width: 320 },
      onLayout: vi.fn(),
      onRefresh: vi.fn(),
      conversation: 'thread-1',
      ...patch,
    };
  }

  it('the Log follow-up button opens the form; saving shows the toast; Undo takes it back', async () => {
    const { send, calls } = fakeSend({ logActivity: logged });
    await mount(<Sidebar {...sidebarProps(send)} />);
    const log = $('[data-testid="log-follow-up"]')!;
    expect(log.textContent).toBe('Log follow-up');
    await click(log);
    expect($('[data-testid="follow-up"]')).not.toBeNull();
    expect(document.activeElement).toBe(field('summary'));
    await press(field('summary'), 'Enter');
    expect(calls.map((c) => c.name)).toEqual(['logActivity']);
    expect((calls[0]!.request as { activity: { source: unknown } }).activity.source).toEqual(
      source,
    );
    // The form closed, focus went back to its button, and the toast offers Undo.
    expect($('[data-testid="follow-up"]')).toBeNull();
    expect(document.activeElement).toBe($('[data-testid="log-follow-up"]'));
    expect($('[data-testid="toast"]')!.textContent).toContain('Follow-up logged.');
    await click($('[data-testid="undo"]'));
    // Keep: the next action was not touched, so Undo only deletes the follow-up.
    expect(calls.map((c) => c.name)).toEqual(['logActivity', 'deleteActivity']);
    expect($('[data-testid="toast"]')).toBeNull();
  });

  it('the shortcut expands a collapsed panel and opens the form with focus in it', async () => {
    const { send, calls } = fakeSend({ logActivity: logged });
    const props = sidebarProps(send, { layout: { collapsed: true, width: 320 } });
    await mount(<Sidebar {...props} />);
    await act(() => render(<Sidebar {...props} logRequest={1} />, host!));
    expect(props.onLayout).toHaveBeenCalledWith({ collapsed: false, width: 320 });
    // The host applies the layout it was asked for.
    await act(() =>
      render(
        <Sidebar {...props} logRequest={1} layout={{ collapsed: false, width: 320 }} />,
        host!,
      ),
    );
    expect($('[data-testid="follow-up"]')).not.toBeNull();
    expect(document.activeElement).toBe(field('summary'));
    await press(document.activeElement, 'Enter');
    expect(calls.map((c) => c.name)).toEqual(['logActivity']);
    // Re-rendering with the same count opens nothing again.
    await act(() =>
      render(
        <Sidebar {...props} logRequest={1} layout={{ collapsed: false, width: 320 }} />,
        host!,
      ),
    );
    expect($('[data-testid="follow-up"]')).toBeNull();
  });

  it('Mark done asks what it was (guessed from its words), logs that kind, asks for the next one', async () => {
    const { send, calls } = fakeSend({ completeNextAction: logged });
    await mount(<Sidebar {...sidebarProps(send)} />);
    await click($('[data-testid="done"]'));
    // "Send the Q1 volume proposal": an email.
    const kinds = $$('[name="done-kind"]') as HTMLInputElement[];
    expect(kinds.map((k) => [k.value, k.checked])).toEqual([
      ['email', true],
      ['call', false],
      ['meeting', false],
      ['note', false],
    ]);
    expect(calls).toEqual([]);
    // Focus is on the button that logs it: Mark done then Enter logs the guess.
    expect(document.activeElement).toBe($('[data-testid="done-confirm"]'));
    await click($('[name="done-kind"][value="call"]'));
    await click($('[data-testid="done-confirm"]'));
    expect(calls).toEqual([
      {
        name: 'completeNextAction',
        request: { accountId: 'acc-northwind', at: NOW, kind: 'call' },
      },
    ]);
    expect($('[data-testid="toast"]')!.textContent).toContain(text('toastDone'));
    const editor = $('[data-testid="next-form"]')!;
    expect(editor).not.toBeNull();
    expect(field('next').value).toBe('');
    expect(field('due').value).toBe(typed(addDays(TODAY, 21)));
    expect(document.activeElement).toBe(field('next'));
    await click($('[data-testid="undo"]'));
    expect(calls.slice(1)).toEqual([
      { name: 'deleteActivity', request: { id: 'act-new' } },
      {
        name: 'setNextAction',
        request: { accountId: 'acc-northwind', nextAction: account().nextAction, base: null },
      },
    ]);
  });

  it('Mark done then Escape or Cancel logs nothing', async () => {
    const { send, calls } = fakeSend({ completeNextAction: logged });
    await mount(<Sidebar {...sidebarProps(send)} />);
    await click($('[data-testid="done"]'));
    await press($('[data-testid="done-confirm"]'), 'Escape');
    expect($('[data-testid="done-as"]')).toBeNull();
    expect(calls).toEqual([]);
  });

  it('Snooze moves the next action to a preset day', async () => {
    const { send, calls } = fakeSend();
    await mount(<Sidebar {...sidebarProps(send)} />);
    const snooze = $('[data-testid="snooze"]')!;
    expect(snooze.getAttribute('aria-expanded')).toBe('false');
    await click(snooze);
    expect(snooze.getAttribute('aria-expanded')).toBe('true');
    const group = $(`[role="group"][aria-label="${text('sidebarSnoozeTo')}"]`)!;
    expect([...group.querySelectorAll('button')].map((b) => b.textContent)).toEqual([
      'Tomorrow · Sun, Nov 29',
      'In 3 days · Tue, Dec 1',
      'Next week · Sat, Dec 5',
    ]);
    await click(group.querySelector('[data-preset="tomorrow"]'));
    expect(calls).toEqual([
      {
        name: 'setNextAction',
        request: {
          accountId: 'acc-northwind',
          nextAction: { ...account().nextAction, due: '2026-11-29' },
          base: account().nextAction,
        },
      },
    ]);
    expect($(`[role="group"][aria-label="${text('sidebarSnoozeTo')}"]`)).toBeNull();
  });
});
