/**
 * Who a Gmail conversation shows, read in layers (layers.ts) from the message headers only:
 *   1. `person-chips`: the chips' stable attributes, `email` and `data-hovercard-id`, which InboxSDK
 *      and gmail.js have both read for years;
 *   2. `accessible-names`: accessible names and tooltips in a header that carry an address
 *      (`aria-label="Anna Keller (anna.keller@northwind.co.uk)"`), for a layout whose chips lost
 *      their attributes;
 *   3. `header-text`: `mailto:` links and the address text a header shows beside a name
 *      (`Anna Keller <anna.keller@northwind.co.uk>`).
 * A message body is never read by any layer: a quoted reply, a forwarded header, a signature or a
 * pasted chip names people who are not in this conversation, and must not pull in their accounts.
 */
import {
  addressesOfMailto,
  isHidden,
  normaliseAddress,
  peopleInLabel,
  squash,
  MAILTO_LINK,
} from './read-helpers';
import type { ReadLayer } from './layers';

/**
 * One block per message, collapsed (`div.adf`) or expanded (`div.adn`), in the conversation's
 * `div[role="list"]`:
 *   <div class="adn ads" data-message-id="#msg-f:1885..." data-legacy-message-id="1a2c...">
 */
export const MESSAGE = 'div[data-message-id]';

/**
 * People chips in a message header; `name` holds the display name, and "me" for the user:
 *   <span translate="no" class="gD" email="anna.keller@northwind.co.uk" name="Anna Keller"
 *         data-hovercard-id="anna.keller@northwind.co.uk"><span>Anna Keller</span></span>
 *   <span class="hb">to <span dir="ltr" email="sam.carter@brightwave.io" name="me" class="g2">me</span>,
 *   <span dir="ltr" email="tom.reyes@mail.northwind.co.uk" name="Tom Reyes" class="g2">Tom</span></span>
 */
export const PERSON_CHIP = 'span[email]';

/**
 * Anything carrying a hovercard for an address: chips, and the sender's avatar beside the header:
 *   <img class="ajn" jid="anna.keller@northwind.co.uk" data-hovercard-id="anna.keller@northwind.co.uk">
 */
export const HOVERCARD = '[data-hovercard-id*="@"]';

/**
 * The sender's chip: the header's sender line is an h3 (`h3.iw`), recipients are not in it:
 *   <h3 class="iw"><span class="qu"><span class="gD" email="..." name="...">...</span></span></h3>
 */
export const SENDER_CHIP = 'h3 span[email]';

/**
 * A message body and its attachments, which no layer reads. The body's classes are Gmail's
 * obfuscated ones, but the same since the 2011 layout and the ones InboxSDK's message view reads:
 *   <div id=":3j" class="ii gt"><div id=":3k" class="a3s aiL"> ...body, quotes, signature...
 *   <div class="hq gt"> ...attachment cards...
 */
export const MESSAGE_BODY = '.ii.gt, .a3s, .hq.gt';

/** Elements whose accessible name or tooltip carries an address. */
export const LABELLED = '[aria-label*="@"], [title*="@"], [data-tooltip*="@"]';

/** Email links (read-helpers.ts); the fixture tests count them here. */
export { MAILTO_LINK };

export interface Person {
  email: string;
  name: string;
}

/** Shown, in a shown message, and outside every message body. */
function inHeader(el: Element): boolean {
  return !el.closest(MESSAGE_BODY) && !isHidden(el);
}

/** Each address once, in order; a later sighting names a person the first one left unnamed. */
function once(found: Person[]): Person[] {
  const byEmail = new Map<string, Person>();
  for (const person of found) {
    const seen = byEmail.get(person.email);
    if (!seen) byEmail.set(person.email, { ...person });
    else if (!seen.name && person.name) seen.name = person.name;
  }
  return [...byEmail.values()];
}

/** The shown messages' header elements matching `selector`, the first message's sender first. */
function headerElements(messages: readonly Element[], selector: string): Element[] {
  return messages.flatMap((message) =>
    Array.from(message.querySelectorAll(selector)).filter(inHeader),
  );
}

/** A chip's person: the `email` attribute, else its hovercard's; the name, unless it is "me". */
function personOfChip(chip: Element): Person | null {
  const email =
    normaliseAddress(chip.getAttribute('email')) ??
    normaliseAddress(chip.getAttribute('data-hovercard-id'));
  if (!email) return null;
  const named = chip.getAttribute('name');
  // Gmail names the user "me" in an English chip; in any language the address is the user's own,
  // which the reader leaves out as well.
  if (named === 'me') return { email, name: 'me' };
  const text = chip.tagName === 'IMG' ? '' : squash(chip.textContent ?? '', 200);
  return { email, name: squash(named || (normaliseAddress(text) ? '' : text), 200) };
}

/** The first message's sender chip first (the thread's first sender), then page order. */
function senderFirst(messages: readonly Element[], found: { el: Element; person: Person }[]) {
  const first = messages[0]?.querySelector(SENDER_CHIP);
  const at = found.findIndex((f) => f.el === first);
  if (at > 0) found.unshift(...found.splice(at, 1));
  return found.map((f) => f.person);
}

/**
 * The people of a conversation's shown messages, layer by layer. Each layer returns null when it
 * finds nothing it looks for, so the next one is tried.
 */
export const PEOPLE_LAYERS: readonly ReadLayer<readonly Element[], Person[]>[] = [
  {
    name: 'person-chips',
    dated: '2026-11-28',
    looksFor: `${PERSON_CHIP}, ${HOVERCARD}`,
    read(messages) {
      const found = headerElements(messages, `${PERSON_CHIP}, ${HOVERCARD}`).flatMap((el) => {
        const person = personOfChip(el);
        return person ? [{ el, person }] : [];
      });
      return found.length ? once(senderFirst(messages, found)) : null;
    },
  },
  {
    name: 'accessible-names',
    dated: '2026-12-05',
    looksFor: `${LABELLED} carrying an address`,
    read(messages) {
      const found = headerElements(messages, LABELLED).flatMap((el) =>
        peopleInLabel(
          el.getAttribute('aria-label') ||
            el.getAttribute('title') ||
            el.getAttribute('data-tooltip') ||
            '',
        ),
      );
      return found.length ? once(found) : null;
    },
  },
  {
    name: 'header-text',
    dated: '2026-12-05',
    looksFor: `${MAILTO_LINK} and addresses in the text of the message headers`,
    read(messages) {
      const found: Person[] = [];
      for (const message of messages) {
        for (const link of headerElements([message], MAILTO_LINK)) {
          const text = squash(link.textContent ?? '', 200);
          for (const email of addressesOfMailto(link.getAttribute('href') ?? ''))
            found.push({ email, name: normaliseAddress(text) ? '' : text });
        }
        found.push(...addressLines(message));
      }
      return found.length ? once(found) : null;
    },
  },
];

/**
 * The header lines of a message that show an address as text ("Anna Keller <anna@x.io>", "to
 * tom@x.io"), each element once, read whole so that a name beside its address stays with it.
 */
function addressLines(message: Element): Person[] {
  const found: Person[] = [];
  const walker = message.ownerDocument.createTreeWalker(message, 4 /* NodeFilter.SHOW_TEXT */);
  const seen = new Set<Element>();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || !(node.nodeValue ?? '').includes('@')) continue;
    // The line around the address: Gmail wraps the brackets in their own spans.
    const line = el.parentElement && inHeader(el.parentElement) ? el.parentElement : el;
    if (seen.has(line) || !inHeader(el)) continue;
    seen.add(line);
    found.push(...peopleInLabel(line.textContent ?? ''));
  }
  return found;
}
