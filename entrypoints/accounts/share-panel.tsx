/**
 * "Share" in the account view: teammates by email address, each with a role (editor or viewer),
 * the account's sync line and who changed what (change-history.tsx). Shown as a hint to the Team section while this browser is not
 * connected to a server. Stopping is asked once more: teammates keep their copies but get no more
 * changes, and this browser keeps its own.
 */
import { useEffect, useState } from 'preact/hooks';
import { send } from '@/utils/contract/send';
import type { TeamRole, TeamStatus } from '@/utils/contract/team';
import { t } from '@/utils/shared/i18n';
import { Panel } from '@/components/form-fields';
import { AccountSyncLine, useAccountSync } from '@/components/sync-line';
import { ErrorNote } from '@/components/ui';
import { PanelRejoinOffer } from '@/components/rejoin-offer';
import { ChangeHistory } from './change-history';

interface Row {
  email: string;
  role: TeamRole;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const emptyRow = (): Row => ({ email: '', role: 'editor' });

export function SharePanel({ accountId }: { accountId: string }) {
  const [team, setTeam] = useState<TeamStatus | null>(null);
  const [rows, setRows] = useState<Row[]>([emptyRow()]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [confirmStop, setConfirmStop] = useState(false);
  const sync = useAccountSync(accountId);

  useEffect(() => {
    void send('teamStatus', {}).then((r) => r.ok && setTeam(r.data));
  }, []);

  const setRow = (index: number, patch: Partial<Row>) =>
    setRows(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  const share = async (event: Event) => {
    event.preventDefault();
    const members = rows
      .map((row) => ({ ...row, email: row.email.trim() }))
      .filter((r) => r.email !== '');
    const bad = members.find((m) => !EMAIL.test(m.email));
    if (bad) return setError(t('shareBadEmail', bad.email));
    setBusy(true);
    setError(null);
    setDone(null);
    const r = await send('shareAccount', { accountId, members });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setRows([emptyRow()]);
    setDone(members.length > 0 ? t('shareDone', members.map((m) => m.email).join(', ')) : null);
  };

  const stop = async () => {
    setBusy(true);
    setError(null);
    const r = await send('unshareAccount', { accountId });
    setBusy(false);
    setConfirmStop(false);
    if (!r.ok) return setError(r.error);
    setDone(t('shareStopped'));
  };

  const shared = sync !== null && !sync.revoked && !sync.offer;
  // Only the owner changes who has access or stops sharing (the server refuses anyone else).
  const notOwner = shared && (sync.role === 'editor' || sync.role === 'viewer');
  return (
    <Panel id="share" title={t('shareTitle')}>
      <AccountSyncLine accountId={accountId} />
      <PanelRejoinOffer
        accountId={accountId}
        state={sync}
        send={send}
        onRejoined={() => setDone(t('syncRejoined'))}
      />
      {team === null || sync?.offer ? null : notOwner ? (
        <p class="hint" data-testid="share-not-owner">
          {t(sync.role === 'viewer' ? 'shareYouView' : 'shareYouEdit')}
        </p>
      ) : team.phase === 'off' ? (
        <p class="muted">
          <a href="/options.html#team">{t('shareNeedsTeam')}</a>
        </p>
      ) : (
        <form class="stack-form share-form" noValidate onSubmit={(e) => void share(e)}>
          <p class="hint">{t('shareHint')}</p>
          {rows.map((row, index) => (
            <div class="share-row" key={index}>
              <label class="sr-only" for={`share-email-${index}`}>
                {t('shareEmail')}
              </label>
              <input
                id={`share-email-${index}`}
                type="email"
                placeholder={t('shareEmail')}
                value={row.email}
                onInput={(e) => setRow(index, { email: e.currentTarget.value })}
              />
              <label class="sr-only" for={`share-role-${index}`}>
                {t('shareRole')}
              </label>
              <select
                id={`share-role-${index}`}
                value={row.role}
                onChange={(e) => setRow(index, { role: e.currentTarget.value as TeamRole })}
              >
                <option value="editor">{t('shareEditor')}</option>
                <option value="viewer">{t('shareViewer')}</option>
              </select>
              {rows.length > 1 && (
                <button
                  type="button"
                  class="btn ghost"
                  aria-label={t('shareRemovePerson')}
                  title={t('shareRemovePerson')}
                  onClick={() => setRows(rows.filter((_, i) => i !== index))}
                >
                  ×
                </button>
              )}
            </div>
          ))}
          <div class="share-actions">
            <button type="button" class="btn" onClick={() => setRows([...rows, emptyRow()])}>
              {t('shareAddPerson')}
            </button>
            <button type="submit" class="btn primary" disabled={busy}>
              {shared ? t('shareUpdate') : t('shareSubmit')}
            </button>
          </div>
          {shared &&
            sync.role === 'owner' &&
            (confirmStop ? (
              <div class="confirm" role="group">
                <p>{t('shareStopConfirm')}</p>
                <button
                  type="button"
                  class="btn danger"
                  disabled={busy}
                  onClick={() => void stop()}
                >
                  {t('shareStop')}
                </button>
                <button type="button" class="btn" onClick={() => setConfirmStop(false)}>
                  {t('accountsCancel')}
                </button>
              </div>
            ) : (
              <button type="button" class="btn ghost" onClick={() => setConfirmStop(true)}>
                {t('shareStop')}
              </button>
            ))}
        </form>
      )}
      {done && (
        <p class="note ok" role="status">
          {done}
        </p>
      )}
      <ErrorNote error={error} />
      {sync && !sync.offer && <ChangeHistory accountId={accountId} sync={sync} />}
    </Panel>
  );
}
