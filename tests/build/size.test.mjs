// The Gmail content script (a context reporter and the dock; the UI is in the sidebar frame),
// gzip -9, stays within its budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { CHROME } from './built.mjs';
import { BUDGETS } from '../bench/budgets.mjs';

export function gmailContentScriptGzipBytes(dir = CHROME) {
  const parts = ['content-scripts/gmail.js', 'content-scripts/gmail.css'].map((f) =>
    path.join(dir, f),
  );
  return parts
    .filter((f) => fs.existsSync(f))
    .reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length, 0);
}

test(`Gmail content script is at most ${BUDGETS.gmailContentScriptGzipBytes} bytes gzipped`, () => {
  const bytes = gmailContentScriptGzipBytes();
  console.log(`gmailContentScriptGzipBytes: ${bytes}`);
  assert.ok(bytes > 1000, 'the content script was not found');
  assert.ok(bytes <= BUDGETS.gmailContentScriptGzipBytes, `${bytes} bytes is over the budget`);
});
