/**
 * Team: the sync server's address, the invitation token, Connect / Disconnect, and the status
 * (synced, offline, N changes waiting, or the error in words). The token is sent once, to the
 * background worker, which keeps it in its own database; this page never reads it back, and the
 * field is emptied once connected.
 */
import { useEffect, useState } from 'preact/hooks';
import { send } from '@/utils/contract/send';
import type { TeamStatus } from '@/utils/contract/team';
import { t } from '@/utils/shared/i18n';
import { syncWords } from '@/components/sync-line';
import { type Note, NoteLine } from './data-notes';

const POLL_MS = 2000;

function statusText(status: TeamStatus): string {
  if (status.phase === 'off') return t('teamNotConnected');
  return t('syncStatusLabel', syncWords(status.phase, status.waiting));
}

export function TeamSection() {
  const [status, setStatus] = useState<TeamStatus | null>(null);
  const [server, setServer] = useState('');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
  /** The switch as just set, shown while the worker answers (then its answer is shown). */
  const [ownWanted, setOwnWanted] = useState<boolean | null>(null);

  useEffect(() => {
    let stopped = false;
    const read = async () => {
      const r = await send('teamStatus', {});
      if (!stopped && r.ok) setStatus(r.data);
    };
    void read();
    // The connection comes and goes without any store write: ask again while the page is open.
    const timer = setInterval(() => void read(), POLL_MS);
    return () => ((stopped = true), clearInterval(timer));
  }, []);

  const connect = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setNote(null);
    try {
      const r = await send('teamConnect', { server: server.trim(), token: token.trim() });
      if (!r.ok) return setNote({ tone: 'error', text: t('syncError', r.error) });
      setStatus(r.data);
      setToken('');
    } finally {
      setBusy(false);
    }
  };

  const syncOwn = async (on: boolean) => {
    setBusy(true);
    setNote(null);
    setOwnWanted(on);
    try {
      const r = await send('teamSyncOwn', { on });
      if (!r.ok) return setNote({ tone: 'error', text: t('syncError', r.error) });
      setStatus(r.data);
    } finally {
      setOwnWanted(null);
      setBusy(false);
    }
  };

  const disconnect = async () => {
    setBusy(true);
    setNote(null);
    try {
      const r = await send('teamDisconnect', {});
      if (!r.ok) return setNote({ tone: 'error', text: t('syncError', r.error) });
      setStatus(r.data);
    } finally {
      setBusy(false);
    }
  };

  const connected = status !== null && status.phase !== 'off';
  return (
    <section class="card team" aria-labelledby="team-heading" id="team">
      <div class="card-head">
        <h2 id="team-heading">{t('teamTitle')}</h2>
      </div>
      <p class="hint">{t('teamHint')}</p>
      {status === null ? (
        <p class="muted">{t('popupLoading')}</p>
      ) : connected ? (
        <div class="team-connected">
          <p>{t('teamSignedIn', [status.email ?? '', status.server ?? ''])}</p>
          <p class="team-status" role="status" data-team-status={status.phase}>
            {statusText(status)}
          </p>
          <p class="muted">{t('teamSharedCount', status.shared)}</p>
          <div class="field team-own">
            <label>
              <input
                type="checkbox"
                id="team-own"
                checked={ownWanted ?? status.own}
                disabled={busy}
                aria-describedby="team-own-hint"
                onChange={(e) => void syncOwn(e.currentTarget.checked)}
              />{' '}
              {t('teamOwnLabel')}
            </label>
            <p class="hint" id="team-own-hint">
              {t('teamOwnHint')}
            </p>
          </div>
          {status.error && (
            <p class="note error" role="alert">
              {t('syncError', status.error)}
            </p>
          )}
          <button type="button" class="btn" disabled={busy} onClick={() => void disconnect()}>
            {t('teamDisconnect')}
          </button>
        </div>
      ) : (
        <form class="team-form" onSubmit={(e) => void connect(e)}>
          <p class="team-status" role="status" data-team-status="off">
            {statusText(status)}
          </p>
          <div class="field">
            <label for="team-server">{t('teamServer')}</label>
            <input
              id="team-server"
              type="url"
              required
              placeholder="wss://sync.example.com"
              autocomplete="url"
              value={server}
              onInput={(e) => setServer(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="team-token">{t('teamToken')}</label>
            <input
              id="team-token"
              type="password"
              required
              autocomplete="off"
              spellcheck={false}
              value={token}
              onInput={(e) => setToken(e.currentTarget.value)}
            />
            <p class="hint">{t('teamTokenHint')}</p>
          </div>
          <button type="submit" class="btn primary" disabled={busy}>
            {busy ? t('teamConnecting') : t('teamConnect')}
          </button>
        </form>
      )}
      <NoteLine note={note} />
    </section>
  );
}
