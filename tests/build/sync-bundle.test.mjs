// Team sync in the built worker: exactly one copy of Yjs (two copies break its type checks, the
// y-indexeddb #18 trap), no import() and no top-level await (a service worker can do neither),
// and Yjs nowhere but in the worker: pages and content scripts reach sync through messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';
import { CHROME, files, manifest } from './built.mjs';

// Yjs's own guard against a second copy: its message is in each copy's source once.
const YJS_COPY = /Yjs was already imported/g;

test('the worker bundles exactly one copy of Yjs, and no import() or top-level await', () => {
  const worker = path.join(CHROME, manifest(CHROME).background.service_worker);
  const text = fs.readFileSync(worker, 'utf8');
  assert.equal(text.match(YJS_COPY)?.length ?? 0, 1, 'copies of Yjs in the worker');
  assert.doesNotMatch(text, /\bimport\s*\(/, 'import() in the worker');
  // A top-level await (or a static import) is a syntax error in a classic script: compiling the
  // worker as one, without running it, proves it has neither.
  assert.doesNotThrow(() => new vm.Script(text), 'the worker compiles as a classic script');
  console.log(
    `backgroundBytes: ${Buffer.byteLength(text)} raw, ${gzipSync(text, { level: 9 }).length} gzip -9`,
  );
});

test('no page or content script bundles Yjs', () => {
  const worker = manifest(CHROME).background.service_worker;
  for (const file of files(CHROME, '.js')) {
    if (path.relative(CHROME, file) === worker) continue;
    const text = fs.readFileSync(file, 'utf8');
    assert.equal(text.match(YJS_COPY), null, `Yjs in ${path.relative(CHROME, file)}`);
  }
});
