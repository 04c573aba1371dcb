/**
 * The meeting brief page: one printable page to read before a meeting with an account or with a
 * thread's people. It asks the worker for the brief (getBrief) and words it; the Print button and
 * the print stylesheet make it a clean A4 or Letter page.
 */
import { useEffect, useState } from 'preact/hooks';
import { send } from '@/utils/contract/send';
import { today as todayOf } from '@/utils/shared/dates';
import { t } from '@/utils/shared/i18n';
import type { MeetingBrief } from '@/utils/shared/meeting-brief';
import { parseBriefQuery } from '@/utils/page/brief-link';
import { hashOf } from '@/utils/page/account-list';
import { POTENTIAL_LABEL, STAGE_LABEL } from '@/components/labels';
import { BriefSections, briefTitle, dayOf } from './brief-sections';

type Load =
  | { state: 'loading' }
  | { state: 'missing' }
  | { state: 'error'; error: string }
  | { state: 'ready'; brief: MeetingBrief };

export function App() {
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    const query = parseBriefQuery(location.search);
    if (!query) {
      setLoad({ state: 'missing' });
      return;
    }
    void send('getBrief', { ...query, today: todayOf() }).then((r) =>
      setLoad(r.ok ? { state: 'ready', brief: r.data } : { state: 'error', error: r.error }),
    );
  }, []);

  useEffect(() => {
    if (load.state === 'ready') document.title = briefTitle(load.brief.account.name);
  }, [load]);

  if (load.state === 'loading')
    return (
      <main class="brief" aria-busy="true">
        <p class="muted" role="status">
          {t('briefLoading')}
        </p>
      </main>
    );
  if (load.state !== 'ready')
    return (
      <main class="brief">
        <h1>{t('briefTitle')}</h1>
        <p class="error" role="alert" data-testid="brief-error">
          {load.state === 'missing' ? t('briefNoAccount') : t('briefError', load.error)}
        </p>
      </main>
    );

  const { brief } = load;
  return (
    <main class="brief" data-testid="brief" aria-labelledby="brief-title">
      <header class="brief-head">
        <div class="brief-toolbar no-print">
          <button
            type="button"
            class="btn primary"
            data-testid="brief-print"
            onClick={() => window.print()}
          >
            {t('briefPrint')}
          </button>{' '}
          <a
            class="btn"
            data-testid="brief-open-account"
            href={`/accounts.html${hashOf({ kind: 'account', id: brief.account.id })}`}
          >
            {t('sidebarOpenAccount')}
          </a>
        </div>
        <p class="brief-kicker">{t('briefTitle')}</p>
        <h1 id="brief-title" data-testid="brief-account">
          {brief.account.name}
        </h1>
        <p class="brief-meta">
          {t(STAGE_LABEL[brief.account.stage])} · {t('sidebarPotential')}:{' '}
          {t(POTENTIAL_LABEL[brief.account.potential])}
          {brief.account.domains.length > 0 && <> · {brief.account.domains.join(', ')}</>}
        </p>
        <p class="brief-meta">
          {t('briefPrepared', dayOf(brief.today, brief.today))} ·{' '}
          {brief.forThread ? t('briefScopeThread') : t('briefScopeAccount')}
        </p>
      </header>
      <BriefSections brief={brief} />
    </main>
  );
}
