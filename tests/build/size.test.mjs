// The Gmail content script (a context reporter and the dock; the UI is in the sidebar frame),
// gzip -9, stays within its budget: every file the manifest injects into mail.google.com, scripts
// and styles alike (tests/bench/size.mjs, which `npm run bench` reports with the same count).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHROME, manifest } from './built.mjs';
import { BUDGETS } from '../bench/budgets.mjs';
import { gmailContentScriptFiles, gmailContentScriptGzipBytes } from '../bench/size.mjs';

test(`Gmail content script is at most ${BUDGETS.gmailContentScriptGzipBytes} bytes gzipped`, () => {
  manifest(CHROME); // says how to build when there is no build
  const files = gmailContentScriptFiles(CHROME);
  assert.ok(files.includes('content-scripts/gmail.js'), `the manifest injects ${files.join(', ')}`);
  const bytes = gmailContentScriptGzipBytes(CHROME);
  console.log(`gmailContentScriptGzipBytes: ${bytes} (${files.join(' + ')})`);
  assert.ok(bytes > 1000, 'the content script was not found');
  assert.ok(bytes <= BUDGETS.gmailContentScriptGzipBytes, `${bytes} bytes is over the budget`);
});
