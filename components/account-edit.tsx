/**
 * Rename the account and edit its web domains, from the sidebar. The domains are checked by the
 * background before the save (checkDomains): free mail and another account's domain are refused
 * with the reason, and nothing is written.
 */
import { useRef, useState } from 'preact/hooks';
import type { Account } from '@/utils/contract/model';
import type { DomainProblem, Result } from '@/utils/contract/messages';
import { t } from '@/utils/shared/i18n';
import { accountChange, sendAccountChange } from './account-actions';
import { useMergedWrite, WriteNotes } from './conflict-notice';
import type { Send } from './sidebar-types';
import { InlineForm, useWrite, valueOf } from './ui';
import { showDomains, unicodeHost } from '@/utils/shared/idn';

interface Props {
  account: Account;
  send: Send;
  reload: () => void;
  onClose: () => void;
}

export function problemText(p: DomainProblem): string {
  if (p.problem === 'invalid') return t('sidebarDomainInvalid', p.input);
  const domain = p.domain ? unicodeHost(p.domain) : p.input;
  if (p.problem === 'free_mail') return t('sidebarDomainFreeMail', domain);
  return t('sidebarDomainTaken', [domain, p.account ?? '']);
}

export function AccountEditForm({ account, send, reload, onClose }: Props) {
  const [name, setName] = useState(account.name);
  const [domains, setDomains] = useState(showDomains(account.domains));
  const [problems, setProblems] = useState<{ name?: string; domains?: string[] }>({});
  const writer = useWrite(reload);
  const { busy, error, setError } = writer;
  const merged = useMergedWrite<Account>(writer, reload);
  // The account as the form opened on it: the save sends what differs from it, with its values.
  const readAt = useRef(account);
  const domainsField = useRef<HTMLInputElement>(null);
  const id = `rp-edit-${account.id}`;
  const closeOnSave = (r: Result<Account> | null) => (!r || r.ok) && onClose();

  const submit = async () => {
    const trimmed = name.trim();
    const typed = domains.split(/[\s,;]+/).filter(Boolean);
    if (!trimmed) return setProblems({ name: t('sidebarAccountNameRequired') });
    const check = await send('checkDomains', { accountId: account.id, domains: typed });
    if (!check.ok) return setError(check.error);
    const found = check.data.problems.map(problemText);
    setProblems({ domains: found });
    // Refused before anything is written: the form stays open with the reasons by the field.
    if (found.length > 0) return domainsField.current?.focus();
    const change = accountChange(readAt.current, { name: trimmed, domains: check.data.domains });
    closeOnSave(await merged.write(change, sendAccountChange(send, account.id)));
  };

  const domainError = problems.domains && problems.domains.length > 0;
  return (
    <InlineForm
      label={t('sidebarEditAccountTitle')}
      submitLabel={t('sidebarSave')}
      busy={busy}
      onSubmit={submit}
      onCancel={onClose}
    >
      <label class="rp-field">
        <span class="rp-field-label">{t('sidebarAccountName')}</span>
        <input
          class="rp-input"
          name="account-name"
          required
          maxLength={200}
          autoComplete="off"
          value={name}
          aria-invalid={problems.name ? true : undefined}
          aria-describedby={problems.name ? `${id}-name-error` : undefined}
          onInput={(e) => {
            setName(valueOf(e));
            // An error stays only while the field still holds what it was about.
            setProblems((p) => ({ ...p, name: undefined }));
          }}
        />
      </label>
      {problems.name && (
        <p class="rp-error" id={`${id}-name-error`} role="alert">
          {problems.name}
        </p>
      )}
      <label class="rp-field">
        <span class="rp-field-label">{t('sidebarAccountDomains')}</span>
        <input
          class="rp-input"
          name="account-domains"
          ref={domainsField}
          maxLength={2000}
          autoComplete="off"
          spellcheck={false}
          value={domains}
          placeholder={t('sidebarAccountDomainsPlaceholder')}
          aria-invalid={domainError ? true : undefined}
          aria-describedby={domainError ? `${id}-domains-error` : `${id}-domains-hint`}
          onInput={(e) => {
            setDomains(valueOf(e));
            setProblems((p) => ({ ...p, domains: undefined }));
          }}
        />
      </label>
      {domainError ? (
        <ul
          class="rp-error rp-list"
          id={`${id}-domains-error`}
          role="alert"
          data-testid="domain-error"
        >
          {problems.domains!.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      ) : (
        <p class="rp-form-hint" id={`${id}-domains-hint`}>
          {t('sidebarAccountDomainsHint')}
        </p>
      )}
      <WriteNotes
        conflicts={merged.conflicts}
        busy={busy}
        error={error}
        onChoose={(choice) => void merged.choose(choice).then(closeOnSave)}
      />
    </InlineForm>
  );
}
