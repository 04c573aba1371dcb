/**
 * "Save this page for a report": a host page's structure with everything personal taken out, so
 * that a page Rapport could not read can be shared and become a dated fixture
 * (tests/fixtures/<host>/<host>-<date>-<state>.html; the README says how).
 *
 * What is kept is what the adapters read: elements, ids, classes, roles, test ids, inline styles,
 * record and thread ids in attributes and link paths. What goes:
 * - every text, and every attribute that is text (aria-label, title, alt, value, name...), becomes
 *   placeholders of the same length and script ("Anna Keller" -> "Xxxx Xxxxxx", "Кому" -> "Жжжж");
 *   digits become 0;
 * - every address becomes `person<N>@example.com`, the same N for the same address everywhere, so
 *   the page's people stay told apart;
 * - scripts, styles, comments, event handlers, frames' and images' sources, hidden inputs' values
 *   and query parameters that carry tokens are dropped.
 *
 * Pure: it works on a copy and never changes the page. Not bundled with the reporter: it runs
 * only when the user asks for a snapshot.
 */

/** Addresses in text or an attribute (the same shape read-helpers.ts finds). */
const ADDRESS = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/** An example.com stand-in, numbered in order of first sight. */
const STAND_IN = /^person\d+@example\.com$/;

/** Elements dropped with everything inside. */
const DROPPED = 'script, style, noscript, link, object, embed, base, svg style';
/** Attributes whose values are words for people to read. */
const TEXT_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'title',
  'alt',
  'placeholder',
  'value',
  'name',
  'label',
  'content',
  'data-tooltip',
  'data-name',
  'field-label',
  'jid',
]);
/** Attributes holding a URL. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'poster', 'cite']);
/** Attributes dropped: sources that would load, and their alternatives. */
const DROPPED_ATTRIBUTES = new Set(['srcset', 'srcdoc', 'ping', 'nonce', 'integrity']);
/** Query parameters that carry sessions, keys or signatures. */
const TOKEN_PARAM = /token|key|auth|sig|session|secret|code|state|nonce|ticket|^ik$|^at$|^ver$/i;
/** A one-pixel image instead of any image source. */
const BLANK_IMAGE =
  'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

/** Each character as a placeholder of its script and case; spaces and punctuation kept. */
export function placeholderText(text: string): string {
  return text.replace(/\p{L}|\p{N}/gu, (ch) => {
    const upper = ch !== ch.toLowerCase();
    if (/\p{N}/u.test(ch)) return '0';
    if (/\p{Script=Latin}/u.test(ch)) return upper ? 'X' : 'x';
    if (/\p{Script=Cyrillic}/u.test(ch)) return upper ? 'Ж' : 'ж';
    if (/\p{Script=Greek}/u.test(ch)) return upper ? 'Λ' : 'λ';
    if (/\p{Script=Han}/u.test(ch)) return '字';
    if (/\p{Script=Arabic}/u.test(ch)) return 'ب';
    if (/\p{Script=Hebrew}/u.test(ch)) return 'א';
    return upper ? 'X' : 'x';
  });
}

/**
 * CRM hosts whose first labels name the customer (`brightwave.pipedrive.com`,
 * `northwind.lightning.force.com`): the labels before these become `company`, the part the
 * adapters match is kept.
 */
const TENANT_SUFFIXES = [
  'pipedrive.com',
  'lightning.force.com',
  'my.salesforce.com',
  'force.com',
  'salesforce.com',
];

/** A CRM tenant's host with the customer's name taken out, or null for any other host. */
export function tenantStandIn(host: string): string | null {
  const suffix = TENANT_SUFFIXES.find((s) => host.endsWith(`.${s}`));
  return suffix ? `company.${suffix}` : null;
}

/**
 * Other sites' hosts (a client's website) as numbered stand-ins; the page's own host kept, except
 * a CRM tenant's name.
 */
function hostStandIns(pageHost: string): (host: string) => string {
  const seen = new Map<string, string>();
  return (host) => {
    const tenant = tenantStandIn(host);
    if (tenant) return tenant;
    if (host === pageHost || host.endsWith('.example.com')) return host;
    if (!seen.has(host)) seen.set(host, `site${seen.size + 1}.example.com`);
    return seen.get(host) as string;
  };
}

/** Turns the addresses of one page into numbered stand-ins, the same one for the same address. */
function standIns(): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) =>
    text.replace(ADDRESS, (address) => {
      const key = address.toLowerCase();
      if (STAND_IN.test(key)) return key;
      if (!seen.has(key)) seen.set(key, `person${seen.size + 1}@example.com`);
      return seen.get(key) as string;
    });
}

/** Text with its addresses stood in for and every other word made a placeholder. */
function cleanText(text: string, standIn: (text: string) => string): string {
  const parts = standIn(text).split(/(person\d+@example\.com)/);
  return parts.map((part, i) => (i % 2 === 1 ? part : placeholderText(part))).join('');
}

/** A URL without tokens: mailto stood in for, query parameters that carry tokens dropped. */
export function cleanUrl(
  value: string,
  standIn: (text: string) => string,
  hostStandIn: (host: string) => string = (host) => host,
): string {
  const raw = value.trim();
  if (/^mailto:/i.test(raw)) return `mailto:${standIn(raw.slice(7).split('?')[0] ?? '')}`;
  if (/^(javascript|data|blob|vbscript):/i.test(raw)) return '';
  // Phone and messenger links carry a number or a handle: placeholders, the scheme kept.
  const dial = /^(tel|sms|callto|skype|facetime|sip|sips|whatsapp|im|xmpp):/i.exec(raw);
  if (dial) return `${dial[0].toLowerCase()}${placeholderText(standIn(raw.slice(dial[0].length)))}`;
  let url: URL;
  try {
    url = new URL(raw, 'https://placeholder.invalid/');
  } catch {
    return '';
  }
  for (const name of [...url.searchParams.keys()])
    if (TOKEN_PARAM.test(name)) url.searchParams.delete(name);
  for (const [name, param] of [...url.searchParams.entries()])
    url.searchParams.set(name, cleanSegment(param, standIn));
  if (url.hostname !== 'placeholder.invalid') url.hostname = hostStandIn(url.hostname);
  url.username = '';
  url.password = '';
  url.pathname = cleanPath(url.pathname, standIn);
  url.hash = cleanPath(url.hash.replace(/^#/, ''), standIn);
  const relative = url.origin === 'https://placeholder.invalid' && !/^https?:/i.test(raw);
  return relative ? `${url.pathname}${url.search}${url.hash}` : url.href;
}

/** Route words the adapters parse, kept: lower-case words, and Salesforce's object names. */
const ROUTE_WORD = /^(?:[a-z][a-z-]*|Account|Contact|Opportunity|Lead)$/;
/** Ids: anything with a digit, or a long token of id characters (`FMfcgz...`). */
const ID_LIKE = /^(?=.*\d)[\w.:=+-]+$|^[\w-]{16,}$/;

/**
 * A path or hash with its ids and route words kept and every other segment (a label's or a
 * search's words, a name) made a placeholder: `#label/Globex/FMfcgz...` -> `#label/Xxxxxx/FMfcgz...`.
 */
function cleanPath(path: string, standIn: (text: string) => string): string {
  return path
    .split('/')
    .map((part) => {
      let segment: string;
      try {
        segment = decodeURIComponent(part);
      } catch {
        segment = part;
      }
      return encodeURIComponent(cleanSegment(segment, standIn)).replace(/%3A/gi, ':');
    })
    .join('/');
}

/** One path segment or parameter value: ids and route words kept, anything else placeholders. */
function cleanSegment(segment: string, standIn: (text: string) => string): string {
  if (segment === '' || ROUTE_WORD.test(segment) || ID_LIKE.test(segment)) return standIn(segment);
  return cleanText(segment, standIn);
}

function cleanElement(
  el: Element,
  standIn: (text: string) => string,
  hostStandIn: (host: string) => string,
): void {
  for (const attr of Array.from(el.attributes)) {
    const name = attr.name.toLowerCase();
    if (name.startsWith('on') || DROPPED_ATTRIBUTES.has(name)) {
      el.removeAttribute(attr.name);
    } else if (el.tagName === 'IMG' && name === 'src') {
      el.setAttribute(attr.name, BLANK_IMAGE);
    } else if (el.tagName === 'IFRAME' && name === 'src') {
      el.removeAttribute(attr.name);
    } else if (el.tagName === 'INPUT' && name === 'value' && el.getAttribute('type') === 'hidden') {
      el.removeAttribute(attr.name);
    } else if (URL_ATTRIBUTES.has(name)) {
      el.setAttribute(attr.name, cleanUrl(attr.value, standIn, hostStandIn));
    } else if (TEXT_ATTRIBUTES.has(name) || name.startsWith('aria-label')) {
      el.setAttribute(attr.name, cleanText(attr.value, standIn));
    } else {
      // Ids, classes, roles, test ids, styles: kept, with any address in them stood in for.
      el.setAttribute(attr.name, standIn(attr.value));
    }
  }
}

/**
 * The page as a sanitised fixture: the URL comment the fixture loaders read, a note saying what was
 * done, and the document's markup.
 */
export function snapshotPage(doc: Document, url: URL, takenAt: Date = new Date()): string {
  const standIn = standIns();
  const hostStandIn = hostStandIns(url.hostname);
  const root = doc.documentElement.cloneNode(true) as Element;
  for (const el of Array.from(root.querySelectorAll(DROPPED))) el.remove();
  const walker = doc.createTreeWalker(root, 0x80 /* SHOW_COMMENT */);
  const comments: Node[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) comments.push(node);
  for (const comment of comments) comment.parentNode?.removeChild(comment);
  const texts = doc.createTreeWalker(root, 0x4 /* SHOW_TEXT */);
  for (let node = texts.nextNode(); node; node = texts.nextNode())
    node.nodeValue = cleanText(node.nodeValue ?? '', standIn);
  cleanElement(root, standIn, hostStandIn);
  for (const el of Array.from(root.querySelectorAll('*'))) cleanElement(el, standIn, hostStandIn);
  // The title is the one text outside the body that the adapters read (Gmail's address).
  const pageUrl = cleanUrl(url.href, standIn, hostStandIn).replace(/--+/g, '-');
  const date = takenAt.toISOString().slice(0, 10);
  return [
    `<!-- url: ${pageUrl} -->`,
    `<!-- Rapport page snapshot, ${date}: text replaced by placeholders of the same length and script,`,
    `     addresses by personN@example.com; scripts, styles and sources dropped. Read it before sharing. -->`,
    '<!DOCTYPE html>',
    new XMLSerializer().serializeToString(root),
    '',
  ].join('\n');
}
