/**
 * "Create an account…" for a free-mail sender: the company is not in the address (gmail.com is
 * nobody's company), so the user types its name; the account gets no domain, and the sender comes
 * along as its first person, found again by their email.
 */
import { useState } from 'preact/hooks';
import type { Result } from '@/utils/contract/messages';
import { t } from '@/utils/shared/i18n';
import type { Send } from './sidebar-types';
import { InlineForm, useInline } from './ui';

interface Props {
  email: string;
  /** The sender's display name, as their first person's name. */
  name: string;
  send: Send;
  busy: boolean;
  run: (write: () => Promise<Result<unknown>>) => Promise<Result<unknown>>;
}

export function FreeMailCreate({ email, name, send, busy, run }: Props) {
  const inline = useInline();
  const [company, setCompany] = useState('');
  const [missing, setMissing] = useState(false);
  if (!inline.open) {
    return (
      <button
        type="button"
        class="rp-btn rp-small"
        ref={inline.opener}
        data-testid="create-named-account"
        aria-label={t('sidebarCreateNamedFor', name)}
        onClick={inline.show}
      >
        {t('sidebarCreateNamed')}
      </button>
    );
  }
  const submit = () => {
    const typed = company.trim();
    if (!typed) return setMissing(true);
    void run(() =>
      send('createAccount', { name: typed, domains: [], people: [{ name, email }] }),
    ).then((r) => r.ok && inline.close());
  };
  return (
    <InlineForm
      label={t('sidebarCreateNamedFor', name)}
      submitLabel={t('sidebarCreateAccount')}
      busy={busy}
      onSubmit={submit}
      onCancel={inline.close}
    >
      <label class="rp-field">
        <span class="rp-field-label">{t('sidebarCompanyName')}</span>
        <input
          class="rp-input"
          data-testid="new-account-name"
          aria-required="true"
          maxLength={200}
          aria-invalid={missing ? true : undefined}
          aria-describedby={missing ? `missing-${email}` : undefined}
          value={company}
          onInput={(e) => {
            setCompany(e.currentTarget.value);
            setMissing(false);
          }}
        />
      </label>
      {missing && (
        <p class="rp-error" role="alert" id={`missing-${email}`}>
          {t('sidebarCompanyNameMissing')}
        </p>
      )}
    </InlineForm>
  );
}
