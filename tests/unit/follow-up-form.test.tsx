// The follow-up form, the undo toast and their wiring in the sidebar, with a fake `send`:
// what is prefilled, what each key does, and exactly what is asked of the background.
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import en from '@/public/_locales/en/messages.json';
import { FollowUpForm, type FollowUpFormProps } from '@/components/follow-up-form';
import { Sidebar } from '@/components/sidebar';
import type { Send, SidebarProps, SidebarState } from '@/components/sidebar-types';
import { Toast, TOAST_MS } from '@/components/toast';
import type { AccountView, HostContext, Result } from '@/utils/contract/messages';
import type { Account, ActivitySource, Person } from '@/utils/contract/model';
import { addDays } from '@/utils/shared/dates';

const messages = en as Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;
const text = (key: string) => messages[key]!.message;

/** chrome.i18n.getMessage over the English file, placeholders included. */
function getMessage(key: string, subs?: string | string[]): string {
  const entry = messages[key];
  if (!entry) return '';
  const list = subs === undefined ? [] : [subs].flat();
  return entry.message.replace(/\$([A-Z_]+)\$/gi, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (_m, i: string) => list[Number(i) - 1] ?? '');
  });
}

/** A fixed clock (Date only: timers stay real unless a test fakes them). */
const NOW = new Date(2026, 10, 28, 10, 30).getTime();
const TODAY = '2026-11-28';

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(getMessage as never);
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en');
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

type Answer = (request: never) => Result<unknown> | unknown;

/** A `send` that records every call and answers from `answers` (ok with {} by default). */
function fakeSend(answers: Record<string, Answer> = {}) {
  const calls: { name: string; request: unknown }[] = [];
  const fn = vi.fn(async (name: string, request: unknown) => {
    calls.push({ name, request });
    const answer = answers[name]?.(request as never);
    if (answer && typeof answer === 'object' && 'ok' in answer) return answer;
    return { ok: true, data: answer ?? {} };
  });
  return { send: fn as unknown as Send, calls };
}

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

const expectedNext = {
  text: 'Send the Q1 volume proposal',
  // Cooperative: the next touch is due 21 days on.
  due: addDays(TODAY, 21),
  personId: 'per-anna',
  sourceUrl: THREAD_URL,
};

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
    // The current next action is kept, moved on by the account's cadence.
    expect(field('next').value).toBe('Send the Q1 volume proposal');
    expect(field('due').value).toBe(addDays(TODAY, 21));
    const pressed = $$('[data-preset]').filter((b) => b.getAttribute('aria-pressed') === 'true');
    expect(pressed.map((b) => b.dataset.preset)).toEqual(['cadence']);
    expect($('[data-preset="cadence"]')!.textContent).toBe('Cadence: 21 d');
    // Focus lands in the form, on what happened.
    expect(document.activeElement).toBe(field('summary'));
    expect(errors()).toEqual([]);
  });

  it('uses the account’s own cadence, else the user’s setting for its stage', async () => {
    await mountForm({ account: account({ cadenceDays: 10 }), cadence: { cooperative: 5 } });
    expect(field('due').value).toBe(addDays(TODAY, 10));
    render(null, host!);
    host!.remove();
    await mountForm({ cadence: { cooperative: 5 } });
    expect(field('due').value).toBe(addDays(TODAY, 5));
  });

  it('leaves the next action empty when the account has none', async () => {
    await mountForm({ account: account({ nextAction: null }) });
    expect(field('next').value).toBe('');
    expect(field('next').placeholder).toBe(text('followUpNextHint'));
  });
});

describe('follow-up form: saving', () => {
  it('Enter saves at once: one logActivity with the thread, its people and the next action', async () => {
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
          nextAction: expectedNext,
        },
      },
    ]);
    expect(props.onSaved).toHaveBeenCalledWith({
      message: 'toastLogged',
      accountId: 'acc-northwind',
      activityId: 'act-new',
      previous: account().nextAction,
    });
    expect(props.reload).toHaveBeenCalledTimes(1);
  });

  it('saves what the user changed: kind, people, summary, outcome, another next action', async () => {
    const { calls } = await mountForm();
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
          nextAction: { text: 'Send the pallet price', due: '2026-12-05', sourceUrl: THREAD_URL },
        },
      },
    ]);
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

  it('with no next action text and an untouched due, logs and leaves the next action alone', async () => {
    const { props, calls } = await mountForm({ account: account({ nextAction: null }) });
    await press(field('summary'), 'Enter');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.request).not.toHaveProperty('nextAction');
    // Undo then only deletes the activity.
    expect(props.onSaved).toHaveBeenCalledWith({
      message: 'toastLogged',
      accountId: 'acc-northwind',
      activityId: 'act-new',
    });
  });

  it('from the popup: no thread, so no source; the summary starts from the due action', async () => {
    const { calls } = await mountForm({
      source: undefined,
      threadEmails: undefined,
      summary: 'Agree the QBR agenda',
    });
    expect(field('summary').value).toBe('Agree the QBR agenda');
    expect($$('[name="person"]').map((b) => (b as HTMLInputElement).checked)).toEqual([
      false,
      false,
    ]);
    await press(field('due'), 'Enter');
    expect(calls[0]!.request).toEqual({
      activity: {
        accountId: 'acc-northwind',
        personIds: [],
        kind: 'email',
        at: NOW,
        summary: 'Agree the QBR agenda',
      },
      nextAction: {
        text: 'Send the Q1 volume proposal',
        due: addDays(TODAY, 21),
        personId: 'per-anna',
      },
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

describe('follow-up form: bad input is refused with a message, nothing sent', () => {
  it('an empty summary', async () => {
    const { props, calls } = await mountForm();
    await type(field('summary'), '   ');
    await press(field('summary'), 'Enter');
    expect(errors()).toEqual([text('followUpErrorSummary')]);
    expect(field('summary').getAttribute('aria-invalid')).toBe('true');
    expect(calls).toEqual([]);
    expect(props.onSaved).not.toHaveBeenCalled();
  });

  it('an empty next action with a due date the user set', async () => {
    const { calls } = await mountForm();
    await type(field('next'), '');
    await click($('[data-preset="tomorrow"]'));
    await press(field('next'), 'Enter');
    expect(errors()).toEqual([text('followUpErrorNext')]);
    expect(calls).toEqual([]);

    // Typing the date counts as setting it, too.
    await type(field('due'), '2026-12-24');
    await click(button('Save'));
    expect(errors()).toEqual([text('followUpErrorNext')]);
    expect(calls).toEqual([]);
  });

  it('a due date that does not parse', async () => {
    const { calls } = await mountForm();
    const due = field('due');
    // A half-typed date reads as "" with badInput set.
    Object.defineProperty(due, 'validity', { value: { badInput: true }, configurable: true });
    await type(due, '');
    await press(field('summary'), 'Enter');
    expect(errors()).toEqual([text('followUpErrorDue')]);
    // Cleared: still no date for a next action that has text.
    Object.defineProperty(due, 'validity', { value: { badInput: false }, configurable: true });
    await type(due, '');
    await press(field('summary'), 'Enter');
    expect(errors()).toEqual([text('followUpErrorDue')]);
    expect(calls).toEqual([]);
  });

  it('a due date in the past asks first; Save anyway saves, another date drops the question', async () => {
    const { props, calls } = await mountForm();
    await type(field('due'), '2026-11-20');
    await press(field('summary'), 'Enter');
    const ask = $('[data-testid="past-due"]')!;
    expect(ask.getAttribute('role')).toBe('alert');
    expect(ask.textContent).toContain('Nov 20 is in the past');
    expect(calls).toEqual([]);
    // The question takes focus, so Enter answers it.
    expect(document.activeElement).toBe(button('Save anyway'));

    await type(field('due'), '2026-11-19');
    expect($('[data-testid="past-due"]')).toBeNull();
    await press(field('summary'), 'Enter');
    expect(calls).toEqual([]);
    await click(button('Save anyway'));
    expect(calls).toHaveLength(1);
    expect((calls[0]!.request as { nextAction: { due: string } }).nextAction.due).toBe(
      '2026-11-19',
    );
    expect(props.onSaved).toHaveBeenCalledTimes(1);
  });
});

describe('next-action editor (mode "next")', () => {
  it('needs a text, then writes setNextAction', async () => {
    const { calls } = await mountForm({ mode: 'next', fresh: true, source: undefined });
    expect($('[name="summary"]')).toBeNull();
    expect(field('next').value).toBe('');
    expect(field('due').value).toBe(addDays(TODAY, 21));
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
        },
      },
    ]);
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
        request: { accountId: 'acc-northwind', nextAction: account().nextAction },
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
      request: { accountId: 'acc-northwind', nextAction: null },
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
    lastTouchedAt: null,
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
    expect(calls.map((c) => c.name)).toEqual(['logActivity', 'deleteActivity', 'setNextAction']);
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

  it('Mark done logs it, offers Undo and asks for the next one, due per cadence', async () => {
    const { send, calls } = fakeSend({ completeNextAction: logged });
    await mount(<Sidebar {...sidebarProps(send)} />);
    await click($('[data-testid="done"]'));
    expect(calls).toEqual([
      { name: 'completeNextAction', request: { accountId: 'acc-northwind', at: NOW } },
    ]);
    expect($('[data-testid="toast"]')!.textContent).toContain(text('toastDone'));
    const editor = $('[data-testid="next-form"]')!;
    expect(editor).not.toBeNull();
    expect(field('next').value).toBe('');
    expect(field('due').value).toBe(addDays(TODAY, 21));
    expect(document.activeElement).toBe(field('next'));
    await click($('[data-testid="undo"]'));
    expect(calls.slice(1)).toEqual([
      { name: 'deleteActivity', request: { id: 'act-new' } },
      {
        name: 'setNextAction',
        request: { accountId: 'acc-northwind', nextAction: account().nextAction },
      },
    ]);
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
      'Tomorrow',
      'In 3 days',
      'Next week',
    ]);
    await click(group.querySelector('[data-preset="tomorrow"]'));
    expect(calls).toEqual([
      {
        name: 'setNextAction',
        request: {
          accountId: 'acc-northwind',
          nextAction: { ...account().nextAction, due: '2026-11-29' },
        },
      },
    ]);
    expect($(`[role="group"][aria-label="${text('sidebarSnoozeTo')}"]`)).toBeNull();
  });
});
