/**
 * Outlook on the web adapter: the only code that reads Outlook's mail pages (outlook.office.com,
 * outlook.office365.com, outlook.live.com, outlook.cloud.microsoft). It runs in the content script,
 * and shares its reading helpers with the other adapters (read-helpers.ts).
 *
 * It reads the message or conversation open in the reading pane and nothing else: the message list
 * beside it carries senders and subjects too (`span[title]`, `data-convid`), so every lookup starts
 * from the reading pane. The thread id comes from the URL (`/mail/inbox/id/<id>`, Outlook's own
 * route), or, when the URL has none, from the selected list row's `data-convid`.
 *
 * Outlook translates its labels ("From:", "To:", "Message body"), so nothing here reads a label:
 * people come from the persona chips' text and attributes, where Outlook shows an address in angle
 * brackets (`Anna Keller<anna.keller@northwind.co.uk>`) or in a title, and from `mailto:` links in a
 * message header. Message bodies are never read for people: a signature or a quoted reply is not a
 * participant.
 *
 * Markup as public extensions read Outlook on the web (`#ReadingPaneContainerId`,
 * `#ConversationReadingPaneContainer`, `#ItemReadingPaneContainer`, `data-app-section`,
 * `data-testid="RecipientWell"`, `span[data-lpc-hover-target-id]`, `div[role="document"]`,
 * `[data-convid][aria-selected]`, `#mectrl_currentAccount_secondary`), checked against the dated
 * fixtures in tests/fixtures/outlook/ (outlook-2026-11-28-*.html); the fixture test asserts an
 * exact count for every selector below.
 */
import type { HostContext } from '@/utils/contract/messages';
import {
  addressesOfMailto,
  isHidden,
  normaliseAddress,
  peopleInLabel,
  squash,
  unreadable,
  MAILTO_LINK,
  readSafely,
} from './read-helpers';
import { layersTried, readInLayers, type ReadLayer } from './layers';
import { MAX_PARTICIPANTS } from '@/utils/contract/limits';
import type { HostAdapter, ReadResult } from './types';
import { isItemUrl, isOutlookUrl, itemIdFromUrl } from './outlook-urls';

export { isItemUrl, isOutlookUrl, itemIdFromUrl };

// ---------------------------------------------------------------------------------------------
// Selectors. Outlook's own element ids, test ids and ARIA roles; never its hashed class names.
// ---------------------------------------------------------------------------------------------

/** The reading pane: where an open item is shown, and the watch root. */
export const READING_PANE = [
  // Beside (or instead of) the message list; it stays while items come and go, and shows an empty
  // state when nothing is open:
  //   <div id="ReadingPaneContainerId" class="customScrollBar ..."> ...
  '#ReadingPaneContainerId',
  // The deep-link view (/mail/deeplink/read/<id>, where Outlook's own "open in new window" and
  // Graph's webLink land): one item, no list, no reading pane container around it:
  //   <div id="ItemReadingPaneContainer" class="..."> ...
  '#ItemReadingPaneContainer',
];

/** The open item inside the reading pane; absent while the pane shows its empty state. */
export const OPEN_ITEM = [
  // A conversation (conversation view on, the default):
  //   <div id="ConversationReadingPaneContainer" class="NTPm6 ..."> subject heading, messages
  '#ConversationReadingPaneContainer',
  // A single item (the deep-link view, or conversation view off):
  '#ItemReadingPaneContainer',
];

/**
 * The subject heading above the messages (the span inside carries the full subject in its title):
 *   <div role="heading" aria-level="2" class="..."><span title="Q1 renewal: volumes and pricing"
 *        class="JdFsz">Q1 renewal: volumes and pricing</span></div>
 */
export const SUBJECT_HEADING = '[role="heading"][aria-level="2"]';

/**
 * A message body; people inside one (signatures, quoted headers) are never read:
 *   <div role="document" aria-label="Message body" id="UniqueMessageBody_1" class="XbIp4 ..."> ...
 */
export const MESSAGE_BODY = 'div[role="document"]';

/**
 * A persona chip in a message header: sender, To and Cc alike (a live persona card opens on hover).
 * The address is in the text, after the name in angle brackets, or in the title; the user's own
 * chip, and chips in collapsed messages, often show the name only:
 *   <span data-lpc-hover-target-id="lpc-4" class="OZZZK">Anna Keller&lt;anna.keller@northwind.co.uk&gt;</span>
 *   <span data-lpc-hover-target-id="lpc-6" title="tom.reyes@mail.northwind.co.uk">Tom Reyes</span>
 *   <span data-lpc-hover-target-id="lpc-5" title="Priya Shah &lt;priya.shah@initech-systems.com&gt;">Priya Shah</span>
 */
export const PERSONA = 'span[data-lpc-hover-target-id]';

/**
 * The recipients line of a message header (To, Cc, Bcc): chips inside it are recipients, chips
 * outside it (and outside the body) are senders:
 *   <div data-testid="RecipientWell" class="kcAOr t9ThB"> ...
 */
export const RECIPIENT_WELL = '[data-testid="RecipientWell"]';

/**
 * Elements whose accessible name or title carries an address: where a reading pane without persona
 * chips names the people of a message header (read only there, never in a body):
 *   <button type="button" aria-label="From: Anna Keller <anna.keller@northwind.co.uk>">Anna Keller</button>
 */
export const LABELLED = '[aria-label*="@"], [title*="@"]';

/** Email links (read-helpers.ts); the fixture tests count them here. */
export { MAILTO_LINK };

/**
 * The selected row of the message list, whose conversation id stands in when the URL has none:
 *   <div role="option" data-convid="AAQkAGM3..." aria-selected="true" class="... epBmH"> ...
 */
export const SELECTED_ROW = '[data-convid][aria-selected="true"]';

/** The signed-in address, where the page shows it. */
export const SELF_ADDRESS = [
  // The Microsoft account manager, once it has been opened (it is rendered on first open):
  //   <div id="mectrl_currentAccount_secondary" class="mectrl_truncate">sam.carter@brightwave.io</div>
  '#mectrl_currentAccount_secondary',
  // The mailbox's root in the folder pane, whose title is the address (trusted only when it is the
  // one address there: a shared mailbox or a second account adds another root):
  //   <div role="treeitem" aria-level="1" title="sam.carter@brightwave.io" class="...">...</div>
  '[role="tree"] [role="treeitem"][title*="@"]',
];

// ---------------------------------------------------------------------------------------------
// Reading (pure functions of a Document)
// ---------------------------------------------------------------------------------------------

/** An address in angle brackets, after a display name or alone. */
const BRACKETED = /<\s*([^<>\s]+@[^<>\s]+)\s*>/;

/**
 * A person from the text or an attribute of a chip:
 *   "Anna Keller<anna.keller@northwind.co.uk>" -> Anna Keller, anna.keller@northwind.co.uk
 *   "Priya Shah <priya.shah@initech-systems.com>" -> Priya Shah, priya.shah@initech-systems.com
 *   "tom.reyes@mail.northwind.co.uk" -> '', tom.reyes@mail.northwind.co.uk
 *   "Sam Carter" -> null
 */
export function personFromLabel(label: string): { email: string; name: string } | null {
  const text = squash(label, 1000);
  const bracketed = BRACKETED.exec(text);
  if (bracketed) {
    const email = normaliseAddress(bracketed[1]);
    if (!email) return null;
    const name = squash(
      squash(text.slice(0, bracketed.index), 200).replace(/^["']|["']$/g, ''),
      200,
    );
    return { email, name };
  }
  const email = normaliseAddress(text);
  return email ? { email, name: '' } : null;
}

/** A chip's person: the address from its text, title or aria-label; the name shown beside it. */
function personOfChip(chip: Element): { email: string; name: string } | null {
  const text = squash(chip.textContent ?? '', 1000);
  const shown = personFromLabel(text);
  const found =
    shown ??
    personFromLabel(chip.getAttribute('title') ?? '') ??
    personFromLabel(chip.getAttribute('aria-label') ?? '');
  if (!found) return null;
  // The name as shown, unless the chip shows only the address.
  const name = shown ? shown.name : normaliseAddress(text) ? found.name : squash(text, 200);
  return { email: found.email, name: name || found.name };
}

/**
 * A mailto: link's person (`<a href="mailto:a@x.io">Anna Keller</a>`): one link, one person, so
 * the link's text names its first address only.
 */
function personOfMailto(link: Element): { email: string; name: string } | null {
  const email = addressesOfMailto(link.getAttribute('href') ?? '')[0];
  if (!email) return null;
  const text = squash(link.textContent ?? '', 200);
  return { email, name: normaliseAddress(text) ? '' : text };
}

function firstVisible(root: ParentNode, selectors: string[]): Element | null {
  for (const selector of selectors) {
    for (const el of Array.from(root.querySelectorAll(selector))) if (!isHidden(el)) return el;
  }
  return null;
}

/** The signed-in user's address: the account manager, else the folder pane's single root. */
export function readSelfEmail(doc: Document): string | null {
  const [accountManager, folderRoot] = SELF_ADDRESS as [string, string];
  const fromManager = normaliseAddress(doc.querySelector(accountManager)?.textContent);
  if (fromManager) return fromManager;
  const roots = new Set(
    Array.from(doc.querySelectorAll(folderRoot)).flatMap(
      (el) => personFromLabel(el.getAttribute('title') ?? '')?.email ?? [],
    ),
  );
  return roots.size === 1 ? ([...roots][0] ?? null) : null;
}

/** The subject as shown: the full subject from the inner title, else the heading's text. */
function subjectOf(item: Element): string {
  for (const heading of Array.from(item.querySelectorAll(SUBJECT_HEADING))) {
    if (heading.closest(MESSAGE_BODY)) continue;
    const titled = heading.querySelector('[title]')?.getAttribute('title');
    const subject = squash(titled || heading.textContent || '', 1000);
    if (subject) return subject;
  }
  return '';
}

type Person = { email: string; name: string };

/** What a layer found in the item's headers: the people with addresses, senders first. */
interface HeaderPeople {
  people: Person[];
}

/** Outside every message body and the subject heading, and shown. */
function inHeader(el: Element): boolean {
  return !el.closest(MESSAGE_BODY) && !el.closest(SUBJECT_HEADING) && !isHidden(el);
}

/** Senders first (chips outside a recipients line), then recipients, in page order. */
function sendersFirst(found: { el: Element; person: Person }[]): Person[] {
  const recipients = found.filter((f) => f.el.closest(RECIPIENT_WELL));
  const senders = found.filter((f) => !f.el.closest(RECIPIENT_WELL));
  return [...senders, ...recipients].map((f) => f.person);
}

/**
 * The item's people, layer by layer (layers.ts). Outlook's persona chips, and mailto: links in a
 * header (a link's href is as stable as an attribute gets), come first; then the accessible names
 * and titles that carry an address, where a reading pane without chips names the sender
 * (`aria-label="From: Anna Keller <anna.keller@northwind.co.uk>"`); then the addresses the header
 * shows as text (`Anna Keller <anna.keller@northwind.co.uk>`).
 */
export const PEOPLE_LAYERS: readonly ReadLayer<Element, HeaderPeople>[] = [
  {
    name: 'persona-chips',
    dated: '2026-11-28',
    looksFor: `${PERSONA}, ${MAILTO_LINK}`,
    read(item) {
      const found: { el: Element; person: Person | null }[] = [];
      for (const chip of Array.from(item.querySelectorAll(PERSONA)))
        found.push({ el: chip, person: personOfChip(chip) });
      for (const link of Array.from(item.querySelectorAll(MAILTO_LINK)))
        if (!link.closest(PERSONA)) found.push({ el: link, person: personOfMailto(link) });
      const shown = found.filter((f) => !f.el.closest(MESSAGE_BODY) && !isHidden(f.el));
      if (shown.length === 0) return null;
      return {
        people: sendersFirst(shown.flatMap((f) => (f.person ? [{ ...f, person: f.person }] : []))),
      };
    },
  },
  {
    name: 'accessible-names',
    dated: '2026-12-05',
    looksFor: `${LABELLED} carrying an address`,
    read(item) {
      const found = Array.from(item.querySelectorAll(LABELLED))
        .filter(inHeader)
        .flatMap((el) =>
          peopleInLabel(el.getAttribute('aria-label') || el.getAttribute('title') || '').map(
            (person) => ({ el, person }),
          ),
        );
      return found.length ? { people: sendersFirst(found) } : null;
    },
  },
  {
    name: 'header-text',
    dated: '2026-12-05',
    looksFor: 'addresses in the text of the message headers',
    read(item) {
      const found: { el: Element; person: Person }[] = [];
      const doc = item.ownerDocument;
      const walker = doc.createTreeWalker(item, 4 /* NodeFilter.SHOW_TEXT */);
      const seen = new Set<Element>();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || seen.has(el) || !(node.nodeValue ?? '').includes('@') || !inHeader(el)) continue;
        seen.add(el);
        for (const person of peopleInLabel(el.textContent ?? '')) found.push({ el, person });
      }
      return found.length ? { people: sendersFirst(found) } : null;
    },
  },
];

/** The item's participants without the user, each address once, and the layer that read them. */
function participantsOf(
  item: Element,
  self: string | null,
): { layer: string; participants: HostContext['participants'] } | null {
  const answer = readInLayers(PEOPLE_LAYERS, item, (found) => found.people.length > 0);
  if (!answer) return null;
  const seen = new Set<string>();
  const participants: HostContext['participants'] = [];
  for (const person of answer.value.people) {
    if (seen.has(person.email)) continue;
    seen.add(person.email);
    if (person.email === self) continue;
    participants.push({ email: person.email, name: person.name });
    if (participants.length >= MAX_PARTICIPANTS) break;
  }
  return { layer: answer.layer, participants };
}

function readOutlook(doc: Document, url: URL): ReadResult {
  const urlId = itemIdFromUrl(url);
  const item = firstVisible(doc, OPEN_ITEM);
  if (!item) {
    if (!urlId) return { status: 'none' };
    return firstVisible(doc, READING_PANE)
      ? unreadable(
          `the URL shows an item but the reading pane shows none (${OPEN_ITEM.join(', ')})`,
        )
      : unreadable(
          `the URL shows an item but there is no reading pane (${READING_PANE.join(', ')})`,
        );
  }
  const rowId = doc.querySelector(SELECTED_ROW)?.getAttribute('data-convid')?.trim();
  const id = (urlId ?? rowId)?.slice(0, 200);
  if (!id) return unreadable('an item is open but neither the URL nor the message list names it');
  const subject = subjectOf(item);
  if (!subject) return unreadable(`the open item shows no subject (${SUBJECT_HEADING})`);
  const self = readSelfEmail(doc);
  const read = participantsOf(item, self);
  if (!read) return unreadable(`the open item shows no people (${layersTried(PEOPLE_LAYERS)})`);

  const context: HostContext = {
    host: 'outlook',
    url: url.href,
    participants: read.participants,
    domains: [],
    names: [],
    thread: { id, subject },
  };
  if (self) context.selfEmail = self;
  return { status: 'open', key: id, context, layer: read.layer };
}

export const outlookAdapter: HostAdapter = {
  host: 'outlook',
  matches: isOutlookUrl,
  read: readSafely(readOutlook),
  /**
   * The reading pane's container: opening, switching or closing an item happens inside it, while
   * the message list, the folder pane and the header live outside it.
   */
  watchRoot(doc) {
    try {
      return firstVisible(doc, READING_PANE);
    } catch {
      return null;
    }
  },
};
