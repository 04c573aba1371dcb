/**
 * `npm run bench:sync`: team sync's speed and scale against a real sync server on 127.0.0.1
 * (`node server/main.mjs`, SQLite, started here), with Node Yjs clients (Hocuspocus's provider
 * over the ws package): the engine the worker runs, without a browser. Kept out of `npm test`.
 *
 *   syncConvergeMs  two clients of one account make 100 changes each while disconnected, then
 *                   reconnect; the time until both hold the same state. p95 over the rounds,
 *                   budget 1,000 ms.
 *   syncInitialMs   a new device opens 1,000 shared accounts (fields, 5 people, 10 activities,
 *                   3 decisions, 3 stage changes, history lines each) on one WebSocket, until all
 *                   are synced. Budget 5,000 ms.
 *   load            200 clients (one WebSocket each) edit 1,000 documents for 60 s, two clients
 *                   per document; every write is then looked for in a fresh client's copy
 *                   (nothing lost). Reports the server's memory and the p95 update latency (a
 *                   write on one client until the other client of the document has it).
 *
 *   node tests/bench/sync.mjs                      everything, load for 60 s
 *   node tests/bench/sync.mjs --load-seconds=5     a short load run, to check the script
 *   node tests/bench/sync.mjs --rounds=20 --accounts=1000 --clients=200 --docs=1000
 *   node tests/bench/sync.mjs --skip-load
 *
 * Prints the figures as JSON and writes bench/sync.json; exits 1 when a budget is missed or a
 * write is lost.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { percentile, round, summary } from './lib.mjs';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '20' },
    accounts: { type: 'string', default: '1000' },
    clients: { type: 'string', default: '200' },
    docs: { type: 'string', default: '1000' },
    'load-seconds': { type: 'string', default: '60' },
    'skip-load': { type: 'boolean', default: false },
  },
});
const num = (name) => {
  const n = Number(flags[name]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number`);
  return n;
};
const ROUNDS = num('rounds');
const ACCOUNTS = num('accounts');
const CLIENTS = num('clients');
const DOCS = num('docs');
const LOAD_SECONDS = num('load-seconds');
const BUDGET = { syncConvergeMs: 1000, syncInitialMs: 5000 };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, check, timeout = 60_000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

// ---------------------------------------------------------------------------------------------
// The server, as `npm run server` starts it

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-sync-'));
const env = { ...process.env, RAPPORT_SYNC_DATA_DIR: dataDir, RAPPORT_SYNC_PORT: '0' };
const server = spawn('node', ['server/main.mjs'], {
  cwd: ROOT,
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
});
process.once('exit', () => {
  server.kill();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
const url = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (chunk) => {
    out += chunk.toString();
    const match = /Rapport sync: (ws:\/\/[\d.]+:\d+)/.exec(out);
    if (match) resolve(match[1]);
  });
  server.on('exit', (code) => reject(new Error(`the sync server exited with ${code}`)));
});
const http = url.replace(/^ws/, 'http');
const invite = (email) =>
  spawnSync('node', ['server/main.mjs', 'invite', email], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  }).stdout.trim();
const alice = invite('alice@firm.com');
const bob = invite('bob@firm.com');

/** The server process's resident memory, from /proc (Linux). */
function serverRssMb() {
  const status = fs.readFileSync(`/proc/${server.pid}/status`, 'utf8');
  return round(Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024);
}

async function api(method, route, token, body) {
  const response = await fetch(new URL(route, http), {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status}`);
}

/** Claims documents as alice, a few calls at a time; `editor` also gets a role on each. */
async function claim(names, editor) {
  for (let i = 0; i < names.length; i += 20) {
    await Promise.all(
      names.slice(i, i + 20).map(async (name) => {
        await api('POST', `/api/documents/${name}`, alice);
        if (editor)
          await api('PUT', `/api/documents/${name}/members/${editor}`, alice, {
            role: 'editor',
          });
      }),
    );
  }
}

const socketOf = () =>
  new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket, maxAttempts: 0 });

function open(socket, name, token, document = new Y.Doc()) {
  const provider = new HocuspocusProvider({ websocketProvider: socket, name, document, token });
  provider.attach();
  return { provider, document };
}

// ---------------------------------------------------------------------------------------------
// syncConvergeMs

/** 100 changes as a person makes them: fields, a note typed into, people and decisions added. */
function offlineChanges(doc, who, round) {
  for (let i = 0; i < 100; i++) {
    doc.transact(() => {
      const kind = i % 4;
      if (kind === 0) doc.getMap('account').set(`field-${who}-${i % 10}`, `${round}-${i}`);
      else if (kind === 1) doc.getText('profile.goals').insert(0, `${who}${i} `);
      else {
        const entry = new Y.Map();
        entry.set('name', `${who} ${round}-${i}`);
        doc.getMap(kind === 2 ? 'people' : 'decisions').set(`${who}-${round}-${i}`, entry);
      }
    });
  }
}

const sameState = (a, b) =>
  Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b))) &&
  a.getMap('people').size === b.getMap('people').size &&
  a.getMap('decisions').size === b.getMap('decisions').size &&
  a.getText('profile.goals').toString() === b.getText('profile.goals').toString();

async function converge() {
  const name = 'account:bench-converge-1';
  await claim([name], 'bob@firm.com');
  const sockets = [socketOf(), socketOf()];
  const [a, b] = [open(sockets[0], name, alice), open(sockets[1], name, bob)];
  await until('both clients synced', () => a.provider.synced && b.provider.synced);
  const times = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const s of sockets) s.disconnect();
    await until('both offline', () => sockets.every((s) => s.status === 'disconnected'));
    offlineChanges(a.document, 'a', r);
    offlineChanges(b.document, 'b', r);
    const started = performance.now();
    for (const s of sockets) void s.connect();
    await until('the two clients converge', () => sameState(a.document, b.document), 20_000);
    times.push(performance.now() - started);
  }
  const expected = ROUNDS * 50;
  const people = a.document.getMap('people').size;
  for (const c of [a, b]) c.provider.destroy();
  for (const s of sockets) s.destroy();
  return { times, people, expected };
}

// ---------------------------------------------------------------------------------------------
// syncInitialMs

/** One shared account as the worker writes it (account-doc.ts's layout), with its history. */
function fillAccount(doc, i) {
  doc.transact(() => {
    const account = doc.getMap('account');
    account.set('id', `bench-initial-${i}`);
    account.set('name', `Account ${i}`);
    account.set('domains', [`account${i}.example`]);
    account.set('stage', 'cooperative');
    account.set('potential', 'high');
    doc.getText('profile.goals').insert(0, `Goals of account ${i}: grow the volume by 15%.`);
    const add = (map, id, fields) => {
      const entry = new Y.Map();
      for (const [k, v] of Object.entries(fields)) entry.set(k, v);
      doc.getMap(map).set(id, entry);
    };
    for (let p = 0; p < 5; p++) {
      add('people', `p-${i}-${p}`, { name: `Person ${p}`, emails: [`p${p}@a${i}.example`] });
      const notes = new Y.Text();
      doc.getMap('people').get(`p-${i}-${p}`).set('notes', notes);
      notes.insert(0, 'Prefers a call in the morning; decides with the CFO.');
    }
    for (let a = 0; a < 10; a++) add('activities', `a-${i}-${a}`, { kind: 'email', at: a });
    for (let d = 0; d < 3; d++) add('decisions', `d-${i}-${d}`, { title: `Decision ${d}` });
    for (let s = 0; s < 3; s++) add('stageChanges', `s-${i}-${s}`, { to: 'cooperative', at: s });
    doc.getArray('log').push([{ by: 'alice@firm.com', at: Date.now(), what: ['shared'] }]);
  });
}

async function initial() {
  const names = Array.from({ length: ACCOUNTS }, (_, i) => `account:bench-initial-${i}`);
  await claim(names);
  // The first device writes them all.
  const writerSocket = socketOf();
  const written = names.map((name, i) => {
    const c = open(writerSocket, name, alice);
    fillAccount(c.document, i);
    return c;
  });
  await until(
    'the first device’s accounts on the server',
    () => written.every((c) => c.provider.synced && c.provider.unsyncedChanges === 0),
    120_000,
  );
  for (const c of written) c.provider.destroy();
  writerSocket.destroy();
  await sleep(2500); // The server stores documents after its debounce: a cold read follows.

  const started = performance.now();
  const socket = socketOf();
  const pulled = names.map((name) => open(socket, name, alice));
  await until('the new device synced every account', () =>
    pulled.every((c) => c.provider.synced && c.document.getMap('people').size === 5),
  );
  const ms = performance.now() - started;
  const complete = pulled.every(
    (c) => c.document.getMap('activities').size === 10 && c.document.getArray('log').length === 1,
  );
  for (const c of pulled) c.provider.destroy();
  socket.destroy();
  return { ms, complete };
}

// ---------------------------------------------------------------------------------------------
// Load

async function load() {
  const names = Array.from({ length: DOCS }, (_, i) => `account:bench-load-${i}`);
  await claim(names);
  const memoryBefore = serverRssMb();
  // Client c opens documents c, c + CLIENTS, ... and the same again shifted by half the clients,
  // so every document has two clients on two sockets.
  const clients = Array.from({ length: CLIENTS }, () => ({ socket: socketOf(), docs: [] }));
  const byDoc = names.map(() => []);
  names.forEach((name, d) => {
    for (const c of [d % CLIENTS, (d + Math.floor(CLIENTS / 2)) % CLIENTS]) {
      const opened = { name, d, ...open(clients[c].socket, name, alice) };
      clients[c].docs.push(opened);
      byDoc[d].push(opened);
    }
  });
  const latencies = [];
  const written = names.map(() => new Set());
  for (const list of byDoc) {
    for (const side of list) {
      side.document.getMap('writes').observe((event) => {
        if (event.transaction.local) return;
        for (const key of event.keysChanged) {
          const at = side.document.getMap('writes').get(key);
          if (typeof at === 'number') latencies.push(Date.now() - at);
        }
      });
    }
  }
  await until(
    'every client synced',
    () => clients.every((c) => c.docs.every((x) => x.provider.synced)),
    120_000,
  );
  const memoryConnected = serverRssMb();
  let peakMemory = memoryConnected;

  // Each client writes about twice a second, to one of its documents in turn.
  const end = Date.now() + LOAD_SECONDS * 1000;
  let writes = 0;
  const timers = clients.map((client, c) => {
    let seq = 0;
    return setInterval(
      () => {
        if (Date.now() > end) return;
        const target = client.docs[seq % client.docs.length];
        const key = `c${c}-${seq++}`;
        target.document.getMap('writes').set(key, Date.now());
        written[target.d].add(key);
        writes++;
      },
      400 + (c % 200),
    );
  });
  const sampler = setInterval(() => (peakMemory = Math.max(peakMemory, serverRssMb())), 1000);
  while (Date.now() < end) await sleep(250);
  for (const t of timers) clearInterval(t);
  await until(
    'every write acknowledged',
    () => clients.every((c) => c.docs.every((x) => x.provider.unsyncedChanges === 0)),
    60_000,
  );
  clearInterval(sampler);
  for (const c of clients) c.socket.destroy();

  // Nothing lost: a fresh client's copy of every document has every write made to it.
  await sleep(2500);
  const socket = socketOf();
  const fresh = names.map((name) => open(socket, name, alice));
  await until('the check client synced', () => fresh.every((c) => c.provider.synced), 60_000);
  let lost = 0;
  fresh.forEach((c, d) => {
    const have = c.document.getMap('writes');
    for (const key of written[d]) if (!have.has(key)) lost++;
  });
  socket.destroy();
  return {
    clients: CLIENTS,
    documents: DOCS,
    seconds: LOAD_SECONDS,
    writes,
    lost,
    updateLatencyMs: summary(latencies),
    p95UpdateLatencyMs: round(percentile(latencies, 95)),
    serverMemoryMb: { before: memoryBefore, connected: memoryConnected, peak: peakMemory },
  };
}

// ---------------------------------------------------------------------------------------------

const result = { at: new Date().toISOString(), node: process.version, cpus: os.cpus().length };
const c = await converge();
result.syncConvergeMs = { ...summary(c.times), budget: BUDGET.syncConvergeMs };
result.convergeLostPeople = c.expected - c.people;
console.log('syncConvergeMs', JSON.stringify(result.syncConvergeMs));
const i = await initial();
result.syncInitialMs = { ms: round(i.ms), accounts: ACCOUNTS, complete: i.complete };
console.log('syncInitialMs', JSON.stringify(result.syncInitialMs));
if (!flags['skip-load']) {
  result.load = await load();
  console.log('load', JSON.stringify(result.load));
}

const failures = [];
if (result.syncConvergeMs.p95 > BUDGET.syncConvergeMs) failures.push('syncConvergeMs p95');
if (result.convergeLostPeople !== 0) failures.push('people lost in convergence');
if (ACCOUNTS >= 1000 && i.ms > BUDGET.syncInitialMs) failures.push('syncInitialMs');
if (!i.complete) failures.push('an account arrived incomplete');
if (result.load && result.load.lost > 0) failures.push(`${result.load.lost} writes lost`);
result.failures = failures;
fs.mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'bench', 'sync.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(failures.length ? `FAILED: ${failures.join(', ')}` : 'all within budget');
process.exit(failures.length ? 1 : 0);
