/**
 * The text of a PDF that Chromium printed (Skia's writer), for the browser tests: enough of the
 * format to read back what a page printed, with no PDF library. Chromium writes each page's
 * content as a Flate stream that shows glyph ids (Identity-H, two bytes each) in a font whose
 * ToUnicode map turns them back into text; this follows those maps. It reads Skia's output, not
 * any PDF: no object streams, no encryption, no indirect stream lengths.
 *
 *   pdfText(buffer) -> { pages: number, text: string[] }   one string per page, in page order
 */
import zlib from 'node:zlib';

/** Every `N 0 obj`: its dictionary text and, when it has one, its stream inflated. */
function objects(buffer) {
  const s = buffer.toString('latin1');
  const found = new Map();
  const head = /(\d+) 0 obj\b/g;
  let m;
  while ((m = head.exec(s))) {
    const start = m.index + m[0].length;
    const streamAt = s.indexOf('stream', start);
    const endAt = s.indexOf('endobj', start);
    if (streamAt !== -1 && streamAt < endAt) {
      const dict = s.slice(start, streamAt);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
      let from = streamAt + 'stream'.length;
      if (s[from] === '\r') from++;
      if (s[from] === '\n') from++;
      const raw = buffer.subarray(from, from + length);
      const data = /\/FlateDecode/.test(dict) ? zlib.inflateSync(raw) : raw;
      found.set(m[1], { dict, stream: data.toString('latin1') });
      head.lastIndex = from + length;
    } else {
      found.set(m[1], { dict: s.slice(start, endAt === -1 ? undefined : endAt) });
    }
  }
  return found;
}

/** A ToUnicode CMap: glyph code (hex) -> text. */
function cmap(text) {
  const map = new Map();
  const utf16 = (hex) =>
    String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => Number.parseInt(h, 16)));
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, value] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      map.set(Number.parseInt(code, 16), utf16(value));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const ranges = block[1].matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g,
    );
    for (const [, lo, hi, target] of ranges) {
      const from = Number.parseInt(lo, 16);
      const to = Number.parseInt(hi, 16);
      if (target.startsWith('[')) {
        const values = [...target.matchAll(/<([0-9A-Fa-f]+)>/g)].map((v) => utf16(v[1]));
        for (let c = from; c <= to; c++) map.set(c, values[c - from] ?? '');
      } else {
        const base = target.slice(1, -1);
        const first = Number.parseInt(base.slice(-4), 16);
        for (let c = from; c <= to; c++)
          map.set(c, utf16(base.slice(0, -4)) + String.fromCharCode(first + c - from));
      }
    }
  }
  return map;
}

/** A page's content stream as text: one line per text object, a space where TJ kerns wide. */
function pageText(content, fonts) {
  let font = new Map();
  const lines = [];
  let line = '';
  const show = (hex) => {
    for (let i = 0; i + 4 <= hex.length; i += 4)
      line += font.get(Number.parseInt(hex.slice(i, i + 4), 16)) ?? '';
  };
  // Skia places each glyph with its own "dx 0 Td": only a move down (or a new text object)
  // starts a new line.
  const tokens = content.matchAll(
    /\/([\w.+-]+)\s+[-\d.]+\s+Tf|<([0-9A-Fa-f\s]*)>\s*Tj|\[([^\]]*)\]\s*TJ|[-\d.]+\s+(-?[\d.]+)\s+T[dD]|\b(ET|T\*)\b/g,
  );
  for (const [, fontName, tj, array, dy, op] of tokens) {
    if (fontName) font = fonts.get(fontName) ?? new Map();
    else if (tj !== undefined) show(tj.replace(/\s/g, ''));
    else if (array !== undefined) {
      for (const [, hex, num] of array.matchAll(/<([0-9A-Fa-f\s]*)>|(-?[\d.]+)/g)) {
        if (hex !== undefined) show(hex.replace(/\s/g, ''));
        else if (Number(num) < -200) line += ' ';
      }
    } else if (op || (dy !== undefined && Number(dy) !== 0)) {
      if (line) lines.push(line);
      line = '';
    }
  }
  if (line) lines.push(line);
  // NFKC: the fonts' ligatures ("ﬂ") read as their letters.
  return lines.join('\n').normalize('NFKC');
}

export function pdfText(buffer) {
  const all = objects(buffer);
  const maps = new Map();
  for (const [id, obj] of all) {
    const ref = /\/Type\s*\/Font\b[\s\S]*\/ToUnicode (\d+) 0 R/.exec(obj.dict)?.[1];
    if (ref && all.get(ref)?.stream) maps.set(id, cmap(all.get(ref).stream));
  }
  const pages = [...all.values()].filter((o) => /\/Type\s*\/Page\b(?!s)/.test(o.dict));
  const text = pages.map((page) => {
    const fonts = new Map();
    const fontDict = /\/Font\s*<<([^>]*)>>/.exec(page.dict)?.[1] ?? '';
    for (const [, name, id] of fontDict.matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g))
      fonts.set(name, maps.get(id) ?? new Map());
    const contents = [
      ...(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(page.dict)?.[1].matchAll(/(\d+) 0 R/g) ?? []),
    ];
    return contents.map(([, id]) => pageText(all.get(id)?.stream ?? '', fonts)).join('\n');
  });
  return { pages: pages.length, text };
}
