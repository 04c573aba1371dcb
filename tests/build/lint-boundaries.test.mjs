// The import boundaries of eslint.config.js, proven to fire: each known-bad import below, linted as
// if it sat in the named file, must be refused by no-restricted-imports, and each good one must
// pass. Lints source text only; it needs no build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import { ROOT } from './built.mjs';

const RULE = '@typescript-eslint/no-restricted-imports';
const eslint = new ESLint({ cwd: ROOT });

async function refusals(file, code) {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: `${ROOT}/${file}` });
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

// [what the rule keeps out, the file the import sits in, the import]
const BAD = [
  [
    'content: schemas',
    'utils/content/x.ts',
    "import { MESSAGES } from '@/utils/schemas/messages';",
  ],
  [
    'content: schema types',
    'utils/content/hosts/x.ts',
    "import type { Account } from '../../schemas/model';",
  ],
  ['content: zod', 'entrypoints/gmail.content/x.ts', "import * as z from 'zod/mini';"],
  [
    'content: the store',
    'entrypoints/gmail.content/x.ts',
    "import { openDb } from '@/entrypoints/background/db';",
  ],
  ['content: idb', 'utils/content/x.ts', "import { openDB } from 'idb';"],
  ['content: components', 'utils/content/x.ts', "import { Sidebar } from '@/components/sidebar';"],
  ['content: Preact', 'utils/content/x.ts', "import { render } from 'preact';"],
  ['content: Preact hooks', 'utils/content/x.ts', "import { useState } from 'preact/hooks';"],
  ['content: page helpers', 'utils/content/x.ts', "import { readCsv } from '@/utils/page/csv';"],
  [
    'content: tldts',
    'utils/content/hosts/x.ts',
    "import { registrableDomain } from '../../shared/match';",
  ],
  [
    'components: the store',
    'components/x.tsx',
    "import { openDb } from '@/entrypoints/background/db';",
  ],
  ['components: wxt/browser', 'components/x.tsx', "import { browser } from 'wxt/browser';"],
  ['components: ext', 'components/x.tsx', "import { ext } from '@/utils/shared/ext';"],
  ['components: the polyfill', 'components/x.tsx', "import browser from 'webextension-polyfill';"],
  [
    'pages: the store',
    'entrypoints/options/x.tsx',
    "import { openDb } from '@/entrypoints/background/db';",
  ],
  [
    'sidebar: the store',
    'entrypoints/sidebar/x.ts',
    "import type { RapportDb } from '../background/db';",
  ],
  [
    'page helpers: the store',
    'utils/page/x.ts',
    "import { openDb } from '../../entrypoints/background/db';",
  ],
  [
    'schemas: the store',
    'utils/schemas/x.ts',
    "import { openDb } from '@/entrypoints/background/db';",
  ],
  [
    'contract: schema values',
    'utils/contract/x.ts',
    "import { Account } from '@/utils/schemas/model';",
  ],
  ['contract: zod', 'utils/contract/x.ts', "import * as z from 'zod/mini';"],
  [
    'shared: the store',
    'utils/shared/x.ts',
    "import { openDb } from '@/entrypoints/background/db';",
  ],
  ['shared: components', 'utils/shared/x.ts', "export { Sidebar } from '@/components/sidebar';"],
  [
    'background: components',
    'entrypoints/background/x.ts',
    "import { Sidebar } from '@/components/sidebar';",
  ],
];

const GOOD = [
  ['utils/content/x.ts', "import type { Account } from '@/utils/contract/model';"],
  ['utils/content/hosts/x.ts', "import { send } from '../../contract/send';"],
  [
    'entrypoints/gmail.content/x.ts',
    "import { runHostReporter } from '@/utils/content/run-reporter';",
  ],
  ['utils/contract/x.ts', "import type { Account } from '@/utils/schemas/model';"],
  ['components/x.tsx', "import { useState } from 'preact/hooks';"],
  ['components/x.tsx', "import { send } from '@/utils/contract/send';"],
  ['entrypoints/options/x.tsx', "import { Backup } from '@/utils/schemas/messages';"],
  ['entrypoints/background/x.ts', "import { openDb } from './db';"],
  ['utils/page/x.ts', "import { Email } from '@/utils/schemas/model';"],
];

for (const [what, file, code] of BAD) {
  test(`refused: ${what} (${file})`, async () => {
    const found = await refusals(file, code);
    assert.ok(found.length > 0, `${code} in ${file} passed`);
  });
}

for (const [file, code] of GOOD) {
  test(`allowed: ${code} in ${file}`, async () => {
    assert.deepEqual(await refusals(file, code), []);
  });
}
