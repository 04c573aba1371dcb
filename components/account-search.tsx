/** Finds an account by name or domain, for when the page alone does not say which one it is. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AccountSummary } from '@/utils/contract/messages';
import { t } from '@/utils/shared/i18n';
import type { Send } from './sidebar-types';
import { valueOf } from './ui';
import { showDomains } from '@/utils/shared/idn';

interface Props {
  send: Send;
  label: string;
  onPick: (account: AccountSummary) => void;
  onCancel?: () => void;
  autoFocus?: boolean;
}

const DEBOUNCE_MS = 200;

export function AccountSearch({ send, label, onPick, onCancel, autoFocus }: Props) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<AccountSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (autoFocus) box.current?.focus();
  }, []);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setFound(null);
      return;
    }
    let stale = false;
    const timer = setTimeout(async () => {
      const result = await send('searchAccounts', { query: q, limit: 8 });
      if (stale) return;
      setError(result.ok ? null : result.error);
      setFound(result.ok ? result.data : []);
    }, DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [query]);

  return (
    <div class="rp-search" role="search">
      <label class="rp-field">
        <span class="rp-field-label">{label}</span>
        <input
          ref={box}
          class="rp-input"
          type="search"
          maxLength={200}
          value={query}
          placeholder={t('sidebarSearchPlaceholder')}
          onInput={(e) => setQuery(valueOf(e))}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && onCancel) {
              e.preventDefault();
              onCancel();
            }
          }}
        />
      </label>
      {error && (
        <p class="rp-error" role="alert">
          {error}
        </p>
      )}
      {found && (
        <ul class="rp-list rp-results" aria-live="polite">
          {found.length === 0 && <li class="rp-muted">{t('sidebarSearchNothing')}</li>}
          {found.map((a) => (
            <li key={a.id}>
              <button type="button" class="rp-result" onClick={() => onPick(a)}>
                <span class="rp-strong">{a.name}</span>
                {a.domains.length > 0 && <span class="rp-muted"> {showDomains(a.domains)}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
