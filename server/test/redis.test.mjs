// Two server instances behind one Redis on loopback, a client on each: they converge.
// Needs Debian's redis-server (.ci/run installs it); without it this test fails, saying so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { startServer, connectSynced, waitFor, teamOn } from './helpers.mjs';

const REDIS = process.env.RAPPORT_REDIS_SERVER ?? 'redis-server';

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

async function startRedis(t) {
  if (spawnSync(REDIS, ['--version']).error) {
    throw new Error(
      `${REDIS} not found: apt-get install -y redis-server (or set RAPPORT_REDIS_SERVER)`,
    );
  }
  const port = await freePort();
  const redis = spawn(
    REDIS,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  // Node's test runner runs `after` hooks first-in first-out: stopping Redis waits for the
  // servers registered later, or their Redis clients would retry against a closed port.
  const servers = [];
  t.after(async () => {
    for (const server of servers) await server.close();
    redis.kill();
  });
  let out = '';
  redis.stdout.on('data', (chunk) => (out += chunk));
  await waitFor(() => out.includes('Ready to accept connections'), { what: 'redis ready' });
  return { url: `redis://127.0.0.1:${port}`, servers };
}

test('two instances behind Redis, a client on each, converge', async (t) => {
  const redis = await startRedis(t);
  const redisUrl = redis.url;
  const one = await startServer(t, {
    RAPPORT_SYNC_REDIS_URL: redisUrl,
    RAPPORT_SYNC_INSTANCE_ID: 'one',
  });
  // The second instance shares the first one's SQLite file and secret, as it would a database.
  const two = await startServer(t, {
    RAPPORT_SYNC_REDIS_URL: redisUrl,
    RAPPORT_SYNC_INSTANCE_ID: 'two',
    RAPPORT_SYNC_DATA_DIR: one.dataDir,
  });
  redis.servers.push(two, one);
  const doc = 'account:acme-redis-1';
  const tokens = await teamOn(one, doc, { bob: 'editor' });
  const alice = await connectSynced(t, one.url, doc, tokens.alice, 'alice synced');
  const bob = await connectSynced(t, two.url, doc, tokens.bob, 'bob synced');
  alice.document.getMap('fields').set('stage', 'interdependent');
  bob.document.getArray('decisions').push([{ id: 'd1', what: 'Chose us for the EU rollout' }]);
  bob.document.getText('notes').insert(0, 'Met the CFO.');
  await waitFor(
    () =>
      bob.document.getMap('fields').get('stage') === 'interdependent' &&
      alice.document.getArray('decisions').length === 1 &&
      alice.document.getText('notes').toString() === 'Met the CFO.',
    { what: 'convergence through Redis' },
  );
  assert.deepEqual(alice.document.toJSON(), bob.document.toJSON());
});
