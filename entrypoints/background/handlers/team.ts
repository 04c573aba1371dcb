/**
 * Team sync's messages, all from Rapport's own pages but the per-account line. The engine
 * (sync/sync-engine.ts) does the work; these only check, translate its errors into the
 * contract's, and answer without the token.
 */
import type { AccountSync, TeamStatus } from '@/utils/contract/team';
import type { SyncEngine } from '../sync/sync-engine';
import { accountDocName } from '../sync/sync-state';
import { HandlerError, type Handlers, type HandlerContext } from './common';

function engineOf(ctx: HandlerContext): SyncEngine {
  if (!ctx.sync) throw new HandlerError('invalid', 'Team sync is not available here.');
  return ctx.sync;
}

/** Any engine or server failure becomes a stated error, not a storage failure. */
async function stated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HandlerError) throw error;
    throw new HandlerError('invalid', error instanceof Error ? error.message : String(error));
  }
}

export function teamStatusOf(engine: SyncEngine): TeamStatus {
  const status = engine.status();
  const info = engine.connectionInfo();
  return {
    phase: status.phase,
    server: info?.url ?? null,
    email: info?.email ?? null,
    waiting: status.waiting,
    shared: status.shared,
    error: status.error,
  };
}

/**
 * The address an invitation (or an OpenID ID token) names, read from its payload to show who is
 * signed in. Not a check: the server verifies the signature on every connection.
 */
export function tokenEmail(token: string): string {
  const payload = token.trim().split('.')[1];
  if (!payload) throw new HandlerError('invalid', 'This is not an invitation token.');
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(json) as { email?: unknown; sub?: unknown };
    const email = typeof claims.email === 'string' ? claims.email : claims.sub;
    if (typeof email === 'string' && /^[^\s@]+@[^\s@]+$/.test(email)) return email.toLowerCase();
  } catch {
    // Falls through to the error below.
  }
  throw new HandlerError('invalid', 'This invitation token names no email address.');
}

export const teamHandlers = {
  async teamStatus(_req, ctx) {
    return { data: teamStatusOf(engineOf(ctx)), changed: [] };
  },

  async teamConnect(req, ctx) {
    const engine = engineOf(ctx);
    const token = req.token.trim();
    const email = tokenEmail(token);
    const reached = await stated(() => engine.verify(req.server, token));
    await stated(() => engine.configure({ url: req.server, email, token }));
    const status = teamStatusOf(engine);
    if (!reached.reached)
      status.error = `The server cannot be reached now (${reached.why}); Rapport keeps trying.`;
    return { data: status, changed: [] };
  },

  async teamDisconnect(_req, ctx) {
    const engine = engineOf(ctx);
    await stated(() => engine.configure(null));
    return { data: teamStatusOf(engine), changed: [] };
  },

  async shareAccount(req, ctx) {
    const engine = engineOf(ctx);
    if (!(await ctx.db.get('accounts', req.accountId)))
      throw new HandlerError('not_found', 'No such account.');
    const self = engine.connectionInfo()?.email;
    if (req.members.some((m) => m.email.toLowerCase() === self))
      throw new HandlerError('invalid', 'You share this account; add your teammates.');
    await stated(async () => {
      // Shared once; later calls only add people or change their roles.
      if (!(await engine.accountState(req.accountId))) await engine.share(req.accountId);
      for (const member of req.members)
        await engine.setMember(req.accountId, member.email, member.role);
    });
    const state: AccountSync = (await engine.accountState(req.accountId)) ?? {
      phase: 'offline',
      waiting: 0,
      revoked: false,
    };
    return { data: state, changed: [req.accountId] };
  },

  async unshareAccount(req, ctx) {
    const engine = engineOf(ctx);
    if (!(await engine.accountState(req.accountId)))
      throw new HandlerError('not_found', `${accountDocName(req.accountId)} is not shared.`);
    await stated(() => engine.unshare(req.accountId));
    return { data: true, changed: [req.accountId] };
  },

  async getAccountSync(req, ctx) {
    if (!ctx.sync) return { data: null, changed: [] };
    return { data: await ctx.sync.accountState(req.accountId), changed: [] };
  },
} satisfies Partial<Handlers>;
