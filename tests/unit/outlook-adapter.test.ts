/**
 * The Outlook on the web adapter against saved Outlook pages (tests/fixtures/outlook/): an exact
 * count for every selector in every fixture, then what read() makes of each page. Counts are exact
 * on purpose: an "at least one" check keeps passing when a selector starts matching the message list.
 */
import { describe, expect, it } from 'vitest';
import {
  LABELLED,
  MAILTO_LINK,
  MESSAGE_BODY,
  OPEN_ITEM,
  PERSONA,
  READING_PANE,
  RECIPIENT_WELL,
  SELECTED_ROW,
  SELF_ADDRESS,
  SUBJECT_HEADING,
  isItemUrl,
  isOutlookUrl,
  itemIdFromUrl,
  outlookAdapter,
  personFromLabel,
  readSelfEmail,
} from '@/utils/content/hosts/outlook';
import type { ReadResult } from '@/utils/content/hosts/types';
import { identityOf, watchContext } from '@/utils/content/watch';
import { setPageUrl, settle, showPage } from './live-page';
import { hostFixture, loadHostFixture } from './host-fixtures';

const STATES = ['anna', 'priya', 'inbox', 'live', 'deeplink'] as const;
type State = (typeof STATES)[number];

const fixture = (state: State) => hostFixture('outlook', state);
const load = (state: State) => loadHostFixture('outlook', state);

const SAM = 'sam.carter@brightwave.io';
const ANNA = { email: 'anna.keller@northwind.co.uk', name: 'Anna Keller' };
const TOM = { email: 'tom.reyes@mail.northwind.co.uk', name: 'Tom Reyes' };
const HANK = { email: 'h.scorpio@globex.com', name: 'Hank Scorpio' };
const PRIYA = { email: 'priya.shah@initech-systems.com', name: 'Priya Shah' };

const ID = {
  anna: 'AAQkAGM3ZTk0YjQ1LWRmMDgtNDQ0Zi05ZDI2LTc3MWQ0NjNhZmU2OQAQAE1b+0Y8xJNDl9qS6m4kR2Y=',
  priya: 'AAQkAGM3ZTk0YjQ1LWRmMDgtNDQ0Zi05ZDI2LTc3MWQ0NjNhZmU2OQAQAJ7uTq1c0kFCo3xP5wVh9gA=',
  live: 'AQQkADAwATM3ZmYAZS1kOGJmLTg2ADQ1LTAwAi0wMAoAEABVd3Fy9u1tTqZ8gQ0s1H2X',
  deeplink:
    'AAMkAGM3ZTk0YjQ1LWRmMDgtNDQ0Zi05ZDI2LTc3MWQ0NjNhZmU2OQBGAAAAAAC2ZK9nP2d3Rr3v5lC0mTnBBwB8kQ3tS5VbQ6LqM0aF1t0xAAAAAAEMAAB8kQ3tS5VbQ6LqM0aF1t0xAAAxYrG9AAA=',
};

describe('fixtures', () => {
  it.each(STATES)('%s is a whole page under 40 KB with an Outlook URL comment on top', (state) => {
    const { html, url } = fixture(state);
    expect(html).toMatch(/^<!-- url: https:\/\/outlook\.(office|office365|live)\.com\/mail\//);
    expect(html.length).toBeLessThan(40_000);
    expect(isOutlookUrl(url)).toBe(true);
    const { doc } = load(state);
    expect(doc.querySelectorAll('#appRoot')).toHaveLength(1);
    expect(doc.querySelectorAll('[role="toolbar"]').length).toBeGreaterThan(0);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
  });

  it('covers the three hosts, the account index and the deep-link route', () => {
    const hrefs = STATES.map((state) => fixture(state).url);
    expect(new Set(hrefs.map((u) => u.hostname))).toEqual(
      new Set(['outlook.office.com', 'outlook.office365.com', 'outlook.live.com']),
    );
    expect(hrefs.map((u) => u.pathname.split('/').slice(0, 3).join('/'))).toEqual([
      '/mail/inbox',
      '/mail/id',
      '/mail/inbox',
      '/mail/0',
      '/mail/deeplink',
    ]);
  });
});

/** Every selector constant (each variant of an array on its own), counted over the whole page. */
const SELECTORS: Record<string, string> = {
  ...Object.fromEntries(READING_PANE.map((s, i) => [`READING_PANE[${i}]`, s])),
  ...Object.fromEntries(OPEN_ITEM.map((s, i) => [`OPEN_ITEM[${i}]`, s])),
  SUBJECT_HEADING,
  MESSAGE_BODY,
  PERSONA,
  RECIPIENT_WELL,
  MAILTO_LINK,
  SELECTED_ROW,
  ...Object.fromEntries(SELF_ADDRESS.map((s, i) => [`SELF_ADDRESS[${i}]`, s])),
};

// Whole-page counts. Every fixture with a message list also has the senders' addresses in its rows
// (`span[title]`) and conversation ids on them, which no selector here matches; bodies hold mailto
// links (signatures, a procurement desk, an assistant) that are counted but never read.
const COUNTS: Record<State, Record<string, number>> = {
  // chips: Anna (address in text), the user (name only), Tom (address in title); body: 2 mailto
  anna: {
    'READING_PANE[0]': 1,
    'READING_PANE[1]': 0,
    'OPEN_ITEM[0]': 1,
    'OPEN_ITEM[1]': 0,
    SUBJECT_HEADING: 1,
    MESSAGE_BODY: 1,
    PERSONA: 3,
    RECIPIENT_WELL: 1,
    MAILTO_LINK: 2,
    SELECTED_ROW: 1,
    'SELF_ADDRESS[0]': 0,
    'SELF_ADDRESS[1]': 1,
  },
  // chips: Priya (address in title), the user (address in title); account manager rendered;
  // two roots in the folder pane (the user's and a shared mailbox)
  priya: {
    'READING_PANE[0]': 1,
    'READING_PANE[1]': 0,
    'OPEN_ITEM[0]': 1,
    'OPEN_ITEM[1]': 0,
    SUBJECT_HEADING: 1,
    MESSAGE_BODY: 1,
    PERSONA: 2,
    RECIPIENT_WELL: 1,
    MAILTO_LINK: 2,
    SELECTED_ROW: 1,
    'SELF_ADDRESS[0]': 1,
    'SELF_ADDRESS[1]': 2,
  },
  // a row is still selected, but the reading pane shows its empty state
  inbox: {
    'READING_PANE[0]': 1,
    'READING_PANE[1]': 0,
    'OPEN_ITEM[0]': 0,
    'OPEN_ITEM[1]': 0,
    SUBJECT_HEADING: 0,
    MESSAGE_BODY: 0,
    PERSONA: 0,
    RECIPIENT_WELL: 0,
    MAILTO_LINK: 0,
    SELECTED_ROW: 1,
    'SELF_ADDRESS[0]': 0,
    'SELF_ADDRESS[1]': 1,
  },
  // chips: Hank, the user in To, the user on the collapsed earlier message (names only)
  live: {
    'READING_PANE[0]': 1,
    'READING_PANE[1]': 0,
    'OPEN_ITEM[0]': 1,
    'OPEN_ITEM[1]': 0,
    SUBJECT_HEADING: 1,
    MESSAGE_BODY: 1,
    PERSONA: 3,
    RECIPIENT_WELL: 1,
    MAILTO_LINK: 0,
    SELECTED_ROW: 1,
    'SELF_ADDRESS[0]': 0,
    'SELF_ADDRESS[1]': 1,
  },
  // one item, no list, no folder pane, no account manager
  deeplink: {
    'READING_PANE[0]': 0,
    'READING_PANE[1]': 1,
    'OPEN_ITEM[0]': 0,
    'OPEN_ITEM[1]': 1,
    SUBJECT_HEADING: 1,
    MESSAGE_BODY: 1,
    PERSONA: 3,
    RECIPIENT_WELL: 1,
    MAILTO_LINK: 0,
    SELECTED_ROW: 0,
    'SELF_ADDRESS[0]': 0,
    'SELF_ADDRESS[1]': 0,
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
    expect(page(state).querySelectorAll(selector).length).toBe(COUNTS[state][name]);
  });
});

interface Expected {
  id: string;
  subject: string;
  participants: { email: string; name: string }[];
  selfEmail?: string;
}

const OPEN: Partial<Record<State, Expected>> = {
  anna: {
    id: ID.anna,
    subject: 'Q1 renewal: volumes and pricing',
    participants: [ANNA, TOM],
    selfEmail: SAM,
  },
  priya: {
    id: ID.priya,
    subject: 'Introduction: Initech Systems',
    participants: [PRIYA],
    selfEmail: SAM,
  },
  live: { id: ID.live, subject: 'Globex rollout plan', participants: [HANK], selfEmail: SAM },
  deeplink: { id: ID.deeplink, subject: 'Pallet counts for January', participants: [TOM, ANNA] },
};

describe('read()', () => {
  it.each(STATES)('%s', (state) => {
    const { doc, url } = load(state);
    const result = outlookAdapter.read(doc, url);
    const expected = OPEN[state];
    if (!expected) {
      expect(result).toEqual({ status: 'none' });
      return;
    }
    expect(result).toEqual({
      status: 'open',
      key: expected.id,
      context: {
        host: 'outlook',
        url: url.href,
        participants: expected.participants,
        domains: [],
        names: [],
        thread: { id: expected.id, subject: expected.subject },
        ...(expected.selfEmail ? { selfEmail: expected.selfEmail } : {}),
      },
      layer: 'persona-chips',
    } satisfies ReadResult);
  });

  it('never reads message bodies: signatures and addresses in the text are not participants', () => {
    const { doc, url } = load('anna');
    const inBody = Array.from(doc.querySelectorAll(`${MESSAGE_BODY} ${MAILTO_LINK}`));
    expect(inBody.map((a) => a.getAttribute('href'))).toEqual([
      'mailto:procurement@northwind.co.uk',
      'mailto:anna.keller@northwind.co.uk',
    ]);
    const result = outlookAdapter.read(doc, url);
    expect(result.status === 'open' && result.context.participants).toEqual([ANNA, TOM]);
  });

  it('never reads the message list: its rows carry other senders and subjects', () => {
    const { doc, url } = load('anna');
    const rows = Array.from(doc.querySelectorAll('[role="option"][data-convid] span[title*="@"]'));
    expect(rows.map((el) => el.getAttribute('title'))).toEqual([
      ANNA.email,
      'lee.morgan@brightwave.io',
      'finance@brightwave.io',
      HANK.email,
    ]);
    const result = outlookAdapter.read(doc, url);
    expect(result.status === 'open' && result.context.participants).toEqual([ANNA, TOM]);
  });

  it('reads nothing in the inbox even though a row is still marked selected', () => {
    const { doc, url } = load('inbox');
    expect(doc.querySelector(SELECTED_ROW)?.getAttribute('data-convid')).toBe(ID.anna);
    expect(outlookAdapter.read(doc, url)).toEqual({ status: 'none' });
  });

  it('leaves the user out of the participants when the chip carries the address', () => {
    const { doc, url } = load('priya');
    const chips = Array.from(doc.querySelectorAll(`${RECIPIENT_WELL} ${PERSONA}`));
    expect(chips.map((el) => el.getAttribute('title'))).toEqual([SAM]);
    const result = outlookAdapter.read(doc, url);
    expect(result.status === 'open' && result.context.participants).toEqual([PRIYA]);
  });

  it('takes the thread id from the selected row when the URL has none', () => {
    const { doc } = load('anna');
    const result = outlookAdapter.read(doc, new URL('https://outlook.office.com/mail/inbox'));
    expect(result.status === 'open' && result.key).toBe(ID.anna);
  });

  it('prefers the URL id to the selected row', () => {
    const { doc, url } = load('live');
    doc
      .querySelector(SELECTED_ROW)
      ?.setAttribute('data-convid', 'AQQkADAwATM3ZmYAZS1somethingelse');
    const result = outlookAdapter.read(doc, url);
    expect(result.status === 'open' && result.key).toBe(ID.live);
  });

  it('reads mailto links in a header as people, with the link text as the name', () => {
    const { doc, url } = load('live');
    const well = doc.querySelector(RECIPIENT_WELL);
    const cc = doc.createElement('a');
    cc.setAttribute('href', 'mailto:Lee.Morgan@brightwave.io?subject=x');
    cc.textContent = 'Lee Morgan';
    well?.append(cc);
    const result = outlookAdapter.read(doc, url);
    expect(result.status === 'open' && result.context.participants).toEqual([
      HANK,
      { email: 'lee.morgan@brightwave.io', name: 'Lee Morgan' },
    ]);
  });

  it('ignores a conversation pane kept hidden', () => {
    const { doc, url } = load('anna');
    doc.querySelector(OPEN_ITEM[0] as string)?.setAttribute('style', 'display: none;');
    expect(outlookAdapter.read(doc, url)).toEqual({
      status: 'unreadable',
      reason: `the URL shows an item but the reading pane shows none (${OPEN_ITEM.join(', ')})`,
    });
  });

  describe('signed-in address', () => {
    it('comes from the account manager first', () => {
      const { doc } = load('priya');
      expect(readSelfEmail(doc)).toBe(SAM);
    });

    it('then from the folder pane, when it has a single root address', () => {
      const { doc } = load('anna');
      expect(doc.querySelector(SELF_ADDRESS[0] as string)).toBeNull();
      expect(readSelfEmail(doc)).toBe(SAM);
    });

    it('is left out when two mailboxes share the folder pane, and the user is then a participant', () => {
      const { doc, url } = load('priya');
      doc.querySelector(SELF_ADDRESS[0] as string)?.remove();
      expect(readSelfEmail(doc)).toBeNull();
      const result = outlookAdapter.read(doc, url);
      expect(result.status === 'open' && 'selfEmail' in result.context).toBe(false);
      expect(result.status === 'open' && result.context.participants).toEqual([
        PRIYA,
        { email: SAM, name: 'Sam Carter' },
      ]);
    });

    it('is left out in the deep-link view, which shows no account', () => {
      const { doc } = load('deeplink');
      expect(readSelfEmail(doc)).toBeNull();
    });
  });
});

describe('mangled pages give unreadable, never an exception', () => {
  it('no subject heading', () => {
    const { doc, url } = load('anna');
    doc.querySelector(`${OPEN_ITEM[0]} ${SUBJECT_HEADING}`)?.removeAttribute('role');
    expect(outlookAdapter.read(doc, url)).toEqual({
      status: 'unreadable',
      reason: `the open item shows no subject (${SUBJECT_HEADING})`,
    });
  });

  it('falls back to the heading text when its span has no title', () => {
    const { doc, url } = load('anna');
    doc.querySelector(`${SUBJECT_HEADING} [title]`)?.removeAttribute('title');
    const result = outlookAdapter.read(doc, url);
    expect(result.status === 'open' && result.context.thread?.subject).toBe(
      'Q1 renewal: volumes and pricing',
    );
  });

  it('no persona chips: the next layer reads the address the header shows', () => {
    const { doc, url } = load('live');
    for (const el of Array.from(doc.querySelectorAll(PERSONA)))
      el.removeAttribute('data-lpc-hover-target-id');
    const result = outlookAdapter.read(doc, url);
    expect(result.status === 'open' && result.layer).toBe('header-text');
    expect(result.status === 'open' && result.context.participants).toEqual([HANK]);
  });

  it('no persona chips and no address anywhere in the headers', () => {
    const { doc, url } = load('live');
    for (const el of Array.from(doc.querySelectorAll(PERSONA))) {
      el.removeAttribute('data-lpc-hover-target-id');
      el.removeAttribute('title');
      el.textContent = 'Someone';
    }
    expect(outlookAdapter.read(doc, url)).toEqual({
      status: 'unreadable',
      reason:
        `the open item shows no people (persona-chips: ${PERSONA}, ${MAILTO_LINK}; ` +
        `accessible-names: ${LABELLED} carrying an address; ` +
        'header-text: addresses in the text of the message headers)',
    });
  });

  it('chips that show names only: open, with nobody to match', () => {
    const { doc, url } = load('deeplink');
    for (const el of Array.from(doc.querySelectorAll(PERSONA))) {
      el.removeAttribute('title');
      el.textContent = 'Someone';
    }
    const result = outlookAdapter.read(doc, url);
    expect(result.status === 'open' && result.context.participants).toEqual([]);
  });

  it('no reading pane at an item URL', () => {
    const { doc, url } = load('anna');
    doc.querySelector(READING_PANE[0] as string)?.remove();
    expect(outlookAdapter.read(doc, url)).toEqual({
      status: 'unreadable',
      reason: `the URL shows an item but there is no reading pane (${READING_PANE.join(', ')})`,
    });
  });

  it('an open item nobody names: no URL id and no selected row', () => {
    const { doc } = load('anna');
    doc.querySelector(SELECTED_ROW)?.setAttribute('aria-selected', 'false');
    const result = outlookAdapter.read(doc, new URL('https://outlook.office.com/mail/inbox'));
    expect(result).toEqual({
      status: 'unreadable',
      reason: 'an item is open but neither the URL nor the message list names it',
    });
  });

  it('a document that throws on every query', () => {
    const { doc, url } = load('anna');
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
    expect(() => outlookAdapter.read(hostile, url)).not.toThrow();
    expect(outlookAdapter.read(hostile, url)).toEqual({
      status: 'unreadable',
      reason: 'reading the page failed: boom',
    });
    expect(outlookAdapter.watchRoot(hostile)).toBeNull();
  });

  it('an empty document', () => {
    const doc = new DOMParser().parseFromString('', 'text/html');
    const { url } = fixture('anna');
    expect(outlookAdapter.read(doc, url).status).toBe('unreadable');
    const inbox = new URL('https://outlook.office.com/mail/inbox');
    expect(outlookAdapter.read(doc, inbox)).toEqual({ status: 'none' });
  });
});

describe('watchRoot()', () => {
  it.each(STATES)("%s: the reading pane's container", (state) => {
    const { doc } = load(state);
    const root = outlookAdapter.watchRoot(doc);
    expect(root?.id).toBe(
      state === 'deeplink' ? 'ItemReadingPaneContainer' : 'ReadingPaneContainerId',
    );
    expect(root?.contains(doc.querySelector('#MailList'))).toBe(false);
    expect(root?.contains(doc.querySelector('[role="tree"]'))).toBe(false);
    expect(root?.contains(doc.querySelector('#O365_NavHeader'))).toBe(false);
    const item = doc.querySelector(OPEN_ITEM.join(', '));
    if (item) expect(root === item || root?.contains(item)).toBe(true);
  });

  it('is null while Outlook shows only the list (reading pane off) or has not rendered', () => {
    const doc = new DOMParser().parseFromString('<div id="MailList"></div>', 'text/html');
    expect(outlookAdapter.watchRoot(doc)).toBeNull();
  });
});

describe('URLs', () => {
  const enc = encodeURIComponent;
  const ITEMS: [string, string][] = [
    [`https://outlook.office.com/mail/inbox/id/${enc(ID.anna)}`, ID.anna],
    [`https://outlook.office365.com/mail/id/${enc(ID.priya)}`, ID.priya],
    [`https://outlook.live.com/mail/0/inbox/id/${ID.live}`, ID.live],
    [`https://outlook.live.com/mail/1/id/${ID.live}/`, ID.live],
    [`https://outlook.office.com/mail/sentitems/id/${enc(ID.anna)}`, ID.anna],
    [`https://outlook.office.com/mail/search/id/${enc(ID.anna)}?q=renewal`, ID.anna],
    [`https://outlook.office.com/mail/AAMkAGM3ZTk0YjQ1AAuAAAAAAA/id/${enc(ID.anna)}`, ID.anna],
    [`https://outlook.office.com/mail/inbox/id/${ID.anna}`, ID.anna],
    [`https://outlook.cloud.microsoft/mail/inbox/id/${enc(ID.anna)}`, ID.anna],
    [
      `https://outlook.office.com/mail/deeplink/read/${enc(ID.deeplink)}?ItemID=${enc(ID.deeplink)}&exvsurl=1`,
      ID.deeplink,
    ],
    [`https://outlook.office.com/mail/deeplink/read?ItemID=${enc(ID.deeplink)}`, ID.deeplink],
    [`https://outlook.live.com/mail/0/deeplink/read/${ID.live}`, ID.live],
  ];
  const NOT_ITEMS = [
    'https://outlook.office.com/mail/',
    'https://outlook.office.com/mail',
    'https://outlook.office.com/mail/inbox',
    'https://outlook.live.com/mail/0/',
    'https://outlook.live.com/mail/0/inbox',
    'https://outlook.office.com/mail/sentitems',
    'https://outlook.office.com/mail/inbox/id/',
    'https://outlook.office.com/mail/inbox/id/short',
    `https://outlook.office.com/mail/inbox/id/${enc(ID.anna)}/extra`,
    'https://outlook.office.com/mail/inbox/id/%E0%A4%A',
    'https://outlook.office.com/mail/deeplink/compose?to=anna.keller%40northwind.co.uk',
    'https://outlook.office.com/mail/compose',
    'https://outlook.office.com/mail/options/mail/layout',
    `https://outlook.office.com/calendar/item/${enc(ID.anna)}`,
    `https://outlook.office.com.evil.example/mail/inbox/id/${enc(ID.anna)}`,
    `http://outlook.office.com/mail/inbox/id/${enc(ID.anna)}`,
  ];

  it.each(ITEMS)('%s is an open item', (href, id) => {
    const url = new URL(href);
    expect(isItemUrl(url)).toBe(true);
    expect(itemIdFromUrl(url)).toBe(id);
  });

  it.each(NOT_ITEMS)('%s is not an open item', (href) => {
    const url = new URL(href);
    expect(isItemUrl(url)).toBe(false);
    expect(itemIdFromUrl(url)).toBeNull();
  });

  it.each(STATES)('the %s fixture URL agrees with its page', (state) => {
    expect(isItemUrl(fixture(state).url)).toBe(OPEN[state] !== undefined);
  });

  const MATCHES: [string, boolean][] = [
    ['https://outlook.office.com/mail/', true],
    ['https://outlook.office.com/mail', true],
    ['https://outlook.office365.com/mail/inbox', true],
    ['https://outlook.live.com/mail/0/', true],
    ['https://outlook.cloud.microsoft/mail/', true],
    ['https://outlook.office.com/calendar/view/week', false],
    ['https://outlook.office.com/people/', false],
    ['https://outlook.office.com/mailbox', false],
    ['https://outlook.live.com/owa/', false],
    ['http://outlook.office.com/mail/', false],
    ['https://outlook.office.com:8443/mail/', false],
    ['https://outlook.office.com.evil.example/mail/', false],
    ['https://evil-outlook.office.com/mail/', false],
    ['https://outlook.com/mail/', false],
    ['https://mail.google.com/mail/u/0/#inbox', false],
  ];
  it.each(MATCHES)('matches(%s) is %s', (href, expected) => {
    expect(outlookAdapter.matches(new URL(href))).toBe(expected);
  });
});

// normaliseAddress and the other shared helpers: tests/unit/read-helpers.test.ts.
describe('address helpers', () => {
  const LABELS: [string, { email: string; name: string } | null][] = [
    ['Anna Keller<anna.keller@northwind.co.uk>', ANNA],
    ['Priya Shah <Priya.Shah@Initech-Systems.com>', PRIYA],
    ['"Hank Scorpio" <h.scorpio@globex.com>', HANK],
    ['<h.scorpio@globex.com>', { email: HANK.email, name: '' }],
    ['tom.reyes@mail.northwind.co.uk', { email: TOM.email, name: '' }],
    ['Sam Carter', null],
    ['From: Anna Keller', null],
    ['Anna <not an address>', null],
    ['', null],
  ];
  it.each(LABELS)('personFromLabel(%j) is %j', (label, expected) => {
    expect(personFromLabel(label)).toEqual(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// Driven by the shared watcher, in the test's own document (as the content script runs it).
// ---------------------------------------------------------------------------------------------

const show = (state: State) => showPage(load(state));

describe('driven by watchContext', () => {
  it('reports each conversation opened in the reading pane, and the empty pane after', async () => {
    show('anna');
    const controller = new AbortController();
    const seen: string[] = [];
    watchContext(
      outlookAdapter,
      document,
      window,
      (r) => seen.push(identityOf(r)),
      controller.signal,
    );
    // Outlook pushes the new URL (no popstate) and swaps the conversation inside the pane.
    const priya = load('priya');
    setPageUrl(priya.url.href);
    document
      .querySelector(OPEN_ITEM[0] as string)
      ?.replaceWith(
        document.importNode(priya.doc.querySelector(OPEN_ITEM[0] as string) as Node, true),
      );
    await settle();
    setPageUrl('https://outlook.office.com/mail/inbox');
    document.querySelector(OPEN_ITEM[0] as string)?.remove();
    await settle();
    controller.abort();
    expect(seen).toEqual([`open:${ID.anna}`, `open:${ID.priya}`, 'none']);
  });
});
