// Who is connecting: a signed invitation token issued by this server (`npm run server -- invite`)
// or, when configured, an ID token from the team's OpenID provider. Both end as one verified,
// lower-cased email address; anything else is refused.
import { SignJWT, jwtVerify, createRemoteJWKSet, decodeJwt } from 'jose';
import { randomUUID } from 'node:crypto';

export const INVITATION_ISSUER = 'rapport-sync';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// A provider signs with a private key: only asymmetric algorithms. jose's key sets already refuse
// "none" and HMAC; the list says so here as well, so that no library change can widen it.
const PROVIDER_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

export function normaliseEmail(value) {
  const email = String(value ?? '')
    .trim()
    .toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) throw new Error(`not an email address: ${value}`);
  return email;
}

export function createTokens({ secret, oidc, store }) {
  const key = new TextEncoder().encode(secret);
  const jwks = oidc ? createRemoteJWKSet(new URL(oidc.jwksUrl)) : null;

  async function verifyInvitation(token) {
    const { payload } = await jwtVerify(token, key, {
      issuer: INVITATION_ISSUER,
      algorithms: ['HS256'],
    });
    return { email: normaliseEmail(payload.sub), issuedAt: payload.iat ?? 0 };
  }

  async function verifyOidc(token) {
    const { payload } = await jwtVerify(token, jwks, {
      issuer: oidc.issuer,
      audience: oidc.audience,
      algorithms: PROVIDER_ALGORITHMS,
    });
    if (payload.email_verified !== true) throw new Error('the provider has not verified the email');
    const email = normaliseEmail(payload.email);
    // A public provider (Google, Microsoft's common endpoint) signs in anyone who has an account
    // there for this audience; the team's domains keep strangers out.
    if (oidc.emailDomains && !oidc.emailDomains.includes(email.slice(email.lastIndexOf('@') + 1))) {
      throw new Error("the email is not in the team's domains");
    }
    return { email, issuedAt: payload.iat ?? 0 };
  }

  return {
    async issueInvitation(email, { days = 90 } = {}) {
      return new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(INVITATION_ISSUER)
        .setSubject(normaliseEmail(email))
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime(`${days}d`)
        .sign(key);
    },
    /** { email, issuedAt } once verified, or an Error saying why not. */
    async verify(token) {
      if (typeof token !== 'string' || token.length === 0 || token.length > 8192) {
        throw new Error('no token');
      }
      let issuer;
      try {
        issuer = decodeJwt(token).iss;
      } catch {
        throw new Error('not a token');
      }
      const identity =
        issuer === INVITATION_ISSUER
          ? await verifyInvitation(token)
          : jwks
            ? await verifyOidc(token)
            : (() => {
                throw new Error('unknown token issuer');
              })();
      if (await this.isRevoked(identity)) throw new Error('token revoked');
      return identity;
    },
    /** Revocations (`npm run server -- revoke`) apply to both kinds of token. */
    async isRevoked({ email, issuedAt }) {
      const before = await store.revokedBefore(email);
      return before !== null && issuedAt <= before;
    },
  };
}
