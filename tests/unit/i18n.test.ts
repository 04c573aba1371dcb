// Every UI string is translated, and none is written into a component.
//
// 1. public/_locales/en and ru have exactly the same keys, the same placeholders per key, and no
//    empty message.
// 2. Components and extension pages (components/**/*.tsx, entrypoints/**/*.tsx) hard-code no
//    user-visible text. The files are parsed with TypeScript's own parser (ts.createSourceFile)
//    and walked; what counts as hard-coded:
//      - a JSX text node with a letter in it: `<button>Save</button>`;
//      - a string literal written as a JSX child: `<p>{busy ? 'Saving' : label}</p>`;
//      - a string literal given to a user-visible attribute (USER_VISIBLE below: aria-label,
//        title, placeholder, alt, label, ...Label): `aria-label="Close"`, `title={'Close'}`.
//    String literals passed to a call (`t('key')`, `cls('a')`) or compared (`x === 'right'`) are
//    code, not text. Attributes not in USER_VISIBLE (data-testid, class, id, type, name, value,
//    href, ...) are never read by a user. Allowed, because they are not language:
//      - text without any letter: punctuation and symbols such as '·', '×', '→', ':', '(3)';
//      - a single character standing alone: a mark such as the brand's "R" tab;
//      - text inside <code>, <kbd> or <samp>: file and column names the user types as they are;
//      - an attribute value that is a bare URL or domain, such as "https://" or "example.com".
// 3. Every key the code names exists in English: t('key') (any string literal in t's first
//    argument, found in the same syntax trees, also in .ts files), getMessage('key'), and the
//    manifest's __MSG_key__.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// import.meta.url is not a file: URL under happy-dom, so resolve from this file's directory.
const ROOT = path.resolve(__dirname, '../..');

interface Entry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
type Messages = Record<string, Entry>;

function load(lang: string): Messages {
  const file = path.join(ROOT, 'public', '_locales', lang, 'messages.json');
  return JSON.parse(readFileSync(file, 'utf8')) as Messages;
}

const LANGS = ['en', 'ru'] as const;
const messages = Object.fromEntries(LANGS.map((lang) => [lang, load(lang)])) as Record<
  (typeof LANGS)[number],
  Messages
>;

/** The $NAME$ references in a message, upper-cased and sorted ("$$" is a literal dollar). */
function references(message: string): string[] {
  const names = [...message.replace(/\$\$/g, '').matchAll(/\$([A-Za-z0-9_@]+)\$/g)];
  return [...new Set(names.map((m) => m[1]!.toUpperCase()))].sort();
}

describe('locale files', () => {
  it('en and ru have exactly the same keys', () => {
    const en = Object.keys(messages.en);
    const ru = Object.keys(messages.ru);
    expect(
      en.filter((k) => !(k in messages.ru)),
      'keys in en missing from ru',
    ).toEqual([]);
    expect(
      ru.filter((k) => !(k in messages.en)),
      'keys in ru missing from en',
    ).toEqual([]);
  });

  for (const lang of LANGS) {
    it(`${lang}: every entry has a non-empty message, and every $NAME$ it uses is declared`, () => {
      const problems: string[] = [];
      for (const [key, entry] of Object.entries(messages[lang])) {
        if (!/^[A-Za-z0-9_@]+$/.test(key)) problems.push(`${key}: not a valid message name`);
        if (typeof entry?.message !== 'string' || entry.message.trim() === '') {
          problems.push(`${key}: empty message`);
          continue;
        }
        const declared = Object.keys(entry.placeholders ?? {}).map((n) => n.toUpperCase());
        for (const name of references(entry.message)) {
          if (!declared.includes(name)) problems.push(`${key}: $${name}$ is not declared`);
        }
        for (const [name, p] of Object.entries(entry.placeholders ?? {})) {
          if (typeof p?.content !== 'string' || p.content === '') {
            problems.push(`${key}: placeholder ${name} has no content`);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it('en and ru declare and use the same placeholders for every key', () => {
    const problems: string[] = [];
    for (const [key, en] of Object.entries(messages.en)) {
      const ru = messages.ru[key];
      if (!ru) continue; // reported by the key test
      if (JSON.stringify(ru.placeholders ?? null) !== JSON.stringify(en.placeholders ?? null)) {
        problems.push(`${key}: placeholders objects differ`);
      }
      const used = { en: references(en.message), ru: references(ru.message ?? '') };
      if (used.en.join() !== used.ru.join()) {
        problems.push(`${key}: en uses [${used.en}], ru uses [${used.ru}]`);
      }
    }
    expect(problems).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

/** Attributes a user reads or hears; any other attribute is for code, styles or tests. */
const USER_VISIBLE =
  /^(?:aria-(?:label|description|placeholder|roledescription|valuetext)|title|placeholder|alt|label|[a-z]+Label|heading|hint|message)$/;
/** Elements whose text is code the user types as it is (file names, CSV columns). */
const CODE_ELEMENTS = new Set(['code', 'kbd', 'samp']);
const LETTER = /\p{L}/u;
/** A bare URL (or scheme) or domain name, e.g. "https://" or "example.com": not language. */
const URL_OR_DOMAIN = /^(?:[a-z][a-z0-9+.-]*:\/\/\S*|[a-z0-9-]+(?:\.[a-z0-9-]+)+)$/i;

interface Finding {
  file: string;
  line: number;
  text: string;
}

function isLanguage(text: string): boolean {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return LETTER.test(trimmed) && [...trimmed].length > 1;
}

function tagName(node: ts.JsxElement | ts.JsxSelfClosingElement): string {
  return (ts.isJsxElement(node) ? node.openingElement : node).tagName.getText();
}

/** The string literals an expression evaluates to, skipping calls, comparisons and functions. */
type Literal = ts.StringLiteralLike | ts.TemplateLiteralLikeNode;

function valueLiterals(expr: ts.Node): Literal[] {
  const out: Literal[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
      out.push(n);
    } else if (ts.isTemplateExpression(n)) {
      out.push(n.head, ...n.templateSpans.map((s) => s.literal));
      n.templateSpans.forEach((s) => visit(s.expression));
    } else if (ts.isBinaryExpression(n)) {
      const op = n.operatorToken.kind;
      const comparison =
        op === ts.SyntaxKind.EqualsEqualsEqualsToken ||
        op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
        op === ts.SyntaxKind.EqualsEqualsToken ||
        op === ts.SyntaxKind.ExclamationEqualsToken ||
        op === ts.SyntaxKind.InKeyword;
      if (!comparison) ts.forEachChild(n, visit);
    } else if (ts.isElementAccessExpression(n)) {
      visit(n.expression); // LABEL['key'] is a lookup, not text
    } else if (
      !ts.isCallExpression(n) &&
      !ts.isNewExpression(n) &&
      !ts.isArrowFunction(n) &&
      !ts.isFunctionExpression(n) &&
      !ts.isJsxElement(n) &&
      !ts.isJsxSelfClosingElement(n) &&
      !ts.isJsxFragment(n)
    ) {
      ts.forEachChild(n, visit);
    }
  };
  visit(expr);
  return out;
}

/** The hard-coded user-visible strings in one .tsx source. */
function hardCodedStrings(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const findings: Finding[] = [];
  const report = (node: ts.Node, text: string) => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    findings.push({ file, line, text: text.trim().replace(/\s+/g, ' ') });
  };
  const visit = (node: ts.Node): void => {
    if (
      (ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node)) &&
      CODE_ELEMENTS.has(tagName(node))
    ) {
      return;
    }
    if (ts.isJsxText(node) && isLanguage(node.text)) report(node, node.text);
    if (
      ts.isJsxExpression(node) &&
      node.expression &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))
    ) {
      for (const lit of valueLiterals(node.expression)) {
        if (isLanguage(lit.text)) report(lit, lit.text);
      }
    }
    if (ts.isJsxAttribute(node) && node.initializer && USER_VISIBLE.test(node.name.getText(sf))) {
      const init = node.initializer;
      const literals = ts.isStringLiteral(init)
        ? [init]
        : ts.isJsxExpression(init) && init.expression
          ? valueLiterals(init.expression)
          : [];
      for (const lit of literals) {
        if (isLanguage(lit.text) && !URL_OR_DOMAIN.test(lit.text.trim())) report(lit, lit.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
}

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && ext.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)))
    .sort();
}

const UI_FILES = [...filesUnder('components', /\.tsx$/), ...filesUnder('entrypoints', /\.tsx$/)];

describe('no hard-coded UI strings', () => {
  it('the scanner finds what it should, and allows what it should', () => {
    const found = hardCodedStrings(
      'sample.tsx',
      `export const A = () => (
        <div aria-label="Close the panel" title={busy ? t('saving') : 'Saving'} data-testid="x y">
          <button class="a b" type="button">Save</button>
          <p>{count} · {t('label')} × → :</p>
          <p>{state === 'ready' ? 'Ready now' : t('wait')}</p>
          <span aria-hidden="true">R</span>
          <p><code>people.csv</code>: name</p>
          <input placeholder="https://" alt="example.com" />
          <Field submitLabel="Send it" label={t('x')} />
        </div>
      );`,
    );
    expect(found.map((f) => `${f.line}:${f.text}`)).toEqual([
      '2:Close the panel',
      '2:Saving',
      '3:Save',
      '5:Ready now',
      '7:: name',
      '9:Send it',
    ]);
  });

  it('components and entrypoints hard-code no user-visible text', () => {
    expect(UI_FILES.length).toBeGreaterThan(10);
    const findings = UI_FILES.flatMap((file) =>
      hardCodedStrings(file, readFileSync(path.join(ROOT, file), 'utf8')),
    );
    expect(
      findings.map((f) => `${f.file}:${f.line} ${JSON.stringify(f.text)}`),
      'move the text to public/_locales/*/messages.json and show it with t(); code the user types as it is goes in <code>',
    ).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

/** The message keys the code names literally. */
function keysNamedIn(file: string, source: string): { key: string; line: number }[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const keys: { key: string; line: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.arguments[0]) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : '';
      if (name === 't' || name === 'getMessage') {
        for (const lit of valueLiterals(node.arguments[0])) {
          const line = sf.getLineAndCharacterOfPosition(lit.getStart(sf)).line + 1;
          keys.push({ key: lit.text, line });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return keys;
}

describe('message keys used in the code', () => {
  it('finds the keys of t(...) calls, also in both branches of a condition', () => {
    const found = keysNamedIn(
      'sample.tsx',
      `t('a'); t( 'b', 3); t(log ? 'c' : 'd'); browser.i18n.getMessage('e'); t(LABEL[x]);`,
    );
    expect(found.map((k) => k.key)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('every t(...) and getMessage(...) key exists in en', () => {
    const files = ['components', 'entrypoints', 'utils'].flatMap((dir) =>
      filesUnder(dir, /\.tsx?$/).filter((f) => !f.endsWith('.d.ts')),
    );
    const unknown: string[] = [];
    let count = 0;
    for (const file of files) {
      const source = readFileSync(path.join(ROOT, file), 'utf8');
      for (const { key, line } of keysNamedIn(file, source)) {
        count++;
        if (!(key in messages.en)) unknown.push(`${file}:${line} ${key}`);
      }
      // The simple form, as a cross-check of the syntax walk: t('key').
      for (const m of source.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) {
        if (!(m[1]! in messages.en)) unknown.push(`${file} ${m[1]}`);
      }
    }
    expect(count).toBeGreaterThan(100);
    expect(unknown).toEqual([]);
  });

  it('every __MSG_key__ of the manifest exists in en', () => {
    const config = readFileSync(path.join(ROOT, 'wxt.config.ts'), 'utf8');
    const keys = [...config.matchAll(/__MSG_([A-Za-z0-9_@]+)__/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((k) => !(k in messages.en))).toEqual([]);
  });
});
