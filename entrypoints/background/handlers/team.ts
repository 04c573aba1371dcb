/**
 * Team sync's messages, all from Rapport's own pages but the per-account line. The engine
 * (sync/sync-engine.ts) does the work; these only check, translate its errors into the
 * contract's, and answer without the token.
 */
import type { AccountSync, TeamStatus } from '@/utils/contract/team';
import { companyDomain } from '@/utils/shared/match';
import type { SyncEngine } from '../sync/sync-engine';
import { asSyncError, SyncError } from '../sync/sync-errors';
import { accountSyncOf, syncErrorText } from '../sync/sync-words';
import { HandlerError, type Handlers, type HandlerContext } from './common';

const refused = (key: SyncError['key'], code: HandlerError['code'] = 'invalid') =>
  new HandlerError(code, syncErrorText(new SyncError(key)));

function engineOf(ctx: HandlerContext): SyncEngine {
  if (!ctx.sync) throw refused('syncErrUnavailable');
  return ctx.sync;
}

/** Any engine or server failure becomes a stated error, not a storage failure. */
async function stated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HandlerError) throw error;
    throw new HandlerError('invalid', syncErrorText(asSyncError(error)));
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
    own: status.own,
    error: status.error && syncErrorText(status.error),
  };
}

/**
 * The address an invitation (or an OpenID ID token) names, read from its payload to show who is
 * signed in. Not a check: the server verifies the signature on every connection.
 */
export function tokenEmail(token: string): string {
  const payload = token.trim().split('.')[1];
  if (!payload) throw refused('syncErrNotToken');
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(json) as { email?: unknown; sub?: unknown };
    const email = typeof claims.email === 'string' ? claims.email : claims.sub;
    if (typeof email === 'string' && /^[^\s@]+@[^\s@]+$/.test(email)) return email.toLowerCase();
  } catch {
    // Falls through to the error below.
  }
  throw refused('syncErrTokenNoEmail');
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
    if (!reached.reached) status.error = syncErrorText(new SyncError('syncErrUnreachable'));
    return { data: status, changed: [] };
  },

  async teamSyncOwn(req, ctx) {
    const engine = engineOf(ctx);
    await stated(() => engine.setOwn(req.on));
    return { data: teamStatusOf(engine), changed: [] };
  },

  async teamDisconnect(_req, ctx) {
    const engine = engineOf(ctx);
    await stated(() => engine.configure(null));
    return { data: teamStatusOf(engine), changed: [] };
  },

  async shareAccount(req, ctx) {
    const engine = engineOf(ctx);
    if (!(await ctx.db.get('accounts', req.accountId)))
      throw refused('syncErrNoAccount', 'not_found');
    const self = engine.connectionInfo()?.email;
    if (req.members.some((m) => m.email.toLowerCase() === self)) throw refused('syncErrSelf');
    await stated(async () => {
      // Shared once; later calls only add people or change their roles.
      if (!(await engine.accountState(req.accountId))) await engine.share(req.accountId);
      for (const member of req.members)
        await engine.setMember(req.accountId, member.email, member.role);
    });
    const state = await engine.accountState(req.accountId);
    const data: AccountSync = state
      ? accountSyncOf(state)
      : { phase: 'offline', waiting: 0, revoked: false, error: null };
    return { data, changed: [req.accountId] };
  },

  async unshareAccount(req, ctx) {
    const engine = engineOf(ctx);
    if (!(await engine.accountState(req.accountId))) throw refused('syncErrNotShared', 'not_found');
    await stated(() => engine.unshare(req.accountId));
    return { data: true, changed: [req.accountId] };
  },

  async rejoinAccount(req, ctx) {
    const engine = engineOf(ctx);
    if (!(await engine.accountState(req.accountId))?.offer)
      throw refused('syncErrNoOffer', 'not_found');
    await stated(() => engine.rejoinOffer(req.accountId));
    const state = await engine.accountState(req.accountId);
    const data: AccountSync = state
      ? accountSyncOf(state)
      : { phase: 'offline', waiting: 0, revoked: false, error: null };
    return { data, changed: [req.accountId] };
  },

  async dismissRejoin(req, ctx) {
    const engine = engineOf(ctx);
    if (!(await stated(() => engine.dismissOffer(req.accountId))))
      throw refused('syncErrNoOffer', 'not_found');
    return { data: true, changed: [req.accountId] };
  },

  async getTeamOwners(req, ctx) {
    if (!ctx.sync?.connectionInfo()) return { data: [], changed: [] };
    // Never about this person's own company (their settings, the address they sign in with),
    // free mail, or a client they already have: the server learns only what it has to.
    const settings = await ctx.settings();
    const self = ctx.sync.connectionInfo()?.email;
    const domain = companyDomain(req.domain, [...settings.ownDomains, ...(self ? [self] : [])]);
    if (!domain || domain !== req.domain) return { data: [], changed: [] };
    if ((await ctx.db.getKeyFromIndex('accounts', 'byDomain', domain)) !== undefined) {
      return { data: [], changed: [] };
    }
    return { data: await ctx.sync.owners(domain), changed: [] };
  },

  async getAccountHistory(req, ctx) {
    return { data: ctx.sync?.history(req.accountId) ?? null, changed: [] };
  },

  async getAccountSync(req, ctx) {
    if (!ctx.sync) return { data: null, changed: [] };
    const state = await ctx.sync.accountState(req.accountId);
    return { data: state && accountSyncOf(state), changed: [] };
  },
} satisfies Partial<Handlers>;
