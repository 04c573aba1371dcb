// No dynamic code in what ships: no eval, no Function constructor, no string timers, no remote
// script or import. The built bundles are scanned, not the sources, so a dependency counts too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CHROME, FIREFOX, files } from './built.mjs';

const FORBIDDEN = [
  [/\beval\s*\(/, 'eval('],
  [/\bnew\s+Function\s*\(/, 'new Function('],
  [/\bFunction\s*\(\s*["'`]/, 'Function("...")'],
  [/\bset(?:Timeout|Interval)\s*\(\s*["'`]/, 'a string timer'],
  [/\bimport\s*\(\s*["'`]https?:/, 'a remote import()'],
  [/\bimportScripts\s*\(\s*["'`]https?:/, 'remote importScripts'],
  [/<script[^>]+src\s*=\s*["']?https?:/i, 'a remote <script>'],
];

for (const [name, dir] of [
  ['chrome', CHROME],
  ['firefox', FIREFOX],
]) {
  test(`${name} bundles hold no dynamic code`, () => {
    const scanned = [...files(dir, '.js'), ...files(dir, '.html')];
    assert.ok(scanned.length >= 3, `expected built files in ${dir}`);
    for (const file of scanned) {
      const text = fs.readFileSync(file, 'utf8');
      for (const [pattern, label] of FORBIDDEN) {
        assert.doesNotMatch(text, pattern, `${label} in ${path.relative(dir, file)}`);
      }
    }
  });
}
