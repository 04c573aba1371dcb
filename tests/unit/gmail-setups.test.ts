/**
 * Gmail as people set it up (tests/fixtures/gmail/gmail-2026-12-05-*.html): a delegated mailbox, a
 * second signed-in account, the preview pane below the list, conversation view off, the pop-out
 * window, Gmail in Russian, the dark theme and compact density. For each, exact counts of what the
 * reader looks at, and exactly what it reads: the conversation, its people and the mailbox's own
 * address.
 */
import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_BUTTON,
  MAIN_VIEW,
  MESSAGE,
  PERSON_CHIP,
  THREAD_HEADING,
  gmailAdapter,
  isDelegatedUrl,
  isThreadUrl,
} from '@/utils/content/hosts/gmail';
import { loadHostFixture } from './host-fixtures';

const SAM = 'sam.carter@brightwave.io';
const ANNA = { email: 'anna.keller@northwind.co.uk', name: 'Anna Keller' };
const TOM = { email: 'tom.reyes@mail.northwind.co.uk', name: 'Tom Reyes' };
const HANK = { email: 'h.scorpio@globex.com', name: 'Hank Scorpio' };
const Q1 = 'Q1 renewal: volumes and pricing';

interface SetUp {
  /** Shown chips in the open conversation, its message blocks, and account buttons on the page. */
  counts: { chips: number; messages: number; accountButtons: number };
  key: string;
  subject: string;
  participants: { email: string; name: string }[];
  self: string;
}

const SETUPS: Record<string, SetUp> = {
  delegated: {
    counts: { chips: 4, messages: 2, accountButtons: 1 },
    key: '1a2c4e6f80b1d3a5',
    subject: Q1,
    participants: [ANNA, TOM],
    // The mailbox's own address, not the account that opened it.
    self: 'lee.morgan@brightwave.io',
  },
  'second-account': {
    counts: { chips: 4, messages: 2, accountButtons: 1 },
    key: '1a2c4e6f80b1d3a5',
    subject: Q1,
    participants: [ANNA, TOM],
    self: 'sam.carter@brightwave.eu',
  },
  'preview-below': {
    // The list shares the main view with the pane: its 13 chips are there, and never read.
    counts: { chips: 13 + 2, messages: 1, accountButtons: 1 },
    key: '1a2c51d8e3f7a604',
    subject: 'Globex rollout plan',
    participants: [HANK],
    self: SAM,
  },
  'conversation-view-off': {
    counts: { chips: 3, messages: 1, accountButtons: 1 },
    key: '1a2c7f13d5e90b42',
    subject: Q1,
    participants: [ANNA, TOM],
    self: SAM,
  },
  popout: {
    counts: { chips: 4, messages: 2, accountButtons: 0 },
    key: '1a2c4e6f80b1d3a5',
    subject: Q1,
    participants: [ANNA, TOM],
    // No Google bar in a pop-out: the title names the mailbox.
    self: SAM,
  },
  russian: {
    counts: { chips: 4, messages: 2, accountButtons: 1 },
    key: '1a2c4e6f80b1d3a5',
    subject: Q1,
    participants: [ANNA, TOM],
    self: SAM,
  },
  'dark-theme': {
    counts: { chips: 4, messages: 2, accountButtons: 1 },
    key: '1a2c4e6f80b1d3a5',
    subject: Q1,
    participants: [ANNA, TOM],
    self: SAM,
  },
  compact: {
    counts: { chips: 4, messages: 2, accountButtons: 1 },
    key: '1a2c4e6f80b1d3a5',
    subject: Q1,
    participants: [ANNA, TOM],
    self: SAM,
  },
};

const load = (state: string) => loadHostFixture('gmail', state, { date: '2026-12-05' });

describe.each(Object.entries(SETUPS))('Gmail set-up: %s', (state, expected) => {
  it('has exactly the markup its comment describes', () => {
    const { doc, html } = load(state);
    const main = Array.from(doc.querySelectorAll(MAIN_VIEW)).filter(
      (view) => !/display:\s*none/.test(view.getAttribute('style') ?? ''),
    );
    expect(main).toHaveLength(1);
    const view = main[0] as Element;
    expect(view.querySelectorAll(THREAD_HEADING)).toHaveLength(1);
    expect({
      chips: view.querySelectorAll(PERSON_CHIP).length,
      messages: view.querySelectorAll(MESSAGE).length,
      accountButtons: doc.querySelectorAll(ACCOUNT_BUTTON.join(', ')).length,
    }).toEqual(expected.counts);
    expect(html.length).toBeLessThan(40_000);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
  });

  it('reads the conversation, exactly its people, and the mailbox its own address', () => {
    const { doc, url } = load(state);
    expect(isThreadUrl(url)).toBe(true);
    expect(gmailAdapter.read(doc, url)).toEqual({
      status: 'open',
      key: expected.key,
      layer: 'person-chips',
      context: {
        host: 'gmail',
        url: url.href,
        participants: expected.participants,
        domains: [],
        names: [],
        thread: { id: expected.key, subject: expected.subject },
        selfEmail: expected.self,
      },
    });
  });
});

describe('what tells the set-ups apart', () => {
  it('a delegated mailbox is known by its URL, and only it', () => {
    expect(isDelegatedUrl(load('delegated').url)).toBe(true);
    for (const state of ['second-account', 'popout', 'russian'])
      expect(isDelegatedUrl(load(state).url)).toBe(false);
  });

  it('a delegated mailbox without the address in its title falls back to the account button', () => {
    const { doc, url } = load('delegated');
    doc.title = 'Q1 renewal: volumes and pricing - Brightwave Mail';
    const read = gmailAdapter.read(doc, url);
    expect(read.status === 'open' && read.context.selfEmail).toBe(SAM);
  });

  it('the pop-out window names its thread in a parameter; a pop-out without one is no thread', () => {
    const { url } = load('popout');
    expect(url.hash).toBe('');
    const bare = new URL(url.href);
    bare.searchParams.delete('th');
    expect(isThreadUrl(bare)).toBe(false);
    bare.searchParams.set('th', '#not-a-thread');
    expect(isThreadUrl(bare)).toBe(false);
  });

  it('in Russian, the user chip is named "я", and the user is still left out by address', () => {
    const { doc } = load('russian');
    const self = doc.querySelectorAll(`${MAIN_VIEW} ${PERSON_CHIP}[email="${SAM}"]`);
    expect(Array.from(self).map((chip) => chip.getAttribute('name'))).toEqual(['я']);
  });
});
