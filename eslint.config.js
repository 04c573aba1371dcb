import tseslint from 'typescript-eslint';
import nounsanitized from 'eslint-plugin-no-unsanitized';

// What each folder may import: the runtime it runs in decides (each folder's README.md says why).
// An import is matched by its path, whether it is written '@/utils/...' or relative.
const forbid = (regex, message, options = {}) => ({ regex, message, ...options });
const SCHEMAS = forbid(
  '(^|/)schemas(/|$)|^zod(/|$)',
  'zod stays out of this runtime: import types from utils/contract/ instead.',
);
const SCHEMA_TYPES = { ...SCHEMAS, allowTypeImports: true };
const STORE = forbid(
  '(^|/)background(/|$)|^idb$',
  'Only the background opens the store; ask it by message (utils/contract/send.ts).',
);
const COMPONENTS = forbid('(^|/)components(/|$)', 'Components run in the pages only.');
const PREACT = forbid('^(@?preact)(/|$)', 'No Preact here: the pages and components render.');
const PAGE = forbid('(^|/)page(/|$)', "utils/page/ is the pages' own code.");
const CONTENT = forbid(
  '(^|/)content(/|$)|\\.content(/|$)',
  'utils/content/ runs in host pages only.',
);
const ENTRYPOINTS = forbid(
  '(^|/)entrypoints(/|$)',
  'Shared code does not reach into an entrypoint.',
);
const PUBLIC_SUFFIX = forbid(
  '^tldts$|(^|/)shared/match$',
  'The public-suffix list is far too big for a content script (tests/build/size.test.mjs).',
);
const BROWSER_APIS = forbid(
  '^wxt/browser$|^webextension-polyfill$|(^|/)ext(-browser)?$',
  'Components take what they need as props or through send(); no browser APIs.',
);
const boundary = (files, ...patterns) => ({
  files,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
});

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'demo-output/', 'test-results/'] },
  ...tseslint.configs.recommended,
  nounsanitized.configs.recommended,
  {
    rules: {
      // Host pages are hostile input: no HTML sinks, no eval, ever.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Render text with Preact; never innerHTML.' },
        { property: 'outerHTML', message: 'Render text with Preact; never outerHTML.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'No HTML injection: render text.',
        },
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  boundary(
    ['utils/content/**', 'entrypoints/*.content/**'],
    SCHEMAS,
    STORE,
    COMPONENTS,
    PREACT,
    PAGE,
    PUBLIC_SUFFIX,
  ),
  boundary(
    ['utils/contract/**', 'utils/shared/**'],
    SCHEMA_TYPES,
    STORE,
    COMPONENTS,
    PREACT,
    PAGE,
    CONTENT,
    ENTRYPOINTS,
  ),
  boundary(['utils/schemas/**'], STORE, COMPONENTS, PREACT, PAGE, CONTENT, ENTRYPOINTS),
  boundary(['utils/page/**'], STORE, COMPONENTS, PREACT, CONTENT, ENTRYPOINTS),
  boundary(['components/**'], STORE, BROWSER_APIS, CONTENT, ENTRYPOINTS),
  boundary(['entrypoints/{accounts,options,popup,sidebar}/**'], STORE, CONTENT),
  boundary(['entrypoints/background/**'], COMPONENTS, PREACT, PAGE, CONTENT),
);
