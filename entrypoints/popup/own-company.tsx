/**
 * The popup's "own company": which email domains are the user's own, so that colleagues are never
 * offered as clients. Until the user names them, each signed-in mailbox's address says which
 * company is theirs (utils/shared/own-company.ts); the popup says so plainly and lets the user
 * confirm it or name another.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Settings } from '@/utils/contract/settings';
import { SEEN_SELF_EMAILS_KEY } from '@/utils/contract/storage-keys';
import { addOwnDomain } from '@/utils/page/settings-input';
import { t } from '@/utils/shared/i18n';
import { readSeenSelfEmails, seenCompanyDomains } from '@/utils/shared/own-company';
import { say, type Problem } from '@/utils/shared/problem';

type Save = (ownDomains: string[]) => void;

/** The company domains of the mailboxes the user opened, newest first; follows new ones. */
function useSeenDomains(): string[] {
  const [seen, setSeen] = useState<string[]>([]);
  useEffect(() => {
    const read = () =>
      void browser.storage.local
        .get(SEEN_SELF_EMAILS_KEY)
        .then((got) => setSeen(seenCompanyDomains(readSeenSelfEmails(got[SEEN_SELF_EMAILS_KEY]))));
    read();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && SEEN_SELF_EMAILS_KEY in changes) read();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  return seen;
}

export function OwnCompany({ settings, save }: { settings: Settings; save: Save }) {
  const seen = useSeenDomains();
  const own = settings.ownDomains;
  const assumed = own.length === 0 ? seen : [];
  // A mailbox at a company the user has not named yet, once they named some.
  const others = own.length > 0 ? seen.filter((d) => !own.includes(d)) : [];
  const [changing, setChanging] = useState(false);

  return (
    <details class="quick" open={assumed.length > 0 || others.length > 0}>
      <summary>{t('popupOwnDomainsHeading')}</summary>
      {assumed.map((d) => (
        <div class="assumed" key={d} data-testid="own-assumed">
          <p>
            <strong>{t('popupOwnAssumed', d)}</strong>
          </p>
          <p class="muted">{t('popupOwnAssumedWhy')}</p>
          <p class="actions">
            <button
              type="button"
              class="rp-btn rp-small"
              data-testid="own-confirm"
              onClick={() => save([...own, d])}
            >
              {t('popupOwnConfirm')}
            </button>
            <button
              type="button"
              class="rp-btn rp-small"
              data-testid="own-change"
              aria-expanded={changing}
              onClick={() => setChanging((c) => !c)}
            >
              {t('popupOwnChange')}
            </button>
          </p>
        </div>
      ))}
      {assumed.length === 0 && own.length === 0 && <p class="muted">{t('popupOwnDomainsNone')}</p>}
      {own.length > 0 && (
        <ul class="own-list" data-testid="own-domains">
          {own.map((d) => (
            <li key={d}>
              <span>{d}</span>
              <button
                type="button"
                class="rp-btn rp-small"
                aria-label={t('popupOwnRemove', d)}
                onClick={() => save(own.filter((x) => x !== d))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {others.map((d) => (
        <p class="row" data-testid="own-domain-suggestion" key={d}>
          <span>{t('popupOwnDomainSuggest', d)}</span>
          <button type="button" class="rp-btn rp-small" onClick={() => save([...own, d])}>
            {t('popupOwnDomainUse')}
          </button>
        </p>
      ))}
      {(changing || assumed.length === 0) && (
        <AddDomain own={own} save={save} autoFocus={changing} />
      )}
    </details>
  );
}

/** Names one more own domain ("anna@acme.com" and "acme.com" both do), with a clear error. */
function AddDomain({ own, save, autoFocus }: { own: string[]; save: Save; autoFocus: boolean }) {
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocus) field.current?.focus();
  }, [autoFocus]);
  const submit = (e: Event) => {
    e.preventDefault();
    const r = addOwnDomain(own, draft);
    if (!r.ok) return setProblem(r.problem);
    setProblem(null);
    setDraft('');
    save(r.domains);
  };
  return (
    <form class="row add-own" onSubmit={submit}>
      <input
        ref={field}
        class="rp-input"
        data-testid="own-domain-input"
        aria-label={t('popupOwnDomainLabel')}
        placeholder={t('popupOwnDomainLabel')}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? 'own-domain-error' : undefined}
        value={draft}
        onInput={(e) => {
          setDraft(e.currentTarget.value);
          // An error stays only while the field still holds what it was about.
          setProblem(null);
        }}
      />
      <button type="submit" class="rp-btn" data-testid="own-domain-add">
        {t('popupOwnDomainAdd')}
      </button>
      {problem && (
        <p id="own-domain-error" role="alert" class="error">
          {say(problem)}
        </p>
      )}
    </form>
  );
}
