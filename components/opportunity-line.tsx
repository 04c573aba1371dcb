/**
 * The sidebar's one line about the whitespace grid: "3 open opportunities, biggest: Warehousing
 * for UK operations (€120,000)", and "· also in USD" when priced opportunities are in more than
 * one currency. Nothing at all when the account has none.
 */
import { useEffect, useState } from 'preact/hooks';
import { watchChanges } from '@/utils/contract/events';
import type { OpportunitySummary } from '@/utils/contract/whitespace';
import { t, uiLocale } from '@/utils/shared/i18n';
import type { Send } from './sidebar-types';
import { formatMoney } from './whitespace-labels';

export function opportunityText(s: OpportunitySummary): string {
  if (!s.biggest) return s.count === 1 ? t('wsOpportunityOne') : t('wsOpportunities', s.count);
  const subs = [
    s.biggest.offering,
    s.biggest.unit,
    formatMoney(s.biggest.spend, s.biggest.currency),
  ];
  const line =
    s.count === 1
      ? t('wsOpportunityOneBiggest', subs)
      : t('wsOpportunitiesBiggest', [s.count, ...subs]);
  // Spends in other currencies were not compared with the biggest (no exchange rates): say so.
  if (s.alsoIn.length === 0) return line;
  const list = new Intl.ListFormat(uiLocale(), { type: 'conjunction' }).format(s.alsoIn);
  return `${line} · ${t('wsOpportunitiesAlsoIn', list)}`;
}

export function OpportunityLine({ accountId, send }: { accountId: string; send: Send }) {
  const [summary, setSummary] = useState<OpportunitySummary | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    const read = async () => {
      const r = await send('getOpportunities', { accountId });
      if (!controller.signal.aborted) setSummary(r.ok ? r.data : null);
    };
    void read();
    watchChanges((notice) => {
      if (notice.accountIds.includes(accountId)) void read();
    }, controller.signal);
    return () => controller.abort();
  }, [accountId, send]);
  if (!summary?.count) return null;
  return (
    <p class="rp-opportunities" data-testid="opportunities">
      {opportunityText(summary)}
    </p>
  );
}
