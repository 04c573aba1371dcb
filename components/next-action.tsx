/** The account's one next action, with its due day; overdue shows red, due today stands out. */
import { useState } from 'preact/hooks';
import type { Account } from '@/utils/model';
import { addDays, today } from '@/utils/dates';
import { cadenceFor } from '@/utils/stages';
import { t } from '@/utils/i18n';
import { dueInfo } from './format';
import type { Send } from './sidebar-types';
import { ErrorNote, Field, InlineForm, Section, useInline, useWrite, valueOf } from './ui';

interface Props {
  account: Account;
  send: Send;
  reload: () => void;
}

export function NextActionSection({ account, send, reload }: Props) {
  const next = account.nextAction;
  const form = useInline();
  const [text, setText] = useState('');
  const [due, setDue] = useState('');
  const { busy, error, run } = useWrite(reload);

  const edit = () => {
    setText(next?.text ?? '');
    // A new next action defaults to the account's follow-up rhythm.
    setDue(next?.due ?? addDays(today(), cadenceFor(account.stage, account.cadenceDays)));
    form.show();
  };
  const save = async () => {
    const trimmed = text.trim();
    if (!trimmed || !due) return;
    const ok = await run(() =>
      send('setNextAction', { accountId: account.id, nextAction: { text: trimmed, due } }),
    );
    if (ok) form.close();
  };
  const done = () =>
    run(() => send('completeNextAction', { accountId: account.id, at: Date.now() }));
  const info = next ? dueInfo(next.due) : null;

  return (
    <Section title={t('sidebarNextAction')}>
      <div class="rp-next" data-testid="next-action" data-tone={info?.tone ?? 'none'}>
        {next && info ? (
          <>
            <p class="rp-next-text">{next.text}</p>
            <span class={`rp-due rp-due-${info.tone}`}>{info.label}</span>
          </>
        ) : (
          <p class="rp-muted">{t('sidebarNoNextAction')}</p>
        )}
      </div>
      {form.open ? (
        <InlineForm
          label={t('sidebarNextAction')}
          submitLabel={t('sidebarSave')}
          busy={busy}
          onSubmit={save}
          onCancel={form.close}
        >
          <Field label={t('sidebarNextActionWhat')}>
            <input
              class="rp-input"
              required
              maxLength={200}
              value={text}
              placeholder={t('sidebarNextActionPlaceholder')}
              onInput={(e) => setText(valueOf(e))}
            />
          </Field>
          <Field label={t('sidebarNextActionDue')}>
            <input
              class="rp-input"
              type="date"
              required
              value={due}
              onInput={(e) => setDue(valueOf(e))}
            />
          </Field>
        </InlineForm>
      ) : (
        <div class="rp-actions">
          <button type="button" class="rp-btn" ref={form.opener} onClick={edit}>
            {next ? t('sidebarEdit') : t('sidebarSetNextAction')}
          </button>
          {next && (
            <button type="button" class="rp-btn" disabled={busy} onClick={() => void done()}>
              {t('sidebarMarkDone')}
            </button>
          )}
        </div>
      )}
      <ErrorNote error={error} />
    </Section>
  );
}
