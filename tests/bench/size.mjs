/**
 * The Gmail content script's weight, as `npm run bench` and tests/build/size.test.mjs count it:
 * every file the built manifest injects into mail.google.com, scripts and styles alike (there is
 * no stylesheet today; one added later counts against the same budget), each gzip -9.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** The files a build's manifest injects into Gmail pages, relative to `dir`. */
export function gmailContentScriptFiles(dir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const entries = (manifest.content_scripts ?? []).filter((c) =>
    (c.matches ?? []).some((m) => m.startsWith('https://mail.google.com/')),
  );
  return [...new Set(entries.flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]))];
}

export const gzipBytes = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

export function gmailContentScriptGzipBytes(dir) {
  return gmailContentScriptFiles(dir).reduce((sum, f) => sum + gzipBytes(path.join(dir, f)), 0);
}
