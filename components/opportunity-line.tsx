/**
 * The sidebar's one line about the whitespace grid: "3 open opportunities, biggest: Warehousing
 * for UK operations (€120,000)", and "· also in USD" when priced opportunities are in more than
 * one currency. Nothing at all when the account has none.
 */
import type { OpportunitySummary } from '@/utils/contract/whitespace';
import { t, uiLocale } from '@/utils/shared/i18n';
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

/** The line, from the summary that comes with the account view. */
export function OpportunityLine({ summary }: { summary: OpportunitySummary }) {
  if (!summary.count) return null;
  return (
    <p class="rp-opportunities" data-testid="opportunities">
      {opportunityText(summary)}
    </p>
  );
}
