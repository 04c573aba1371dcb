/**
 * Who changed what, and when, in a shared account: the account view's short history, newest
 * first ("bob@firm.com · stage, people · 5 Dec, 09:12"). Read again on every change to the
 * account and each time its sync line is read, so a teammate's change shows up with it.
 */
import { useEffect, useState } from 'preact/hooks';
import { send } from '@/utils/contract/send';
import type { AccountSync, ChangeEntry, ChangeKind } from '@/utils/contract/team';
import { t, uiLocale, type MessageKey } from '@/utils/shared/i18n';

const KIND_LABEL: Record<ChangeKind, MessageKey> = {
  shared: 'changeKindShared',
  name: 'changeKindName',
  domains: 'changeKindDomains',
  stage: 'changeKindStage',
  potential: 'changeKindPotential',
  nextAction: 'changeKindNextAction',
  cadenceDays: 'changeKindCadence',
  crmRefs: 'changeKindCrm',
  profile: 'changeKindProfile',
  people: 'changeKindPeople',
  decisions: 'changeKindDecisions',
  activities: 'changeKindActivities',
  objectives: 'changeKindObjectives',
  buyingUnits: 'changeKindBuyingUnits',
  whitespace: 'changeKindWhitespace',
};

function when(at: number): string {
  return new Intl.DateTimeFormat(uiLocale(), {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    ...(new Date(at).getFullYear() !== new Date().getFullYear() ? { year: 'numeric' } : {}),
  }).format(at);
}

export function ChangeHistory({ accountId, sync }: { accountId: string; sync: AccountSync }) {
  const [entries, setEntries] = useState<ChangeEntry[] | null>(null);
  useEffect(() => {
    let stopped = false;
    void send('getAccountHistory', { accountId }).then((r) => {
      if (!stopped && r.ok) setEntries(r.data);
    });
    return () => void (stopped = true);
  }, [accountId, sync]);

  if (entries === null) return null;
  return (
    <div class="change-history">
      <h3 id="change-history-heading">{t('changeHistoryTitle')}</h3>
      {entries.length === 0 ? (
        <p class="muted">{t('changeHistoryEmpty')}</p>
      ) : (
        <ol aria-labelledby="change-history-heading">
          {entries.map((entry, i) => (
            <li key={`${entry.at}-${entry.by}-${i}`}>
              <span class="who">{entry.by}</span>
              {' · '}
              <span class="what">{entry.what.map((k) => t(KIND_LABEL[k])).join(', ')}</span>
              {' · '}
              <time dateTime={new Date(entry.at).toISOString()}>{when(entry.at)}</time>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
