/**
 * The saved host pages of tests/fixtures/<host>/ (`<host>-2026-11-28-<state>.html`), each with the
 * page's URL in a comment on top, for the tests of the host adapters and the watcher.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { HostName } from '@/utils/contract/enums';

// import.meta.url is not a file: URL under happy-dom, so resolve from this file's directory.
const FIXTURES = path.resolve(__dirname, '../fixtures');
const DATED = '2026-11-28';

/** The URL a saved page was taken at, from its top comment. */
function urlOf(html: string, name: string): URL {
  const href = /<!--\s*url:\s*(\S+)\s*-->/.exec(html)?.[1];
  if (!href) throw new Error(`${name} has no url comment`);
  return new URL(href);
}

/** One saved page of a host, as text, with its URL; `date` names a page saved on another day. */
export function hostFixture(
  host: HostName,
  state: string,
  { date = DATED }: { date?: string } = {},
): { html: string; url: URL } {
  const file = path.join(FIXTURES, host, `${host}-${date}-${state}.html`);
  const html = readFileSync(file, 'utf8');
  return { html, url: urlOf(html, file) };
}

/** One saved page of a host, parsed (scripts inert, as DOMParser leaves them), with its URL. */
export function loadHostFixture(
  host: HostName,
  state: string,
  options: { date?: string } = {},
): { html: string; doc: Document; url: URL } {
  const { html, url } = hostFixture(host, state, options);
  return { html, doc: new DOMParser().parseFromString(html, 'text/html'), url };
}

/** Every saved page of a host, with its file name. */
export function allHostFixtures(host: HostName): { file: string; html: string; url: URL }[] {
  return readdirSync(path.join(FIXTURES, host))
    .filter((file) => file.endsWith('.html'))
    .map((file) => {
      const html = readFileSync(path.join(FIXTURES, host, file), 'utf8');
      return { file, html, url: urlOf(html, `${host}/${file}`) };
    });
}

/**
 * Turns declarative shadow roots into attached ones, innermost last, as the HTML parser does for a
 * page load: each `<template shadowrootmode>` becomes its parent's shadow root. Returns how many
 * it attached (the Salesforce native-shadow page has some; the other pages none).
 */
export function attachDeclarativeShadowRoots(root: ParentNode): number {
  let attached = 0;
  for (const template of Array.from(root.querySelectorAll('template[shadowrootmode]'))) {
    const host = template.parentElement;
    if (!host || host.shadowRoot) continue;
    const mode = template.getAttribute('shadowrootmode') === 'closed' ? 'closed' : 'open';
    const shadow = host.attachShadow({ mode });
    shadow.append((template as HTMLTemplateElement).content);
    template.remove();
    attached += 1 + attachDeclarativeShadowRoots(shadow);
  }
  return attached;
}
