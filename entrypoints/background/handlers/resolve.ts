/**
 * Finding the accounts a page is about: from a tab's report or the sidebar's question, by a linked
 * CRM record, the emails and domains shown, or the company name, with look-alike senders set
 * aside. It runs on every thread the user opens, so it reads in one transaction over only the
 * stores it needs.
 */
import { unwrap } from 'idb';
import {
  accountIdsByCrmRecord,
  accountIdsByDomain,
  accountIdsByEmail,
  accountIdsByName,
  readView,
  VIEW_STORES,
} from '../account-reads';
import { noteSightings } from '../sightings';
import {
  foreignEmails,
  lookalikesAmong,
  withoutHidden,
  withoutLookalikes,
} from '../lookalike-reads';
import { dueCount, writesSoFar } from '../due-count';
import type { StoreName } from '../db';
import {
  companyDomain,
  matchParticipants,
  normaliseEmail,
  type MatchResult,
} from '@/utils/shared/match';
import type { ContextResult, HostContext, PageRead } from '@/utils/contract/messages';
import { today } from '@/utils/shared/dates';
import { ownDomainsFor } from '@/utils/shared/own-company';
import { type HandlerContext, type Handlers, viewLines } from './common';

/** What the tab's frame would ask for next: the accounts of what is open, or just the due count. */
export async function resolveRead(read: PageRead, ctx: HandlerContext) {
  if (read.status === 'unreadable') return undefined;
  const context: HostContext =
    read.status === 'open'
      ? read.context
      : { host: read.host, url: read.url, participants: [], domains: [], names: [] };
  return (await resolveHandlers.resolveContext(context, ctx)).data;
}

export const resolveHandlers = {
  async resolveContext(page, ctx) {
    const settings = await ctx.settings();
    // Until the user names their own domains, this mailbox's own address says which company is
    // theirs: a thread with a colleague must not offer their own company as a client.
    const ownDomains = ownDomainsFor(settings.ownDomains, page.selfEmail);
    const lines = viewLines(ctx, settings);
    const writes = writesSoFar(ctx.db);
    // A sender whose address only looks like a known company's is matched to nothing: the
    // sidebar warns about it instead (lookalike-reads.ts). One with hidden characters is taken
    // out first; the others are known once the match has found nothing for them.
    const { context: req, hidden } = withoutHidden(page);
    // Only the stores it reads (account-reads.ts); with meta when it may look up a CRM record or
    // a name: while the key rewrite runs, those lookups read its marker.
    const lookups = req.crmRef || req.names.length > 0 ? (['meta'] as const) : [];
    const tx = ctx.db.transaction([...VIEW_STORES, ...lookups] as StoreName[], 'readonly');
    const raw = unwrap(tx);
    const byDomain = (domain: string) => accountIdsByDomain(raw, domain);
    const lookalikesOf = (candidates: { email: string; name: string }[]) =>
      lookalikesAmong(ctx.db, raw, writes, ownDomains, ctx.now(), candidates);
    const unmatchedDomains: { email: string; name: string }[] = [];

    // On a CRM record the account is found, in order, by: a stored link to this record; an email
    // or domain the record shows; the exact company name. A thread has only emails.
    const matchesBy = (matchedBy: 'crm' | 'name') => (ids: string[]) =>
      ids.map((accountId) => ({ accountId, matchedBy, emails: [] }));
    let found: MatchResult['matches'] = req.crmRef
      ? await accountIdsByCrmRecord(raw, req.crmRef).then(matchesBy('crm'))
      : [];
    let unknown: MatchResult['unknown'] = [];
    if (found.length === 0) {
      const byEmails = await matchParticipants(
        req.participants,
        ownDomains,
        req.selfEmail ? [req.selfEmail] : [],
        {
          accountIdsByEmail: (email) => accountIdsByEmail(raw, email),
          accountIdsByDomain: byDomain,
        },
      );
      found = byEmails.matches;
      unknown = byEmails.unknown;
      for (const shown of req.domains) {
        const domain = companyDomain(shown, ownDomains);
        const ids = domain ? await byDomain(domain) : [];
        if (domain && ids.length === 0) unmatchedDomains.push({ email: shown, name: '' });
        for (const accountId of ids) {
          if (!found.some((m) => m.accountId === accountId)) {
            found.push({ accountId, matchedBy: 'domain', emails: [] });
          }
        }
      }
    }
    const candidates = [
      ...hidden,
      ...unknown.filter((u) => u.domain && !u.freeMail),
      ...unmatchedDomains,
    ];
    const lookalikes = candidates.length > 0 ? await lookalikesOf(candidates) : [];
    unknown = unknown.filter((u) => !lookalikes.some((l) => l.email === u.email));
    // A company name shown beside a look-alike is the name it borrows: it finds no account.
    if (found.length === 0 && req.names.length > 0 && lookalikes.length === 0) {
      found = await accountIdsByName(raw, req.names).then(matchesBy('name'));
    }

    // Every read is started at once: each is a round trip to the store.
    const [dueNow, views] = await Promise.all([
      dueCount(ctx.db, raw, today(ctx.now()), writes),
      Promise.all(
        found.map(async (m) => {
          const view = await readView(raw, m.accountId, lines);
          return view && { ...view, matchedBy: m.matchedBy, threadEmails: m.emails };
        }),
      ),
    ]);
    const viewed = views.filter((v) => v !== null);
    const foreign = foreignEmails(viewed, req.participants, ownDomains);
    if (foreign.length > 0) lookalikes.push(...(await lookalikesOf(foreign)));
    const matches: ContextResult['matches'] = withoutLookalikes(viewed, lookalikes);
    // A sighting that cannot be stored (quota, a closing store) must not cost the user the read.
    const flagged = new Set(lookalikes.map((l) => l.email));
    const seen = req.participants.filter((p) => !flagged.has(normaliseEmail(p.email)));
    await noteSightings(ctx.db, { ...req, participants: seen }, matches, ctx.now()).catch(() => 0);
    return { data: { matches, unknown, lookalikes, dueCount: dueNow }, changed: [] };
  },
} satisfies Partial<Handlers>;
