/**
 * International domain names (почта.рф, münchen.de) in one stored form, and shown as people write
 * them.
 *
 * The stored form is ASCII (punycode, "xn--80a1acny.xn--p1ai"): it is what DNS, URLs and most
 * mail headers carry, so a thread that shows either form finds the same account, and it is the
 * form the public-suffix list is matched in. The conversion is the platform's own URL parser
 * (UTS #46 mapping: case, full-width dots, compatibility characters), the same in the worker, the
 * pages and Node, with no extra library. tldts alone would not do: it returns a Unicode domain for
 * a Unicode host and an ASCII one for an ASCII host, two forms of one company.
 */

/** Characters a URL parser reads as something other than a host, so it must never see them. */
const NOT_HOST = /[\s/\\?#@:[\]%]/;

/** Lower-case ASCII letters, digits, hyphens and dots only: no label the parser would change. */
const PLAIN_HOST = /^[a-z0-9.-]+$/;
/** The parser also accepts IPv4 numbers ("1.2.3.4", "0x7f.1"): not a domain. */
const IPV4_LIKE = /^[\d.]+$|^0x/i;

/** The ASCII (punycode) form of a host name, lower case; null when it is not a host name. */
export function asciiHost(host: string): string | null {
  const trimmed = host.trim();
  if (trimmed === '' || NOT_HOST.test(trimmed)) return null;
  // Nearly every host is plain ASCII already: the URL parser would give it back lower-cased, so
  // skip it (it ran for every address of every thread resolved).
  const lower = trimmed.toLowerCase();
  if (PLAIN_HOST.test(lower) && !lower.includes('xn--'))
    return IPV4_LIKE.test(lower) ? null : lower;
  try {
    const hostname = new URL(`http://${trimmed}`).hostname;
    return hostname === '' || IPV4_LIKE.test(hostname) ? null : hostname;
  } catch {
    return null;
  }
}

/** The host as people write it: each "xn--" label decoded ("xn--p1ai" -> "рф"). */
export function unicodeHost(host: string): string {
  return host
    .split('.')
    .map((label) => (/^xn--/i.test(label) ? (decodeLabel(label.slice(4)) ?? label) : label))
    .join('.');
}

/** A list of domains for display: "пример.рф, acme.com". */
export function showDomains(domains: readonly string[]): string {
  return domains.map(unicodeHost).join(', ');
}

// RFC 3492 (Punycode) decoding, with the parameters IDNA uses.
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function digitOf(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 22; // 0-9 -> 26-35
  if (code >= 0x41 && code <= 0x5a) return code - 0x41; // A-Z
  if (code >= 0x61 && code <= 0x7a) return code - 0x61; // a-z
  return BASE;
}

/** One label's Unicode form, or null when it is not valid punycode. */
function decodeLabel(input: string): string | null {
  const output: number[] = [];
  const basicEnd = Math.max(input.lastIndexOf('-'), 0);
  for (let j = 0; j < basicEnd; j++) {
    const code = input.charCodeAt(j);
    if (code >= 0x80) return null;
    output.push(code);
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  for (let index = basicEnd > 0 ? basicEnd + 1 : 0; index < input.length;) {
    const oldI = i;
    for (let w = 1, k = BASE; ; k += BASE) {
      if (index >= input.length) return null;
      const digit = digitOf(input.charCodeAt(index++));
      if (digit >= BASE) return null;
      i += digit * w;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      w *= BASE - t;
      if (w > 0x7fffffff || i > 0x7fffffff) return null;
    }
    const points = output.length + 1;
    bias = adapt(i - oldI, points, oldI === 0);
    n += Math.floor(i / points);
    i %= points;
    if (n > 0x10ffff) return null;
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}
