/**
 * What the Chromium harness (tests/e2e/harness.mjs) and the Firefox one
 * (tests/e2e-firefox/harness.mjs) share: finding the browser, telling a fresh build from a stale or
 * half-written one, copying a whole build, and the messages a test sends from an extension page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** What the build reads: when any of these is newer than the manifest, the build is stale. */
const SOURCES = ['entrypoints', 'components', 'utils', 'public', 'wxt.config.ts', 'package.json'];

function executable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The browser named by the first of `envNames` that is set, else `defaultPath`, else `command` on
 * the PATH. A path given explicitly is used or refused, never silently replaced by another browser.
 */
export function findBrowser({ label, envNames, defaultPath, command, missing }) {
  for (const name of envNames) {
    const file = process.env[name];
    if (!file) continue;
    if (executable(file)) return file;
    throw new Error(`${label} not found: ${name}=${file} is not an executable file`);
  }
  const candidates = [defaultPath];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    candidates.push(path.join(dir, command));
  }
  const found = candidates.find(executable);
  if (!found) throw new Error(missing);
  return found;
}

function newestMtime(target) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) {
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** True when the build in `dist` exists and no source is newer than it. */
export function isFresh(dist) {
  let built;
  try {
    built = fs.statSync(path.join(dist, 'manifest.json')).mtimeMs;
  } catch {
    return false;
  }
  return SOURCES.every((s) => newestMtime(path.join(ROOT, s)) <= built);
}

/** The files a manifest names (background, content scripts, pages, icons): all must be present. */
export function missingFiles(dir) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  } catch {
    return ['manifest.json'];
  }
  const named = [
    // Chromium runs a service worker; Firefox MV3 an event page (`background.scripts`).
    manifest.background?.service_worker,
    ...(manifest.background?.scripts ?? []),
    manifest.background?.page,
    manifest.action?.default_popup,
    manifest.options_ui?.page,
    ...Object.values(manifest.icons ?? {}),
    ...(manifest.content_scripts ?? []).flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]),
  ].filter(Boolean);
  // Pages name their hashed chunks: a half-written build has a page without its script.
  for (const page of fs.readdirSync(dir).filter((f) => f.endsWith('.html'))) {
    const html = fs.readFileSync(path.join(dir, page), 'utf8');
    for (const [, ref] of html.matchAll(/(?:src|href)="\/([^"]+)"/g)) named.push(ref);
  }
  return named.filter((file) => !fs.existsSync(path.join(dir, file)));
}

/**
 * Copies a complete build from `source` to `dest` with `copy`. The working tree is shared, so a
 * build may be running: a copy that misses a file the manifest names is retried until the build is
 * whole. `buildCommand` is what the error tells the user to run.
 */
export async function copyWholeBuild(source, dest, { copy, buildCommand, timeout = 60_000 }) {
  const deadline = Date.now() + timeout;
  for (;;) {
    fs.rmSync(dest, { recursive: true, force: true });
    let missing;
    try {
      copy(source, dest);
      missing = missingFiles(dest);
    } catch (error) {
      missing = [error.code ?? error.message];
    }
    if (missing.length === 0) return dest;
    if (Date.now() > deadline) {
      throw new Error(
        `No complete build at ${path.relative(ROOT, source) || source} (missing ${missing.join(', ')}): run \`${buildCommand}\``,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * `call` and `seed` on top of a harness's `send(name, request, page?)`, which resolves to
 * `{ ok, data } | { ok, error, code }`.
 */
export function messagesOver(send) {
  /** Like send(), but throws on `{ ok: false }` and returns the data. */
  async function call(name, request = {}, page = null) {
    const answer = await send(name, request, page);
    if (!answer?.ok) {
      throw new Error(
        `${name} failed: ${answer ? `${answer.code}: ${answer.error}` : 'no answer'}`,
      );
    }
    return answer.data;
  }

  /** Replaces everything stored with `backup`; the user's own domain is brightwave.io. */
  async function seed(backup, { ownDomains = ['brightwave.io'] } = {}) {
    const summary = await call('importData', { backup, mode: 'replace' });
    await call('updateSettings', { ownDomains });
    return summary;
  }

  return { call, seed };
}

/**
 * Runs in a host page before its own scripts, in the page's own world: records every CSP violation,
 * one the content script causes included, in `window.__rapportCspViolations`.
 */
export function recordCspViolations() {
  window.__rapportCspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__rapportCspViolations.push(`${e.effectiveDirective}: ${e.sample || e.blockedURI}`);
  });
}
