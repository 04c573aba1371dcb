// The Hocuspocus server with Rapport's configuration: a store (SQLite by default, PostgreSQL when
// RAPPORT_SYNC_DATABASE_URL is set), the access hooks, the access-list API and, when
// RAPPORT_SYNC_REDIS_URL is set, the Redis extension so that several instances serve the same
// documents. No protocol of our own: the sync itself is Hocuspocus and Yjs.
import { createServer as createHttpsServer } from 'node:https';
import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Server } from '@hocuspocus/server';
import { Database } from '@hocuspocus/extension-database';
import { Redis } from '@hocuspocus/extension-redis';
import { openSqliteStore } from './store/sqlite.mjs';
import { openPostgresStore } from './store/postgres.mjs';
import { loadOrCreateSecret } from './secret.mjs';
import { createTokens } from './tokens.mjs';
import { createAuthExtension } from './auth-extension.mjs';
import { createHttpApi } from './http-api.mjs';
import { createUpdateGuard } from './update-guard.mjs';
import { createOwnerDirectory } from './owner-directory.mjs';

export async function openStore(config) {
  if (config.databaseUrl) return openPostgresStore(config.databaseUrl);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const store = openSqliteStore(config.sqliteFile);
  // Account notes are in it: only the server's own user reads it.
  chmodSync(config.sqliteFile, 0o600);
  return store;
}

export function secretOf(config) {
  return config.secret ?? loadOrCreateSecret(config.secretFile);
}

export async function createSyncServer(config, { log = () => {}, sweepMs, debounceMs } = {}) {
  const store = await openStore(config);
  const tokens = createTokens({ secret: secretOf(config), oidc: config.oidc, store });
  const auth = createAuthExtension({ tokens, store, sweepMs, log });
  const extensions = [
    auth,
    createUpdateGuard({
      maxDocumentBytes: config.maxDocumentBytes,
      maxPersonalBytes: config.maxPersonalBytes,
      log,
    }),
    createHttpApi({ tokens, store, auth, ownerDirectory: config.ownerDirectory, log }),
    new Database({
      fetch: ({ documentName }) => store.fetchDocument(documentName),
      store: ({ documentName, state }) => store.storeDocument(documentName, state),
    }),
  ];
  if (config.ownerDirectory) extensions.push(createOwnerDirectory({ store, log }));
  if (config.redisUrl) {
    const url = new URL(config.redisUrl);
    extensions.push(
      new Redis({
        host: url.hostname,
        port: Number(url.port || 6379),
        options: url.password ? { password: decodeURIComponent(url.password) } : {},
        identifier: config.instanceId ?? `rapport-${randomUUID()}`,
        prefix: 'rapport',
      }),
    );
  }
  const server = new Server({
    name: 'rapport-sync',
    address: config.address,
    port: config.port,
    quiet: true,
    stopOnSignals: false,
    debounce: debounceMs ?? 2000,
    extensions,
    async onUpgrade({ request }) {
      if (config.trustProxy && request.headers['x-forwarded-proto'] !== 'https') {
        log('refused an upgrade that did not come over https through the proxy');
        throw new Error('wss:// required');
      }
    },
  });
  if (config.tlsCert) {
    // Hocuspocus's Server builds a plain HTTP server; the same handlers serve over TLS instead.
    server.httpServer = createHttpsServer(
      { cert: readFileSync(config.tlsCert), key: readFileSync(config.tlsKey) },
      server.requestHandler,
    );
    server.setupHttpUpgrade();
  }
  return {
    server,
    store,
    tokens,
    async listen() {
      await server.listen();
      return server.address.port;
    },
    async close() {
      await server.destroy();
      await store.close();
    },
  };
}
