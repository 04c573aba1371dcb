// ID tokens of the team's OpenID provider (RAPPORT_SYNC_OIDC_*): a local HTTP server in the test
// serves the provider's key set, and real tokens are signed with the matching private key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { SignJWT, UnsecuredJWT, generateKeyPair, exportJWK } from 'jose';
import { startServer, connect, connectSynced, waitFor, api } from './helpers.mjs';
import { readConfig } from '../config.mjs';

const ISSUER = 'https://login.firm.test';
const AUDIENCE = 'rapport-sync';
const KID = 'provider-key-1';

/** The provider: an ES256 key pair, its public half served as a JWKS on a loopback port. */
async function startProvider(t, { extraKeys = [] } = {}) {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: KID, alg: 'ES256', use: 'sig' };
  let fetches = 0;
  const http = createServer((request, response) => {
    fetches += 1;
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ keys: [jwk, ...extraKeys] }));
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => http.close(resolve)));
  return {
    privateKey,
    jwksUrl: `http://127.0.0.1:${http.address().port}/jwks`,
    fetches: () => fetches,
  };
}

const now = () => Math.floor(Date.now() / 1000);

/** An ID token as the provider would issue it; `overrides` change claims or the signing key. */
async function idToken(provider, overrides = {}) {
  const {
    key = provider.privateKey,
    alg = 'ES256',
    kid = KID,
    iss = ISSUER,
    aud = AUDIENCE,
    iat = now(),
    exp = now() + 3600,
    ...claims
  } = overrides;
  return new SignJWT({ email: 'erin@firm.com', email_verified: true, ...claims })
    .setProtectedHeader({ alg, kid })
    .setIssuer(iss)
    .setAudience(aud)
    .setSubject('provider-user-42')
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(key);
}

async function startWithProvider(t, options, env = {}) {
  const provider = await startProvider(t, options);
  const server = await startServer(t, {
    RAPPORT_SYNC_OIDC_ISSUER: ISSUER,
    RAPPORT_SYNC_OIDC_AUDIENCE: AUDIENCE,
    RAPPORT_SYNC_OIDC_JWKS_URL: provider.jwksUrl,
    ...env,
  });
  return { provider, server };
}

test('a verified ID token calls the API and opens documents as its email', async (t) => {
  const { provider, server } = await startWithProvider(t);
  const token = await idToken(provider, { email: 'Erin@Firm.com' });

  const claimed = await api(server, 'POST', '/api/documents/account:oidc-0001', token);
  assert.equal(claimed.status, 201);
  assert.equal(claimed.body.owner, 'erin@firm.com');
  const listed = await api(server, 'GET', '/api/documents', token);
  assert.deepEqual(listed.body.documents, [{ name: 'account:oidc-0001', role: 'owner' }]);

  const own = await connectSynced(t, server.url, 'user:erin@firm.com', token);
  await connectSynced(t, server.url, 'account:oidc-0001', token);
  assert.deepEqual(own.events.authenticationFailed, []);
  // Someone else's own document stays closed to the same valid token.
  const other = connect(t, server.url, 'user:alice@firm.com', token);
  await waitFor(() => other.events.authenticationFailed.length > 0, { what: 'refused' });
  assert.ok(provider.fetches() >= 1, 'the key set came from the provider');
});

test('ID tokens the provider did not issue for this server are refused', async (t) => {
  const { provider, server } = await startWithProvider(t);
  const stranger = await generateKeyPair('ES256');
  const strangerRs = await generateKeyPair('RS256');
  const hmacSecret = new TextEncoder().encode('x'.repeat(32));
  const claims = {
    iss: ISSUER,
    aud: AUDIENCE,
    sub: 'provider-user-42',
    email: 'erin@firm.com',
    email_verified: true,
    exp: now() + 3600,
  };
  const cases = {
    wrongIssuer: await idToken(provider, { iss: 'https://login.elsewhere.test' }),
    wrongAudience: await idToken(provider, { aud: 'another-app' }),
    expired: await idToken(provider, { iat: now() - 7200, exp: now() - 3600 }),
    emailNotVerified: await idToken(provider, { email_verified: false }),
    emailVerifiedAsString: await idToken(provider, { email_verified: 'true' }),
    emailVerifiedMissing: await idToken(provider, { email_verified: undefined }),
    emailMissing: await idToken(provider, { email: undefined }),
    notAnEmail: await idToken(provider, { email: 'erin' }),
    anotherKeySameKid: await idToken(provider, { key: stranger.privateKey }),
    anotherRsaKey: await idToken(provider, { key: strangerRs.privateKey, alg: 'RS256' }),
    algNone: new UnsecuredJWT(claims).encode(),
    hmacWithProviderKid: await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: KID })
      .sign(hmacSecret),
  };
  // JSON drops `undefined`: those claims are absent from the token.
  for (const [name, token] of Object.entries(cases)) {
    const call = await api(server, 'GET', '/api/documents', token);
    assert.equal(call.status, 401, `${name}: the API refuses`);
    const client = connect(t, server.url, 'user:erin@firm.com', token);
    await waitFor(() => client.events.authenticationFailed.length > 0, { what: `${name} refused` });
    assert.equal(client.provider.isSynced, false, `${name}: never synced`);
  }
});

test('an HMAC token is refused even when a misconfigured key set publishes the secret', async (t) => {
  const secret = new TextEncoder().encode('published-by-mistake-32-bytes!!!');
  const oct = { kty: 'oct', k: Buffer.from(secret).toString('base64url'), kid: 'shared' };
  const { provider, server } = await startWithProvider(t, { extraKeys: [oct] });
  const token = await idToken(provider, { key: secret, alg: 'HS256', kid: 'shared' });
  assert.equal((await api(server, 'GET', '/api/documents', token)).status, 401);
  assert.equal((await api(server, 'GET', '/api/documents', await idToken(provider))).status, 200);
});

test("the provider may not take the invitations' issuer name", () => {
  assert.throws(
    () =>
      readConfig({
        RAPPORT_SYNC_OIDC_ISSUER: 'rapport-sync',
        RAPPORT_SYNC_OIDC_AUDIENCE: AUDIENCE,
        RAPPORT_SYNC_OIDC_JWKS_URL: 'http://127.0.0.1:9/jwks',
      }),
    /may not be "rapport-sync"/,
  );
});

test("with RAPPORT_SYNC_OIDC_EMAIL_DOMAINS only the team's domains sign in", async (t) => {
  const { provider, server } = await startWithProvider(t, undefined, {
    RAPPORT_SYNC_OIDC_EMAIL_DOMAINS: 'firm.com, Firm.de',
  });
  const status = async (email) =>
    (await api(server, 'GET', '/api/documents', await idToken(provider, { email }))).status;
  assert.equal(await status('erin@firm.com'), 200);
  assert.equal(await status('ERIN@FIRM.DE'), 200);
  assert.equal(await status('mallory@gmail.com'), 401);
  assert.equal(await status('mallory@evil-firm.com'), 401);
  assert.equal(await status('mallory@sub.firm.com'), 401);
  // Invitations are the server's own: the list does not apply to them.
  const invitation = await server.tokens.issueInvitation('guest@agency.com');
  assert.equal((await api(server, 'GET', '/api/documents', invitation)).status, 200);
  assert.throws(
    () =>
      readConfig({
        RAPPORT_SYNC_OIDC_ISSUER: ISSUER,
        RAPPORT_SYNC_OIDC_AUDIENCE: AUDIENCE,
        RAPPORT_SYNC_OIDC_JWKS_URL: provider.jwksUrl,
        RAPPORT_SYNC_OIDC_EMAIL_DOMAINS: 'firm.com,@gmail',
      }),
    /RAPPORT_SYNC_OIDC_EMAIL_DOMAINS is not a list of domains/,
  );
});

test('invitation tokens still work beside ID tokens, and a revocation applies to both', async (t) => {
  const { provider, server } = await startWithProvider(t);
  const invitation = await server.tokens.issueInvitation('alice@firm.com');
  assert.equal((await api(server, 'GET', '/api/documents', invitation)).status, 200);
  await connectSynced(t, server.url, 'user:alice@firm.com', invitation, 'alice synced');

  const erin = await idToken(provider, { iat: now() - 60 });
  assert.equal((await api(server, 'GET', '/api/documents', erin)).status, 200);
  await server.store.revokeTokensBefore('erin@firm.com', now() - 1);
  assert.equal((await api(server, 'GET', '/api/documents', erin)).status, 401);
  // A token the provider issues after the revocation is accepted again.
  const fresh = await idToken(provider, { iat: now() + 1 });
  assert.equal((await api(server, 'GET', '/api/documents', fresh)).status, 200);
});

test('an ID token is refused, not crashed on, while the key set cannot be fetched', async (t) => {
  const provider = await startProvider(t);
  const server = await startServer(t, {
    RAPPORT_SYNC_OIDC_ISSUER: ISSUER,
    RAPPORT_SYNC_OIDC_AUDIENCE: AUDIENCE,
    RAPPORT_SYNC_OIDC_JWKS_URL: 'http://127.0.0.1:9/jwks',
  });
  const call = await api(server, 'GET', '/api/documents', await idToken(provider));
  assert.equal(call.status, 401);
  const invitation = await server.tokens.issueInvitation('alice@firm.com');
  assert.equal((await api(server, 'GET', '/api/documents', invitation)).status, 200);
});
