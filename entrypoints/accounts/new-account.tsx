/**
 * "New account" on the accounts page: an account born from nothing but its name (domains, stage
 * and potential optional). Domains are checked by the background before anything is written
 * (free mail and another account's domain are refused with the reason). On success the page
 * opens the new account with focus on its name.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { POTENTIAL_LABEL, STAGE_LABEL } from '@/components/labels';
import { problemText } from '@/components/account-edit';
import { POTENTIALS, type Potential, type Stage } from '@/utils/contract/enums';
import { send } from '@/utils/contract/send';
import { t } from '@/utils/shared/i18n';
import { STAGE_ORDER } from '@/utils/shared/stages';

interface FormProps {
  onCreated: (id: string) => void;
  onCancel: () => void;
}

export function NewAccountForm({ onCreated, onCancel }: FormProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState('');
  const [domains, setDomains] = useState('');
  const [stage, setStage] = useState<Stage>('tactical');
  const [potential, setPotential] = useState<Potential>('medium');
  const [problems, setProblems] = useState<{ name?: string; domains?: string[]; save?: string }>(
    {},
  );
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setProblems({ name: t('accountsNameRequired') });
    const typed = domains.split(/[\s,;]+/).filter(Boolean);
    setBusy(true);
    try {
      const check = await send('checkDomains', { accountId: null, domains: typed });
      if (!check.ok) return setProblems({ save: check.error });
      const found = check.data.problems.map(problemText);
      if (found.length > 0) return setProblems({ domains: found });
      const r = await send('createAccount', {
        name: trimmed,
        domains: check.data.domains,
        stage,
        potential,
      });
      if (!r.ok) return setProblems({ save: r.error });
      onCreated(r.data.account.id);
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      class="new-account"
      aria-labelledby="new-account-title"
      data-testid="new-account-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id="new-account-title">{t('accountsNewAccount')}</h2>
        <div class="f">
          <label for="new-account-name">{t('accountsColName')}</label>
          <input
            id="new-account-name"
            data-testid="new-account-name"
            maxLength={200}
            autoFocus
            aria-required="true"
            aria-invalid={problems.name ? true : undefined}
            aria-describedby={problems.name ? 'new-account-name-error' : undefined}
            value={name}
            onInput={(e) => {
              setName(e.currentTarget.value);
              // An error stays only while the field still holds what it was about.
              setProblems((p) => ({ ...p, name: undefined }));
            }}
          />
        </div>
        {problems.name && (
          <p class="f-error" role="alert" id="new-account-name-error">
            {problems.name}
          </p>
        )}
        <div class="f">
          <label for="new-account-domains">{t('accountsDomains')}</label>
          <input
            id="new-account-domains"
            data-testid="new-account-domains"
            maxLength={2000}
            aria-describedby="new-account-domains-hint"
            aria-invalid={problems.domains ? true : undefined}
            value={domains}
            onInput={(e) => {
              setDomains(e.currentTarget.value);
              setProblems((p) => ({ ...p, domains: undefined }));
            }}
          />
        </div>
        <p class="f-hint" id="new-account-domains-hint">
          {t('accountsDomainsHint')}
        </p>
        {problems.domains?.map((p) => (
          <p class="f-error" role="alert" key={p}>
            {p}
          </p>
        ))}
        <div class="row-form">
          <div class="f">
            <label for="new-account-stage">{t('accountsColStage')}</label>
            <select
              id="new-account-stage"
              data-testid="new-account-stage"
              value={stage}
              onChange={(e) => setStage(e.currentTarget.value as Stage)}
            >
              {STAGE_ORDER.map((s) => (
                <option key={s} value={s}>
                  {t(STAGE_LABEL[s])}
                </option>
              ))}
            </select>
          </div>
          <div class="f">
            <label for="new-account-potential">{t('accountsColPotential')}</label>
            <select
              id="new-account-potential"
              data-testid="new-account-potential"
              value={potential}
              onChange={(e) => setPotential(e.currentTarget.value as Potential)}
            >
              {POTENTIALS.map((p) => (
                <option key={p} value={p}>
                  {t(POTENTIAL_LABEL[p])}
                </option>
              ))}
            </select>
          </div>
        </div>
        {problems.save && (
          <p class="write-error" role="alert">
            {t('accountsCreateFailed', problems.save)}
          </p>
        )}
        <div class="form-actions">
          <button
            type="submit"
            class="btn primary"
            disabled={busy}
            data-testid="new-account-create"
          >
            {t('accountsCreate')}
          </button>
          <button type="button" class="btn" onClick={onCancel}>
            {t('accountsCancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
