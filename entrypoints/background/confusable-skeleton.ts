/**
 * The skeleton of a string under Unicode's confusables (UTS #39, section 4): two strings that look
 * the same have the same skeleton ("pаypal" with a Cyrillic "а" and "paypal"; "rn" and "m").
 *
 * The mapping is Unicode's confusables.txt (version 13.0) as the `unhomoglyph` package ships it,
 * one prototype per source code point. It is about 100 KB of JSON, so it lives in the background
 * only (a content script never imports this folder), and the lookup table is built on first use:
 * a worker that never meets an unknown sender never pays for it.
 */
import data from 'unhomoglyph/data.json';

let table: Map<number, string> | undefined;

function prototypes(): Map<number, string> {
  if (!table) {
    table = new Map();
    for (const [source, target] of Object.entries(data as Record<string, string>)) {
      const code = source.codePointAt(0);
      // Every source in confusables.txt is one code point; anything else is not a mapping.
      if (code !== undefined && String.fromCodePoint(code) === source) table.set(code, target);
    }
  }
  return table;
}

/**
 * The skeleton of a domain label, lower-cased: NFD, each code point mapped to its prototype, NFD
 * again (UTS #39), then lower case, because a domain name has no case ("0" maps to "O", which is
 * then the "o" of "micrоsoft" and "micr0soft" alike).
 */
export function skeleton(text: string): string {
  const map = prototypes();
  let out = '';
  for (const char of text.toLowerCase().normalize('NFD')) {
    out += map.get(char.codePointAt(0)!) ?? char;
  }
  return out.normalize('NFD').toLowerCase();
}
