/**
 * Gmail adapter: the only code that reads Gmail's DOM. It runs in the content script, and shares
 * its reading helpers with the other adapters (read-helpers.ts).
 *
 * It reads the open conversation and nothing else: the thread list (and a compose window) carry the
 * same `span[email]` chips and `data-legacy-thread-id` attributes, so every lookup starts from the
 * conversation heading inside the active `div[role="main"]` view.
 *
 * Markup as InboxSDK's Gmail driver and gmail.js describe it, checked against the dated fixtures in
 * tests/fixtures/gmail/ (gmail-2026-11-28-*.html); the fixture test asserts an exact count for
 * every selector below.
 */
import type { HostContext } from '@/utils/contract/messages';
import { isHidden, normaliseAddress, readSafely, squash, unreadable } from './read-helpers';
import { MAX_PARTICIPANTS } from '@/utils/contract/limits';
import { layersTried, readInLayers } from './layers';
import { MESSAGE, PEOPLE_LAYERS } from './gmail-people';
import type { HostAdapter, ReadResult } from './types';

// ---------------------------------------------------------------------------------------------
// Selectors. Data attributes and ARIA roles over Gmail's obfuscated class names.
// ---------------------------------------------------------------------------------------------

/**
 * The active view. Gmail keeps one child per view (list, conversation, settings) in its view
 * container `div.aeF > div.nH`; only the active one carries role="main", the others are hidden:
 *   <div class="aeF"><div class="nH">
 *     <div class="nH" style="display: none;"> ...inbox list... </div>
 *     <div class="nH" role="main"> ...conversation... </div>
 */
export const MAIN_VIEW = 'div[role="main"]';

/**
 * The conversation heading, which also carries the thread ids (sync-API Gmail, 2018 onwards):
 *   <h2 id=":1t" data-thread-perm-id="thread-f:1885066512384513957"
 *       data-legacy-thread-id="1a2c4e6f80b1d3a5" tabindex="-1" class="hP">Subject</h2>
 * List rows carry the ids on a span (`span[data-thread-id][data-legacy-thread-id]`), never on an
 * h2, and the compose window's h2 has no ids, so neither matches.
 */
export const THREAD_HEADING = 'h2[data-thread-perm-id]';

// The message blocks, people chips and the layers that read them: gmail-people.ts.
export { MESSAGE, PERSON_CHIP, SENDER_CHIP } from './gmail-people';

/** The user's own chip in a conversation, the last fallback for the signed-in address. */
export const SELF_CHIP = 'span[email][name="me"]';

/** The signed-in account button in the Google bar; the address is in its aria-label. */
export const ACCOUNT_BUTTON = [
  // Any UI language: the account button links to the sign-out chooser.
  //   <a class="gb_B gb_Za gb_0" aria-label="Google Account: Sam Carter  &#10;(sam.carter@brightwave.io)"
  //      href="https://accounts.google.com/SignOutOptions?hl=en&continue=https://mail.google.com/mail/&...">
  'header a[href^="https://accounts.google.com/SignOutOptions"][aria-label]',
  // English UI, when the link target differs (e.g. a Workspace SSO account chooser).
  'a[aria-label^="Google Account:"]',
];

/**
 * Gmail's side panel, beside the conversation, where Calendar, Keep, Tasks and add-ons open; Gmail
 * narrows the conversation when its content area widens, so the sidebar docks here (as InboxSDK's
 * app sidebar does). Found by its vertical tab list of apps, then by its class:
 *   <div class="nH bAw nn" role="complementary" aria-label="Side panel">
 *     <div class="brC-aT5-aOt-Jw" role="navigation" aria-label="Side panel">
 *       <div class="brC-dA-I-Jw" role="tablist" aria-orientation="vertical"> ...Calendar, Keep... </div>
 *     </div><div class="brC-brG" style="display: none;"></div></div>
 */
export const SIDE_PANEL = [
  'div[role="complementary"]:has(> [role="navigation"] > [role="tablist"][aria-orientation="vertical"])',
  'div.bAw[role="complementary"]',
];

// ---------------------------------------------------------------------------------------------
// URLs (pure)
// ---------------------------------------------------------------------------------------------

/** Hash views whose first segment is followed by an argument (query, label) before a thread token. */
const VIEWS_WITH_ARGUMENT = new Set(['search', 'label', 'category', 'advanced-search', 'app']);
/** Hash views that never show a conversation, whatever follows. */
const VIEWS_WITHOUT_THREADS = new Set(['settings', 'chat', 'calls', 'contacts', 'create-filter']);
/**
 * A conversation token: today's `FMfcgz...`/`KtbxL...` tokens (about 32 characters) or the legacy
 * 16-digit hex id. Page markers (`p2`) and short words are shorter.
 */
const THREAD_TOKEN = /^[A-Za-z0-9_-]{16,}$/;

/** A pop-out window's thread, as its `th` parameter names it (`thread-f:1885968584768869285`). */
const POPOUT_THREAD = /^thread-[a-z]:\d{1,30}$/;

/** True for Gmail's web app (https://mail.google.com/mail/...). */
export function isGmailUrl(url: URL): boolean {
  return (
    url.protocol === 'https:' &&
    url.hostname === 'mail.google.com' &&
    (url.pathname === '/mail' || url.pathname.startsWith('/mail/'))
  );
}

/**
 * The conversation token in the hash, or null when the URL shows a list, settings or only compose:
 *   #inbox/FMfcgz...            -> FMfcgz...
 *   #label/Globex/FMfcgz...     -> FMfcgz...
 *   #search/workshop/FMfcgz...  -> FMfcgz...
 *   #inbox, #inbox/p2, #label/Globex, #inbox?compose=new, #settings/general -> null
 */
export function threadTokenFromUrl(url: URL): string | null {
  if (!isGmailUrl(url)) return null;
  // The pop-out thread window names its thread in a parameter, not in the hash:
  //   /mail/u/0/popout?ver=...&search=inbox&th=%23thread-f%3A1885968584768869285 -> thread-f:1885...
  if (url.pathname.endsWith('/popout')) {
    const th = (url.searchParams.get('th') ?? '').replace(/^#/, '');
    return POPOUT_THREAD.test(th) ? th : null;
  }
  const hash = url.hash.replace(/^#/, '');
  const path = hash.split('?')[0] ?? '';
  const segments = path.split('/').filter((s) => s !== '');
  const view = segments[0];
  if (view === undefined || VIEWS_WITHOUT_THREADS.has(view)) return null;
  const minimum = VIEWS_WITH_ARGUMENT.has(view) ? 3 : 2;
  if (segments.length < minimum) return null;
  const last = segments[segments.length - 1] ?? '';
  return THREAD_TOKEN.test(last) ? last : null;
}

/** True when the URL says a conversation is open. */
export function isThreadUrl(url: URL): boolean {
  return threadTokenFromUrl(url) !== null;
}

// ---------------------------------------------------------------------------------------------
// Reading (pure functions of a Document)
// ---------------------------------------------------------------------------------------------

/** Subject text as shown: text nodes, and emoji images by their `data-emoji` or `alt`. */
function textOf(node: Node): string {
  let out = '';
  node.childNodes.forEach((child) => {
    if (child.nodeType === 3) out += child.nodeValue ?? '';
    else if (child.nodeType === 1) {
      const el = child as Element;
      if (el.tagName === 'IMG')
        out += el.getAttribute('data-emoji') ?? el.getAttribute('alt') ?? '';
      else out += textOf(el);
    }
  });
  return out;
}

function threadIdOf(heading: Element): string | null {
  const legacy = heading.getAttribute('data-legacy-thread-id')?.trim();
  const perm = heading.getAttribute('data-thread-perm-id')?.trim();
  const id = legacy || perm;
  return id ? id.slice(0, 200) : null;
}

/** The signed-in address from an aria-label such as "Google Account: Sam Carter (sam@x.io)". */
export function addressFromLabel(label: string): string | null {
  const inParens = label.match(/\(([^()]+)\)/g) ?? [];
  for (const part of inParens.reverse()) {
    const email = normaliseAddress(part.slice(1, -1));
    if (email) return email;
  }
  for (const word of label.split(/[\s()<>]+/)) {
    const email = normaliseAddress(word);
    if (email) return email;
  }
  return null;
}

/** The signed-in address from a title such as "Subject - sam@x.io - Gmail" (the last one wins). */
export function addressFromTitle(title: string): string | null {
  const parts = title.split(' - ');
  for (let i = parts.length - 1; i >= 0; i--) {
    const email = normaliseAddress(parts[i]);
    if (email) return email;
  }
  return null;
}

/**
 * A delegated mailbox (`/mail/b/<n>/u/<n>/`, or `/mail/u/<n>/d/...` in older links): someone else's
 * mailbox, opened by the signed-in user. Its own address is the mailbox's, which the title shows;
 * the account button still names the user who opened it.
 */
export function isDelegatedUrl(url: URL): boolean {
  return /^\/mail\/b\/\d+\//.test(url.pathname);
}

/**
 * The mailbox's own address: the account button, then the page title, then the "me" chip. In a
 * delegated mailbox the title comes first: "me" there is the mailbox, not the user who opened it.
 */
export function readSelfEmail(
  doc: Document,
  conversation?: Element,
  delegated = false,
): string | null {
  const fromTitle = addressFromTitle(doc.title ?? '');
  if (delegated && fromTitle) return fromTitle;
  for (const selector of ACCOUNT_BUTTON) {
    for (const el of Array.from(doc.querySelectorAll(selector))) {
      const email = addressFromLabel(el.getAttribute('aria-label') ?? '');
      if (email) return email;
    }
  }
  if (fromTitle) return fromTitle;
  const me = conversation?.querySelector(SELF_CHIP);
  return normaliseAddress(me?.getAttribute('email'));
}

/** The visible conversation headings in the active view(s). */
function visibleHeadings(doc: Document): Element[] {
  const headings: Element[] = [];
  for (const view of Array.from(doc.querySelectorAll(MAIN_VIEW))) {
    if (isHidden(view)) continue;
    for (const heading of Array.from(view.querySelectorAll(THREAD_HEADING))) {
      if (!isHidden(heading)) headings.push(heading);
    }
  }
  return headings;
}

/** The nearest ancestor of the heading that also holds the messages (`div.a98.iY` today). */
function conversationOf(heading: Element): Element | null {
  for (let node = heading.parentElement; node; node = node.parentElement) {
    if (node.querySelector(MESSAGE)) return node;
    if (node.matches(MAIN_VIEW)) return null;
  }
  return null;
}

/**
 * People in the conversation's shown messages (gmail-people.ts), the first sender first, each
 * address once, without the user; and the layer that read them.
 */
function participantsOf(
  conversation: Element,
  self: string | null,
): { layer: string; participants: HostContext['participants'] } | null {
  const messages = Array.from(conversation.querySelectorAll(MESSAGE)).filter((m) => !isHidden(m));
  const answer = readInLayers(PEOPLE_LAYERS, messages, (people) =>
    people.some((p) => p.email !== self && p.name !== 'me'),
  );
  if (!answer) return null;
  const participants: HostContext['participants'] = [];
  for (const { email, name } of answer.value) {
    // The user is not a participant to match; Gmail names them "me" anyway.
    if (email === self || name === 'me') continue;
    participants.push({ email, name });
    if (participants.length >= MAX_PARTICIPANTS) break;
  }
  return { layer: answer.layer, participants };
}

function readGmail(doc: Document, url: URL): ReadResult {
  const threadUrl = isThreadUrl(url);
  const headings = visibleHeadings(doc);
  if (headings.length === 0) {
    if (!threadUrl) return { status: 'none' };
    return doc.querySelector(MAIN_VIEW)
      ? unreadable(`the URL shows a conversation but no visible ${THREAD_HEADING} was found`)
      : unreadable(`the URL shows a conversation but there is no ${MAIN_VIEW}`);
  }
  const ids = new Set(headings.map(threadIdOf));
  if (ids.size > 1) return unreadable('more than one conversation is visible');
  const heading = headings[0] as Element;
  const id = threadIdOf(heading);
  if (!id) return unreadable('the conversation heading has an empty thread id');
  const conversation = conversationOf(heading);
  if (!conversation) return unreadable(`the conversation has no message blocks (${MESSAGE})`);
  const self = readSelfEmail(doc, conversation, isDelegatedUrl(url));
  const read = participantsOf(conversation, self);
  if (!read) return unreadable(`the conversation shows no people (${layersTried(PEOPLE_LAYERS)})`);

  const context: HostContext = {
    host: 'gmail',
    url: url.href,
    participants: read.participants,
    domains: [],
    names: [],
    thread: { id, subject: squash(textOf(heading), 1000) },
  };
  if (self) context.selfEmail = self;
  return { status: 'open', key: id, context, layer: read.layer };
}

export const gmailAdapter: HostAdapter = {
  host: 'gmail',
  matches: isGmailUrl,
  read: readSafely(readGmail),
  /**
   * The view container (`div.aeF > div.nH`), found as the parent of the active view: opening,
   * leaving or switching a conversation happens inside it, while the header, navigation, chat and
   * compose windows live outside it.
   */
  watchRoot(doc) {
    try {
      return doc.querySelector(MAIN_VIEW)?.parentElement ?? null;
    } catch {
      return null;
    }
  },
  /** Gmail's side panel (SIDE_PANEL): the sidebar docks in it and Gmail narrows the conversation. */
  dockSlot(doc) {
    for (const selector of SIDE_PANEL) {
      const slot = doc.querySelector(selector);
      if (slot) return slot;
    }
    return null;
  },
};
