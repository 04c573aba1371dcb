// Every switch of the server, read from the environment once (README.md in this folder lists
// them). Bad values stop the server with a message naming the variable.
import { resolve } from 'node:path';
import { isLoopback } from './loopback.mjs';
import { INVITATION_ISSUER } from './tokens.mjs';

/** A document may not grow past this many bytes (Yjs's encoding): an account, a person's own. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;
export const DEFAULT_MAX_PERSONAL_BYTES = 64 * 1024 * 1024;

function bytes(env, name, fallback) {
  if (env[name] === undefined || env[name] === '') return fallback;
  const value = Number(env[name]);
  if (!Number.isInteger(value) || value < 16 * 1024) {
    throw new Error(`${name} is not a number of bytes (16384 or more): ${env[name]}`);
  }
  return value;
}

/** RAPPORT_SYNC_OIDC_EMAIL_DOMAINS: `firm.com,firm.de`, or null when any verified email may sign in. */
function emailDomains(env) {
  const value = env.RAPPORT_SYNC_OIDC_EMAIL_DOMAINS;
  if (value === undefined || value.trim() === '') return null;
  const domains = value.split(',').map((d) => d.trim().toLowerCase());
  const bad = domains.find((d) => !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d));
  if (bad !== undefined) {
    throw new Error(`RAPPORT_SYNC_OIDC_EMAIL_DOMAINS is not a list of domains: ${value}`);
  }
  return domains;
}

export function readConfig(env = process.env, cwd = process.cwd()) {
  const directory = env.RAPPORT_SYNC_OWNER_DIRECTORY ?? '';
  if (!['', 'on', 'off'].includes(directory)) {
    throw new Error(`RAPPORT_SYNC_OWNER_DIRECTORY is "on" or "off": ${directory}`);
  }
  const dataDir = resolve(cwd, env.RAPPORT_SYNC_DATA_DIR ?? 'server/data');
  const port = Number(env.RAPPORT_SYNC_PORT ?? 1234);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`RAPPORT_SYNC_PORT is not a port: ${env.RAPPORT_SYNC_PORT}`);
  }
  const config = {
    address: env.RAPPORT_SYNC_ADDRESS ?? '127.0.0.1',
    port,
    dataDir,
    sqliteFile: resolve(dataDir, 'rapport-sync.sqlite'),
    secret: env.RAPPORT_SYNC_SECRET || null,
    secretFile: resolve(cwd, env.RAPPORT_SYNC_SECRET_FILE ?? resolve(dataDir, 'secret')),
    databaseUrl: env.RAPPORT_SYNC_DATABASE_URL || null,
    redisUrl: env.RAPPORT_SYNC_REDIS_URL || null,
    instanceId: env.RAPPORT_SYNC_INSTANCE_ID || null,
    tlsCert: env.RAPPORT_SYNC_TLS_CERT || null,
    tlsKey: env.RAPPORT_SYNC_TLS_KEY || null,
    trustProxy: env.RAPPORT_SYNC_TRUST_PROXY === '1',
    maxDocumentBytes: bytes(env, 'RAPPORT_SYNC_MAX_DOCUMENT_BYTES', DEFAULT_MAX_DOCUMENT_BYTES),
    maxPersonalBytes: bytes(env, 'RAPPORT_SYNC_MAX_PERSONAL_BYTES', DEFAULT_MAX_PERSONAL_BYTES),
    // Who owns which client domain, for teammates without access (owner-directory.mjs).
    ownerDirectory: directory !== 'off',
    oidc: null,
  };
  if (env.RAPPORT_SYNC_OIDC_ISSUER) {
    const { RAPPORT_SYNC_OIDC_ISSUER: issuer, RAPPORT_SYNC_OIDC_AUDIENCE: audience } = env;
    const jwksUrl = env.RAPPORT_SYNC_OIDC_JWKS_URL;
    if (!audience || !jwksUrl) {
      throw new Error('RAPPORT_SYNC_OIDC_ISSUER needs RAPPORT_SYNC_OIDC_AUDIENCE and _JWKS_URL');
    }
    // Tokens are told apart by their issuer: the provider's must not be the invitations' own.
    if (issuer === INVITATION_ISSUER) {
      throw new Error(`RAPPORT_SYNC_OIDC_ISSUER may not be "${INVITATION_ISSUER}"`);
    }
    config.oidc = { issuer, audience, jwksUrl, emailDomains: emailDomains(env) };
  }
  if (Boolean(config.tlsCert) !== Boolean(config.tlsKey)) {
    throw new Error('RAPPORT_SYNC_TLS_CERT and RAPPORT_SYNC_TLS_KEY go together');
  }
  // wss:// is required except on loopback: off loopback the server speaks TLS itself or sits
  // behind a proxy that does (and says so with X-Forwarded-Proto, checked on every upgrade).
  if (!isLoopback(config.address) && !config.tlsCert && !config.trustProxy) {
    throw new Error(
      `refusing to listen on ${config.address} without TLS: set RAPPORT_SYNC_TLS_CERT and ` +
        'RAPPORT_SYNC_TLS_KEY, or RAPPORT_SYNC_TRUST_PROXY=1 behind a proxy that terminates TLS',
    );
  }
  return config;
}
