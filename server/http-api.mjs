// The small HTTP API beside the WebSocket (the Hocuspocus onRequest hook), for the access lists:
//   GET    /api/documents                         the account documents the caller is on, with roles
//   POST   /api/documents/<name>                  claim a new account document as its owner
//   GET    /api/documents/<name>/members          the access list (members only)
//   PUT    /api/documents/<name>/members/<email>  {"role":"editor"|"viewer"} (owner only)
//   DELETE /api/documents/<name>/members/<email>  revoke; their connections close at once
//   GET    /api/owners?domain=<domain>            who owns the shared accounts claiming one domain
//                                                 (owner-directory.mjs; 404 when switched off)
// Every call carries `Authorization: Bearer <token>`. No cookies are used, so any origin may call
// (the extension's background worker does), and a token is the only way in.
import { z } from 'zod';
import { GRANTABLE_ROLES, parseDocumentName } from './access.mjs';
import { normaliseEmail } from './tokens.mjs';
import { createLookupBudget, normaliseDomain } from './owner-directory.mjs';

const MAX_BODY = 4096;
const RoleBody = z.object({ role: z.enum(GRANTABLE_ROLES) }).strict();
const ROUTE = /^\/api\/documents\/([^/]+)(?:\/members(?:\/([^/]+))?)?$/;

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function readJson(request) {
  let size = 0;
  const chunks = [];
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_BODY) throw new HttpError(413, 'body too large');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
}

function send(response, status, body) {
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type',
    'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
    'Cache-Control': 'no-store',
  });
  response.end(body === undefined ? '' : JSON.stringify(body));
}

export function createHttpApi({ tokens, store, auth, ownerDirectory = true, log = () => {} }) {
  const budget = createLookupBudget();
  async function callerOf(request) {
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    try {
      return (await tokens.verify(bearer)).email;
    } catch (error) {
      throw new HttpError(401, error.message);
    }
  }

  /** The owners of the shared accounts that claim one domain: addresses and names only. */
  async function owners(request, query) {
    if (!ownerDirectory) throw new HttpError(404, 'not found');
    if (request.method !== 'GET') throw new HttpError(405, 'method not allowed');
    const caller = await callerOf(request);
    // One domain per request: a list, or no domain, is not an answer.
    const asked = query.getAll('domain');
    if (asked.length !== 1) throw new HttpError(400, 'one domain per request');
    const domain = normaliseDomain(asked[0]);
    if (!domain) throw new HttpError(400, 'not a domain');
    if (!budget.take(caller)) throw new HttpError(429, 'too many lookups; try again in a minute');
    const found = await store.ownersOf(domain);
    return [200, { domain, owners: found.map((o) => ({ owner: o.owner, account: o.account })) }];
  }

  async function handle(request, path, query) {
    if (path === '/api/owners') return owners(request, query);
    if (path === '/api/documents' && request.method === 'GET') {
      const caller = await callerOf(request);
      return [200, { documents: await store.listDocumentsOf(caller) }];
    }
    const match = ROUTE.exec(path);
    if (!match) throw new HttpError(404, 'not found');
    const documentName = decodeURIComponent(match[1]);
    const isMembers = path.includes('/members');
    const target = match[2] === undefined ? null : normaliseEmail(decodeURIComponent(match[2]));
    if (parseDocumentName(documentName)?.kind !== 'account') {
      throw new HttpError(400, 'only account documents have access lists');
    }
    const caller = await callerOf(request);
    const callerRole = await store.getRole(documentName, caller);

    if (!isMembers && request.method === 'POST') {
      if (!(await store.claim(documentName, caller)))
        throw new HttpError(409, 'owned by someone else');
      return [201, { document: documentName, owner: caller }];
    }
    if (isMembers && target === null && request.method === 'GET') {
      if (callerRole === null) throw new HttpError(403, 'not a member');
      return [200, { members: await store.listMembers(documentName) }];
    }
    if (isMembers && target !== null && (request.method === 'PUT' || request.method === 'DELETE')) {
      if (callerRole !== 'owner')
        throw new HttpError(403, 'only the owner changes the access list');
      if (target === caller) throw new HttpError(400, 'the owner cannot change their own role');
      if (request.method === 'PUT') {
        const parsed = RoleBody.safeParse(await readJson(request));
        if (!parsed.success) throw new HttpError(400, 'role must be "editor" or "viewer"');
        await store.setMember(documentName, target, parsed.data.role);
        return [200, { email: target, role: parsed.data.role }];
      }
      const removed = await store.removeMember(documentName, target);
      auth.closeConnections(documentName, target);

      log(`${caller} revoked ${target} on ${documentName}`);
      return [removed ? 200 : 404, { email: target, removed }];
    }
    throw new HttpError(405, 'method not allowed');
  }

  return {
    extensionName: 'rapport-http-api',
    async onRequest({ request, response }) {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const path = url.pathname;
      if (!path.startsWith('/api/')) return;
      try {
        if (request.method === 'OPTIONS') send(response, 204);
        else {
          const [status, body] = await handle(request, path, url.searchParams);
          send(response, status, body);
        }
      } catch (error) {
        const status = error instanceof HttpError ? error.status : 400;
        send(response, status, { error: error.message });
      }
      // A rejection with no error tells Hocuspocus the request is answered.
      throw null;
    },
  };
}
