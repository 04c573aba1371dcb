/**
 * CRM records in the sidebar: the offer to create or link an account on a record that matches
 * none, and the links from an account to its records ("Open in HubSpot").
 */
import { useState } from 'preact/hooks';
import type { ContextResult, HostContext, RequestOf } from '@/utils/contract/messages';
import type { CrmRef } from '@/utils/contract/model';
import type { CrmSystem } from '@/utils/contract/enums';
import { safeHref } from '@/utils/shared/links';
import { t } from '@/utils/shared/i18n';
import { AccountSearch } from './account-search';
import { guessName, nameFromEmail } from './guess-name';
import { CRM_LABEL } from './labels';
import type { RecordOfferProps } from './sidebar-types';
import { ErrorNote, Section, useWrite } from './ui';
import { MAX_NEW_ACCOUNT_PEOPLE } from '@/utils/contract/limits';
import { showDomains } from '@/utils/shared/idn';

type Unknown = ContextResult['unknown'][number];

/**
 * The account a record would become: named as the record shows the company (else after its
 * domain), with the record's web domains (else its people's company domains), and the record's
 * people. `unknown` is the background's list of the record's people that matched nothing, without
 * the user and their colleagues. Null when the record says too little to name an account.
 */
export function accountFromRecord(
  context: HostContext,
  unknown: readonly Unknown[],
): RequestOf<'createAccount'> | null {
  if (!context.crmRef) return null;
  const companyDomains = unknown.flatMap((u) => (u.domain && !u.freeMail ? [u.domain] : []));
  const shown = context.domains.length > 0 ? context.domains : companyDomains;
  // A website's host stands for its company: www.globex.com is globex.com.
  const domains = [...new Set(shown.map((d) => d.toLowerCase().replace(/^www\./, '')))];
  const name = (context.names[0] ?? '').trim() || (domains[0] ? guessName(domains[0]) : '');
  if (!name) return null;
  return {
    name,
    domains,
    crmRef: context.crmRef,
    people: unknown
      .slice(0, MAX_NEW_ACCOUNT_PEOPLE)
      .map((u) => ({ name: nameFromEmail(u.email, u.name), email: u.email })),
  };
}

/** A record that matches no account: create one from it, or link it to an existing one. */
export function RecordOffer({ context, unknown, send, reload }: RecordOfferProps) {
  const { busy, error, run } = useWrite(reload);
  const [linking, setLinking] = useState(false);
  const proposal = accountFromRecord(context, unknown);
  const people = proposal?.people ?? [];

  return (
    <Section title={t('sidebarRecordUnknownTitle')}>
      {proposal && (
        <div class="rp-card rp-new" data-testid="record-offer">
          <div class="rp-grow">
            <div class="rp-strong" data-testid="record-name">
              {proposal.name}
            </div>
            {proposal.domains.length > 0 && (
              <div class="rp-muted rp-ellipsis">{showDomains(proposal.domains)}</div>
            )}
            {people.length > 0 && (
              <div class="rp-muted rp-ellipsis">
                {t('sidebarRecordPeople', people.map((p) => p.name).join(', '))}
              </div>
            )}
          </div>
        </div>
      )}
      <div class="rp-actions">
        {proposal && (
          <button
            type="button"
            class="rp-btn rp-primary"
            data-testid="create-from-record"
            disabled={busy}
            onClick={() => void run(() => send('createAccount', proposal))}
          >
            {t('sidebarCreateFromRecord')}
          </button>
        )}
        {!linking && (
          <button
            type="button"
            class="rp-btn"
            data-testid="link-record"
            disabled={busy}
            onClick={() => setLinking(true)}
          >
            {t('sidebarLinkToExisting')}
          </button>
        )}
      </div>
      {linking && (
        <AccountSearch
          send={send}
          autoFocus
          label={t('sidebarLinkRecordTo')}
          onCancel={() => setLinking(false)}
          onPick={(a) =>
            void run(() =>
              send('linkCrmRecord', {
                accountId: a.id,
                crmRef: context.crmRef,
                domains: context.domains,
              }),
            )
          }
        />
      )}
      <ErrorNote error={error} />
    </Section>
  );
}

/**
 * One record per CRM an account is linked to: its company-level record when it has one (the
 * company, account or organization), else the one linked last.
 */
export function recordsToOpen(refs: readonly CrmRef[], shown?: CrmRef): CrmRef[] {
  const bySystem = new Map<CrmSystem, CrmRef>();
  for (const ref of refs) {
    // The record open on the page needs no link to itself.
    if (shown && ref.system === shown.system && ref.recordId === shown.recordId) continue;
    if (!safeHref(ref.url)) continue;
    const kept = bySystem.get(ref.system);
    if (!kept || !COMPANY_TYPES.has(kept.recordType)) bySystem.set(ref.system, ref);
  }
  return [...bySystem.values()];
}

const COMPANY_TYPES = new Set(['company', 'account', 'organization']);

/** "Open in HubSpot" and the like, in a new tab; https only. */
export function CrmLinks({ refs, shown }: { refs: readonly CrmRef[]; shown?: CrmRef }) {
  const links = recordsToOpen(refs, shown);
  if (links.length === 0) return null;
  return (
    <div class="rp-crm-links">
      {links.map((ref) => (
        <a
          key={`${ref.system}:${ref.recordId}`}
          class="rp-link"
          data-testid="open-in-crm"
          href={safeHref(ref.url)}
          target="_blank"
          rel="noopener noreferrer"
        >
          {t('sidebarOpenInCrm', t(CRM_LABEL[ref.system]))}
        </a>
      ))}
    </div>
  );
}
