/**
 * Loads a dated host fixture (tests/fixtures/<host>/<host>-<date>-<name>.html) as a Document, with
 * the URL its first comment names: the page as the adapter would see it at that address.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

// import.meta.url is not a file: URL under happy-dom, so resolve from this file's directory.
const FIXTURES = path.resolve(__dirname, '../fixtures');

export function hostFixture(host: string, file: string): { html: string; doc: Document; url: URL } {
  const at = path.join(FIXTURES, host, `${host}-${file}.html`);
  const html = readFileSync(at, 'utf8');
  const url = /<!--\s*url:\s*(\S+)\s*-->/.exec(html)?.[1];
  if (!url) throw new Error(`${at} has no url comment`);
  return { html, doc: new DOMParser().parseFromString(html, 'text/html'), url: new URL(url) };
}
