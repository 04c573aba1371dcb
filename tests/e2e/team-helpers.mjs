// Team sync in real Chromium: a real sync server on 127.0.0.1 started by the test
// (`node server/main.mjs`, as `npm run server` does), invitations from its command line, browsers
// let through to that server only, and the options page's Team section to connect.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import ru from '../../public/_locales/ru/messages.json' with { type: 'json' };
import { ROOT, launch } from './harness.mjs';
import { msg } from './pages-helpers.mjs';

/**
 * Starts the server on a free port; `stop()` and `start()` again keep its data (same port).
 * `switches`: more of its environment variables (server/README.md).
 */
export async function syncServer(switches = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rapport-team-e2e-'));
  let port = '0';
  let child = null;
  let url = '';
  const env = () => ({
    ...process.env,
    ...switches,
    RAPPORT_SYNC_DATA_DIR: dataDir,
    RAPPORT_SYNC_PORT: port,
  });
  const server = {
    get url() {
      return url;
    },
    async start() {
      child = spawn('node', ['server/main.mjs'], {
        cwd: ROOT,
        env: env(),
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      url = await new Promise((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk.toString();
          const match = /Rapport sync: (ws:\/\/[\d.]+:(\d+))/.exec(out);
          if (match) resolve(match[1]);
        });
        child.on('exit', (code) => reject(new Error(`the sync server exited with ${code}`)));
      });
      port = new URL(url).port;
    },
    async stop() {
      if (!child) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
      child = null;
    },
    invite(email) {
      const run = spawnSync('node', ['server/main.mjs', 'invite', email], {
        cwd: ROOT,
        env: env(),
        encoding: 'utf8',
      });
      assert.equal(run.status, 0, run.stderr);
      return run.stdout.trim();
    },
    async close() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

/**
 * Launches a browser that may reach this server, and only it: the harness fails every other
 * http(s) request fast (nothing leaves the machine).
 */
export async function launchWithServer(server, options) {
  return letThrough(await launch(options), server);
}

/** Quits `app`'s browser and starts it again on the same profile, let through to the server. */
export async function relaunchWithServer(app, server) {
  return letThrough(await app.relaunch(), server);
}

async function letThrough(app, server) {
  const port = new URL(server.url).port;
  await app.context.route(
    (u) => u.hostname === '127.0.0.1' && u.port === port,
    (route) => route.continue(),
  );
  return app;
}

/** Connects the options page's Team section with this server and token. */
export async function connectTeam(app, server, token, { say = msg } = {}) {
  const options = await app.openPage('options.html');
  await options.locator('#team-heading').waitFor();
  await submitTeam(options, server.url, token, { say });
  await options.locator('.team-connected').waitFor();
  return options;
}

/** Fills the Team section's address and token on an open options page, and presses Connect. */
export async function submitTeam(options, url, token, { say = msg } = {}) {
  await options.fill('#team-server', url);
  await options.fill('#team-token', token);
  await options.getByRole('button', { name: say('teamConnect'), exact: true }).click();
}

/**
 * Shares the account open in `view` (its account page) with `email`, as `role` (without one, the
 * form's own default), and presses Share.
 */
export async function shareWith(view, email, { role, say = msg } = {}) {
  await view.locator('#share-heading').waitFor();
  await view.fill('#share-email-0', email);
  if (role) await view.selectOption('#share-role-0', role);
  await view.getByRole('button', { name: say('shareSubmit'), exact: true }).click();
}

/** The section around a heading (the Team section of options, Share of an account page). */
export const sectionOf = (page, headingId) =>
  page.locator(`#${headingId}`).locator('..').locator('..');

/**
 * One sync server for a test file and the browser profiles let through to it: the server starts
 * before the file's tests; after them every profile is quit and the server stopped (its data
 * removed). `switches`: the server's environment, as `syncServer` takes them.
 */
export function teamOnServer(switches) {
  const apps = [];
  // Node 20 starts a file's top-level `before` hooks together, not one after the other: a hook
  // of the file's own that launches a profile waits here for the server, whichever runs first.
  let starting = null;
  const started = () => (starting ??= syncServer(switches).then((s) => (team.server = s)));
  const team = {
    /** The running server (set once the file's `before` has run). */
    server: null,
    /** A new browser profile (`launch` options), let through to the server. */
    async profile(options) {
      const app = await launchWithServer(await started(), options);
      apps.push(app);
      return app;
    },
    /** The same person's browser, quit and started again on its profile. */
    async restart(app) {
      const again = await relaunchWithServer(app, team.server);
      apps[apps.indexOf(app)] = again;
      return again;
    },
    /** Signs `app` in as `email` with a new invitation; resolves with its options page. */
    signIn(app, email, { say = msg } = {}) {
      return connectTeam(app, team.server, team.server.invite(email), { say });
    },
    /** A new profile, in `lang`, signed in as `email` (its Team section read in that language). */
    async person(email, { lang } = {}) {
      const app = await team.profile({ lang });
      await team.signIn(app, email, { say: lang === 'ru' ? ruMsg : msg });
      return app;
    },
  };
  before(started);
  after(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    await team.server?.close();
  });
  return team;
}

/** A Russian UI string with its substitutions, as chrome.i18n gives it. */
export const ruMsg = (key, ...subs) => {
  const entry = ru[key];
  return entry.message.replace(/\$([A-Z_]+)\$/gi, (_, name) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (_m, i) => String(subs[Number(i) - 1] ?? ''));
  });
};
