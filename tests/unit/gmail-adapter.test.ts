/**
 * The Gmail adapter against saved Gmail pages (tests/fixtures/gmail/): an exact count for every
 * selector in every fixture, then what read() makes of each page. Counts are exact on purpose: an
 * "at least one" check keeps passing when a selector starts matching the thread list too.
 */
import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_BUTTON,
  MAIN_VIEW,
  MESSAGE,
  PERSON_CHIP,
  SELF_CHIP,
  SENDER_CHIP,
  THREAD_HEADING,
  addressFromLabel,
  addressFromTitle,
  gmailAdapter,
  isGmailUrl,
  isThreadUrl,
  threadTokenFromUrl,
} from '@/utils/content/hosts/gmail';
import type { ReadResult } from '@/utils/content/hosts/types';
import { hostFixture, loadHostFixture } from './host-fixtures';

const STATES = [
  'thread',
  'split-pane',
  'internal-cc',
  'several-companies',
  'unknown-sender',
  'freemail-sender',
  'inbox',
  'compose',
  'xss-subject',
] as const;
type State = (typeof STATES)[number];

const fixture = (state: State) => hostFixture('gmail', state);
const load = (state: State) => loadHostFixture('gmail', state);

const SAM = 'sam.carter@brightwave.io';
const ANNA = { email: 'anna.keller@northwind.co.uk', name: 'Anna Keller' };
const TOM = { email: 'tom.reyes@mail.northwind.co.uk', name: 'Tom Reyes' };
const HANK = { email: 'h.scorpio@globex.com', name: 'Hank Scorpio' };
const PRIYA = { email: 'priya.shah@initech-systems.com', name: 'Priya Shah' };
const JORDAN = { email: 'jordan.lee@gmail.com', name: 'Jordan Lee' };
const LEE = { email: 'lee.morgan@brightwave.io', name: 'Lee Morgan' };

describe('fixtures', () => {
  it.each(STATES)('%s is a whole page under 40 KB with a Gmail URL comment on top', (state) => {
    const { html, url } = fixture(state);
    expect(html.startsWith('<!-- url: https://mail.google.com/mail/u/0/#')).toBe(true);
    expect(html.length).toBeLessThan(40_000);
    expect(isGmailUrl(url)).toBe(true);
    const { doc } = load(state);
    expect(doc.querySelectorAll('header[role="banner"]')).toHaveLength(1);
    expect(doc.querySelectorAll('[role="navigation"]').length).toBeGreaterThan(0);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
  });
});

/** Every selector constant (each variant of an array on its own), counted over the whole page. */
const SELECTORS: Record<string, string> = {
  MAIN_VIEW,
  THREAD_HEADING,
  MESSAGE,
  PERSON_CHIP,
  SENDER_CHIP,
  SELF_CHIP,
  ...Object.fromEntries(ACCOUNT_BUTTON.map((s, i) => [`ACCOUNT_BUTTON[${i}]`, s])),
};

// Whole-page counts: the thread list's chips are counted too (13 in the inbox list: ten rows, one
// with Anna and "me", one with Anna, Hank and Priya), which is why the adapter must never read them.
const COUNTS: Record<State, Record<string, number>> = {
  // hidden inbox list (13 chips) + collapsed Anna (1) + expanded Anna, me, Tom (3)
  thread: {
    MAIN_VIEW: 1,
    THREAD_HEADING: 1,
    MESSAGE: 2,
    PERSON_CHIP: 17,
    SENDER_CHIP: 2,
    SELF_CHIP: 2,
    'ACCOUNT_BUTTON[0]': 1,
    'ACCOUNT_BUTTON[1]': 1,
  },
  // visible inbox list (13) + Hank, me (2)
  'split-pane': {
    MAIN_VIEW: 1,
    THREAD_HEADING: 1,
    MESSAGE: 1,
    PERSON_CHIP: 15,
    SENDER_CHIP: 1,
    SELF_CHIP: 2,
    'ACCOUNT_BUTTON[0]': 1,
    'ACCOUNT_BUTTON[1]': 1,
  },
  // hidden Globex label list (6) + hidden earlier conversation Hank, me (2) + Lee, me, Hank (3)
  'internal-cc': {
    MAIN_VIEW: 1,
    THREAD_HEADING: 2,
    MESSAGE: 2,
    PERSON_CHIP: 11,
    SENDER_CHIP: 2,
    SELF_CHIP: 2,
    'ACCOUNT_BUTTON[0]': 1,
    'ACCOUNT_BUTTON[1]': 1,
  },
  // hidden search result (3) + collapsed Anna (1), collapsed Hank (1), Priya, Anna, me, Hank (4)
  'several-companies': {
    MAIN_VIEW: 1,
    THREAD_HEADING: 1,
    MESSAGE: 3,
    PERSON_CHIP: 9,
    SENDER_CHIP: 3,
    SELF_CHIP: 1,
    'ACCOUNT_BUTTON[0]': 1,
    'ACCOUNT_BUTTON[1]': 1,
  },
  'unknown-sender': {
    MAIN_VIEW: 1,
    THREAD_HEADING: 1,
    MESSAGE: 1,
    PERSON_CHIP: 15,
    SENDER_CHIP: 1,
    SELF_CHIP: 2,
    'ACCOUNT_BUTTON[0]': 1,
    'ACCOUNT_BUTTON[1]': 1,
  },
  'freemail-sender': {
    MAIN_VIEW: 1,
    THREAD_HEADING: 1,
    MESSAGE: 1,
    PERSON_CHIP: 15,
    SENDER_CHIP: 1,
    SELF_CHIP: 2,
    'ACCOUNT_BUTTON[0]': 1,
    'ACCOUNT_BUTTON[1]': 1,
  },
  inbox: {
    MAIN_VIEW: 1,
    THREAD_HEADING: 0,
    MESSAGE: 0,
    PERSON_CHIP: 13,
    SENDER_CHIP: 0,
    SELF_CHIP: 1,
    'ACCOUNT_BUTTON[0]': 1,
    'ACCOUNT_BUTTON[1]': 1,
  },
  // inbox list (13) + the compose window's To and Cc chips (2)
  compose: {
    MAIN_VIEW: 1,
    THREAD_HEADING: 0,
    MESSAGE: 0,
    PERSON_CHIP: 15,
    SENDER_CHIP: 0,
    SELF_CHIP: 1,
    'ACCOUNT_BUTTON[0]': 1,
    'ACCOUNT_BUTTON[1]': 1,
  },
  'xss-subject': {
    MAIN_VIEW: 1,
    THREAD_HEADING: 1,
    MESSAGE: 1,
    PERSON_CHIP: 15,
    SENDER_CHIP: 1,
    SELF_CHIP: 2,
    'ACCOUNT_BUTTON[0]': 1,
    'ACCOUNT_BUTTON[1]': 1,
  },
};

describe('selector counts per fixture', () => {
  it('covers every selector constant in every fixture', () => {
    for (const state of STATES)
      expect(Object.keys(COUNTS[state]).sort()).toEqual(Object.keys(SELECTORS).sort());
  });

  const cases = STATES.flatMap((state) =>
    Object.entries(SELECTORS).map(([name, selector]) => ({ state, name, selector })),
  );
  const pages = new Map<State, Document>();
  const page = (state: State) => {
    if (!pages.has(state)) pages.set(state, load(state).doc);
    return pages.get(state) as Document;
  };
  it.each(cases)('$state: $name', ({ state, name, selector }) => {
    const doc = page(state);
    expect(doc.querySelectorAll(selector).length).toBe(COUNTS[state][name]);
  });
});

interface Expected {
  key: string;
  subject: string;
  participants: { email: string; name: string }[];
}

const OPEN: Partial<Record<State, Expected>> = {
  thread: {
    key: '1a2c4e6f80b1d3a5',
    subject: 'Q1 renewal: volumes and pricing',
    participants: [ANNA, TOM],
  },
  'split-pane': { key: '1a2c51d8e3f7a604', subject: 'Globex rollout plan', participants: [HANK] },
  'internal-cc': {
    key: '1a2c8a04b6c2e917',
    subject: 'Prep for Globex QBR',
    participants: [LEE, HANK],
  },
  'several-companies': {
    key: '1a2b3d5f7091c2e4',
    subject: 'Joint logistics workshop',
    participants: [ANNA, HANK, PRIYA],
  },
  'unknown-sender': {
    key: '1a2b97e0c4d51f3b',
    subject: 'Introduction: Initech Systems',
    participants: [PRIYA],
  },
  'freemail-sender': {
    key: '1a2bc4f18a2d6e09',
    subject: 'Quick question about your API',
    participants: [JORDAN],
  },
  'xss-subject': {
    key: '1a2cb0e7d4f39a18',
    subject: '<img src=x onerror=alert(1)>',
    participants: [ANNA],
  },
};

describe('read()', () => {
  it.each(STATES)('%s', (state) => {
    const { doc, url } = load(state);
    const result = gmailAdapter.read(doc, url);
    const expected = OPEN[state];
    if (!expected) {
      expect(result).toEqual({ status: 'none' });
      return;
    }
    expect(result).toEqual({
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
        selfEmail: SAM,
      },
    } satisfies ReadResult);
  });

  it('never reads the thread list: the inbox has 13 chips and thread ids, and reads as none', () => {
    const { doc, url } = load('inbox');
    expect(doc.querySelectorAll('[data-legacy-thread-id]')).toHaveLength(10);
    expect(gmailAdapter.read(doc, url)).toEqual({ status: 'none' });
    // Even at a conversation URL, the list is not taken for a conversation.
    const atThread = new URL(
      'https://mail.google.com/mail/u/0/#inbox/FMfcgzQcqHVtRzBkXkWbNfLqSxPmGjDd',
    );
    expect(gmailAdapter.read(doc, atThread).status).toBe('unreadable');
  });

  it('keeps the XSS subject as literal text and creates no element from it', () => {
    const { html } = fixture('xss-subject');
    expect(html).toContain('class="hP">&lt;img src=x onerror=alert(1)&gt;</h2>');
    const { doc, url } = load('xss-subject');
    const heading = doc.querySelector(THREAD_HEADING);
    expect(heading?.children).toHaveLength(0);
    const result = gmailAdapter.read(doc, url);
    expect(result.status === 'open' && result.context.thread?.subject).toBe(
      '<img src=x onerror=alert(1)>',
    );
  });

  it('takes the thread id from the heading, not from the URL token', () => {
    const { doc } = load('thread');
    const elsewhere = new URL(
      'https://mail.google.com/mail/u/0/#label/Northwind/FMfcgzQXJWDxxxxxxxxxxxxxxxxxxxxx',
    );
    const result = gmailAdapter.read(doc, elsewhere);
    expect(result.status === 'open' && result.key).toBe('1a2c4e6f80b1d3a5');
  });

  it('falls back to the perm id when the legacy id is missing', () => {
    const { doc, url } = load('thread');
    doc.querySelector(THREAD_HEADING)?.removeAttribute('data-legacy-thread-id');
    const result = gmailAdapter.read(doc, url);
    expect(result.status === 'open' && result.key).toBe('thread-f:1885968584768869285');
  });

  it('ignores a hidden earlier conversation even when it still says role="main"', () => {
    const { doc, url } = load('internal-cc');
    const stale = doc.querySelectorAll(THREAD_HEADING)[0]?.closest('div[style]');
    expect(stale?.getAttribute('style')).toBe('display: none;');
    stale?.setAttribute('role', 'main');
    const result = gmailAdapter.read(doc, url);
    expect(result.status === 'open' && result.key).toBe('1a2c8a04b6c2e917');
  });

  it('refuses to guess when two different conversations are visible', () => {
    const { doc, url } = load('internal-cc');
    const stale = doc.querySelectorAll(THREAD_HEADING)[0]?.closest('div[style]');
    stale?.removeAttribute('style');
    stale?.setAttribute('role', 'main');
    expect(gmailAdapter.read(doc, url)).toEqual({
      status: 'unreadable',
      reason: 'more than one conversation is visible',
    });
  });

  describe('signed-in address', () => {
    it('comes from the account button first', () => {
      const { doc, url } = load('thread');
      doc.title = 'Q1 renewal: volumes and pricing - someone.else@brightwave.io - Brightwave Mail';
      const result = gmailAdapter.read(doc, url);
      expect(result.status === 'open' && result.context.selfEmail).toBe(SAM);
    });

    it('then from the page title', () => {
      const { doc, url } = load('thread');
      for (const el of Array.from(doc.querySelectorAll(ACCOUNT_BUTTON.join(', ')))) el.remove();
      doc.title = 'Q1 renewal - volumes - Sam.Carter@Brightwave.io - Brightwave Mail';
      const result = gmailAdapter.read(doc, url);
      expect(result.status === 'open' && result.context.selfEmail).toBe(SAM);
    });

    it('then from the "me" chip, and the user is never a participant', () => {
      const { doc, url } = load('thread');
      for (const el of Array.from(doc.querySelectorAll(ACCOUNT_BUTTON.join(', ')))) el.remove();
      doc.title = 'Gmail';
      const result = gmailAdapter.read(doc, url);
      expect(result.status === 'open' && result.context.selfEmail).toBe(SAM);
      expect(result.status === 'open' && result.context.participants).toEqual([ANNA, TOM]);
    });

    it('is left out when the page does not show it', () => {
      const { doc, url } = load('thread');
      for (const el of Array.from(doc.querySelectorAll(ACCOUNT_BUTTON.join(', ')))) el.remove();
      for (const el of Array.from(doc.querySelectorAll(SELF_CHIP))) el.remove();
      doc.title = 'Gmail';
      const result = gmailAdapter.read(doc, url);
      expect(result.status).toBe('open');
      expect(result.status === 'open' && 'selfEmail' in result.context).toBe(false);
      expect(result.status === 'open' && result.context.participants).toEqual([ANNA, TOM]);
    });
  });
});

describe('mangled pages give unreadable, never an exception', () => {
  it('conversation heading without its id attributes', () => {
    const { doc, url } = load('thread');
    const heading = doc.querySelector(THREAD_HEADING);
    heading?.removeAttribute('data-thread-perm-id');
    heading?.removeAttribute('data-legacy-thread-id');
    const result = gmailAdapter.read(doc, url);
    expect(result.status).toBe('unreadable');
    expect(result.status === 'unreadable' && result.reason).toMatch(
      /no visible h2\[data-thread-perm-id\]/,
    );
  });

  it('the same page at a list URL is simply no conversation', () => {
    const { doc } = load('thread');
    for (const el of Array.from(doc.querySelectorAll(THREAD_HEADING)))
      el.removeAttribute('data-thread-perm-id');
    expect(gmailAdapter.read(doc, new URL('https://mail.google.com/mail/u/0/#inbox'))).toEqual({
      status: 'none',
    });
  });

  it('empty thread id', () => {
    const { doc, url } = load('thread');
    const heading = doc.querySelector(THREAD_HEADING);
    heading?.setAttribute('data-thread-perm-id', ' ');
    heading?.setAttribute('data-legacy-thread-id', '');
    expect(gmailAdapter.read(doc, url).status).toBe('unreadable');
  });

  it('message blocks without data-message-id', () => {
    const { doc, url } = load('thread');
    for (const el of Array.from(doc.querySelectorAll(MESSAGE)))
      el.removeAttribute('data-message-id');
    const result = gmailAdapter.read(doc, url);
    expect(result.status === 'unreadable' && result.reason).toMatch(/no message blocks/);
  });

  it('people chips without any address attribute or address text', () => {
    const { doc, url } = load('several-companies');
    const view = doc.querySelector(MAIN_VIEW);
    for (const el of Array.from(view?.querySelectorAll('[email], [data-hovercard-id]') ?? [])) {
      el.removeAttribute('email');
      el.removeAttribute('data-hovercard-id');
    }
    for (const el of Array.from(view?.querySelectorAll('.go') ?? [])) el.remove();
    const result = gmailAdapter.read(doc, url);
    expect(result.status === 'unreadable' && result.reason).toMatch(/shows no people/);
  });

  it('no main view at all', () => {
    const { doc, url } = load('thread');
    doc.querySelector(MAIN_VIEW)?.removeAttribute('role');
    const result = gmailAdapter.read(doc, url);
    expect(result.status === 'unreadable' && result.reason).toMatch(/no div\[role="main"\]/);
  });

  it('a document that throws on every query', () => {
    const { doc, url } = load('thread');
    const hostile = new Proxy(doc, {
      get(target, prop) {
        if (prop === 'querySelectorAll' || prop === 'querySelector') {
          return () => {
            throw new Error('boom');
          };
        }
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    expect(() => gmailAdapter.read(hostile, url)).not.toThrow();
    expect(gmailAdapter.read(hostile, url)).toEqual({
      status: 'unreadable',
      reason: 'reading the page failed: boom',
    });
    expect(gmailAdapter.watchRoot(hostile)).toBeNull();
  });

  it('an empty document', () => {
    const doc = new DOMParser().parseFromString('', 'text/html');
    const url = new URL('https://mail.google.com/mail/u/0/#inbox/FMfcgzQcqHVtRzBkXkWbNfLqSxPmGjDd');
    expect(gmailAdapter.read(doc, url)).toEqual({
      status: 'unreadable',
      reason: 'the URL shows a conversation but there is no div[role="main"]',
    });
    expect(gmailAdapter.read(doc, new URL('https://mail.google.com/mail/u/0/#inbox'))).toEqual({
      status: 'none',
    });
  });
});

describe('watchRoot()', () => {
  it.each(STATES)('%s: the view container around the active view', (state) => {
    const { doc } = load(state);
    const root = gmailAdapter.watchRoot(doc);
    expect(root?.parentElement?.className).toBe('aeF');
    expect(root?.querySelector(MAIN_VIEW)).toBe(doc.querySelector(MAIN_VIEW));
    // The header, the navigation and a compose window are outside it.
    expect(root?.contains(doc.querySelector('header'))).toBe(false);
    expect(root?.contains(doc.querySelector('[role="navigation"]'))).toBe(false);
    expect(root?.contains(doc.querySelector('[role="dialog"]'))).toBe(false);
  });

  it('is null before Gmail has rendered', () => {
    const doc = new DOMParser().parseFromString('<div id="loading">Loading</div>', 'text/html');
    expect(gmailAdapter.watchRoot(doc)).toBeNull();
  });
});

describe('URLs', () => {
  const TOKEN = 'FMfcgzQcqHVtRzBkXkWbNfLqSxPmGjDd';
  const BASE = 'https://mail.google.com/mail/u/0/';
  const THREADS: [string, string][] = [
    [`${BASE}#inbox/${TOKEN}`, TOKEN],
    [`https://mail.google.com/mail/u/1/#inbox/${TOKEN}`, TOKEN],
    [`https://mail.google.com/mail/#inbox/${TOKEN}`, TOKEN],
    [`${BASE}#starred/${TOKEN}`, TOKEN],
    [`${BASE}#snoozed/${TOKEN}`, TOKEN],
    [`${BASE}#imp/${TOKEN}`, TOKEN],
    [`${BASE}#all/${TOKEN}`, TOKEN],
    [`${BASE}#spam/${TOKEN}`, TOKEN],
    [`${BASE}#trash/${TOKEN}`, TOKEN],
    [`${BASE}#sent/KtbxLwgddjZLrGnpRqhBzMjXMPqWbRnXvq`, 'KtbxLwgddjZLrGnpRqhBzMjXMPqWbRnXvq'],
    [`${BASE}#label/Globex/${TOKEN}`, TOKEN],
    [`${BASE}#label/Clients%2FGlobex/${TOKEN}`, TOKEN],
    [`${BASE}#label/Clients/Globex/${TOKEN}`, TOKEN],
    [`${BASE}#search/workshop/${TOKEN}`, TOKEN],
    [`${BASE}#search/from%3Aanna.keller%40northwind.co.uk+renewal/${TOKEN}`, TOKEN],
    [`${BASE}#category/updates/${TOKEN}`, TOKEN],
    [`${BASE}#inbox/${TOKEN}?compose=new`, TOKEN],
    [`${BASE}#inbox/${TOKEN}?projector=1`, TOKEN],
    [`${BASE}#inbox/1a2c4e6f80b1d3a5`, '1a2c4e6f80b1d3a5'],
  ];
  const NOT_THREADS = [
    BASE,
    `${BASE}#inbox`,
    `${BASE}#inbox/p2`,
    `${BASE}#starred`,
    `${BASE}#sent/p3`,
    `${BASE}#label/Globex`,
    `${BASE}#label/Clients%2FGlobex`,
    `${BASE}#label/Globex/p2`,
    `${BASE}#search/workshop`,
    `${BASE}#search/northwindlogisticsrenewal2026`,
    `${BASE}#category/promotions`,
    `${BASE}#inbox?compose=new`,
    `${BASE}#drafts?compose=CllgCJlKNbSqMvhxGpjZmwkLtTlFVbCBTvxmGzPdDvJbqWbhX`,
    `${BASE}#settings/general`,
    `${BASE}#settings/fwdandpop`,
    `${BASE}#chat/space/AAAAxYzAbCdEfGhIjKl`,
    `https://mail.google.com/chat/u/0/#chat/home`,
    `https://calendar.google.com/calendar/u/0/r#inbox/${TOKEN}`,
  ];

  it.each(THREADS)('%s is a conversation (%s)', (href, token) => {
    const url = new URL(href);
    expect(isThreadUrl(url)).toBe(true);
    expect(threadTokenFromUrl(url)).toBe(token);
  });

  it.each(NOT_THREADS)('%s is not a conversation', (href) => {
    const url = new URL(href);
    expect(isThreadUrl(url)).toBe(false);
    expect(threadTokenFromUrl(url)).toBeNull();
  });

  it.each(STATES)('the %s fixture URL agrees with its page', (state) => {
    const { url } = fixture(state);
    expect(isThreadUrl(url)).toBe(OPEN[state] !== undefined);
  });

  const MATCHES: [string, boolean][] = [
    [`${BASE}#inbox`, true],
    [`${BASE}#inbox/${TOKEN}`, true],
    ['https://mail.google.com/mail/u/2/#settings/general', true],
    ['https://mail.google.com/mail/?ui=2&view=btop', true],
    ['https://mail.google.com/mail', true],
    ['http://mail.google.com/mail/u/0/#inbox', false],
    ['https://mail.google.com/chat/u/0/', false],
    ['https://mail.google.com/', false],
    ['https://mail.google.com.evil.example/mail/u/0/', false],
    ['https://accounts.google.com/SignOutOptions?hl=en', false],
    ['https://outlook.office.com/mail/inbox', false],
  ];
  it.each(MATCHES)('matches(%s) is %s', (href, expected) => {
    expect(gmailAdapter.matches(new URL(href))).toBe(expected);
  });
});

// normaliseAddress and the other shared helpers: tests/unit/read-helpers.test.ts.
describe('address helpers', () => {
  const LABELS: [string, string | null][] = [
    ['Google Account: Sam Carter  \n(sam.carter@brightwave.io)', SAM],
    ['Google-Konto: Sam Carter (Brightwave) (sam.carter@brightwave.io)', SAM],
    ['Compte Google : Sam Carter sam.carter@brightwave.io', SAM],
    ['Google Account', null],
  ];
  it.each(LABELS)('addressFromLabel(%j) is %j', (label, expected) => {
    expect(addressFromLabel(label)).toBe(expected);
  });

  const TITLES: [string, string | null][] = [
    ['Inbox (3) - sam.carter@brightwave.io - Brightwave Mail', SAM],
    ['Re: a - b - sam.carter@brightwave.io - Gmail', SAM],
    ['Mail from anna.keller@northwind.co.uk - sam.carter@brightwave.io - Gmail', SAM],
    ['Gmail', null],
  ];
  it.each(TITLES)('addressFromTitle(%j) is %j', (title, expected) => {
    expect(addressFromTitle(title)).toBe(expected);
  });
});
