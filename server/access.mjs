// Who may open which document. Document names:
//   account:<id>   one shared account; its access list (owner, editors, viewers) is in the store
//   user:<email>   one person's own document, for their own browsers: only that person
// Any other name is refused, so a client cannot reach a document the rules do not cover.
import { normaliseEmail } from './tokens.mjs';

export const ROLES = ['owner', 'editor', 'viewer'];
export const GRANTABLE_ROLES = ['editor', 'viewer'];
const ACCOUNT_DOCUMENT = /^account:[A-Za-z0-9_-]{8,64}$/;

export function parseDocumentName(name) {
  if (typeof name !== 'string') return null;
  if (ACCOUNT_DOCUMENT.test(name)) return { kind: 'account' };
  if (name.startsWith('user:')) {
    try {
      const email = normaliseEmail(name.slice('user:'.length));
      return name === `user:${email}` ? { kind: 'user', email } : null;
    } catch {
      return null;
    }
  }
  return null;
}

/** 'owner' | 'editor' | 'viewer' | null (no access). */
export async function roleFor(store, documentName, email) {
  const parsed = parseDocumentName(documentName);
  if (!parsed) return null;
  if (parsed.kind === 'user') return parsed.email === email ? 'owner' : null;
  const role = await store.getRole(documentName, email);
  return ROLES.includes(role) ? role : null;
}

export function connectionsOf(instance, documentName, email) {
  const document = instance?.documents.get(documentName);
  if (!document) return [];
  return document.getConnections().filter((c) => email === undefined || c.context?.email === email);
}
