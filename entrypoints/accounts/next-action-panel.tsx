/**
 * The account page's next-action panel: what is next and when, set, changed, done or cleared.
 */
import { useState } from 'preact/hooks';
import { send } from '@/utils/contract/send';
import { t } from '@/utils/shared/i18n';
import { today } from '@/utils/shared/dates';
import type { FieldProblems } from '@/utils/page/account-form';
import { dueInfo } from '@/components/format';
import { Panel, SelectField, TextField } from '@/components/form-fields';
import {
  ErrorNote,
  FormActions,
  escapeCloses,
  focusFirstField,
  useInline,
  useWrite,
} from '@/components/ui';
import type { SectionProps } from './section';

export function NextActionPanel({ view, reload }: SectionProps) {
  const { account, people } = view;
  const next = account.nextAction;
  const form = useInline();
  const [text, setText] = useState('');
  const [due, setDue] = useState('');
  const [personId, setPersonId] = useState('');
  const [problems, setProblems] = useState<FieldProblems<'text' | 'due'>>({});
  const { busy, error, run } = useWrite(reload);

  const open = () => {
    setText(next?.text ?? '');
    setDue(next?.due ?? today());
    setPersonId(next?.personId ?? '');
    setProblems({});
    form.show();
  };
  const save = async () => {
    const p: FieldProblems<'text' | 'due'> = {};
    if (!text.trim()) p.text = { key: 'accountsActionRequired' };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(due)) p.due = { key: 'accountsDateRequired' };
    setProblems(p);
    if (Object.keys(p).length) return;
    const r = await run(() =>
      send('setNextAction', {
        accountId: account.id,
        // Fields this form does not show (such as the thread it came from) are kept.
        nextAction: { ...next, text: text.trim(), due, personId: personId || undefined },
      }),
    );
    if (r.ok) form.close();
  };
  const who = next?.personId ? people.find((p) => p.id === next.personId) : undefined;
  const info = next ? dueInfo(next.due) : null;

  return (
    <Panel id="next" title={t('accountsNextActionHeading')}>
      {next && info ? (
        <div class={`next-now ${info.tone}`}>
          <p class="next-text">{next.text}</p>
          <p class="next-meta">
            {info.tone === 'overdue' && <strong class="flag">{t('accountsOverdue')}</strong>}{' '}
            <time dateTime={next.due}>{info.label}</time>
            {who && <span> · {who.name}</span>}
          </p>
        </div>
      ) : (
        <p class="muted">{t('accountsNoNextAction')}</p>
      )}
      {!form.open ? (
        <div class="form-actions">
          <button type="button" class="btn" ref={form.opener} onClick={open}>
            {next ? t('accountsEditNextAction') : t('accountsSetNextAction')}
          </button>
          {next && (
            <>
              <button
                type="button"
                class="btn"
                disabled={busy}
                onClick={() =>
                  void run(() =>
                    send('completeNextAction', { accountId: account.id, at: Date.now() }),
                  )
                }
              >
                {t('accountsMarkDone')}
              </button>
              <button
                type="button"
                class="btn"
                disabled={busy}
                onClick={() =>
                  void run(() => send('setNextAction', { accountId: account.id, nextAction: null }))
                }
              >
                {t('accountsClearNextAction')}
              </button>
            </>
          )}
        </div>
      ) : (
        <form
          noValidate
          ref={focusFirstField}
          class="stack-form"
          aria-label={t('accountsNextActionHeading')}
          onKeyDown={escapeCloses(form.close)}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <TextField
            id="next-text"
            label={t('accountsNextActionWhat')}
            value={text}
            onInput={setText}
            maxLength={200}
            problem={problems.text}
            required
          />
          <div class="row-form">
            <TextField
              id="next-due"
              label={t('accountsNextActionDue')}
              type="date"
              value={due}
              onInput={setDue}
              problem={problems.due}
              required
            />
            <SelectField
              id="next-person"
              label={t('accountsNextActionWith')}
              value={personId}
              options={[
                { value: '', label: t('accountsNobody') },
                ...people.map((p) => ({ value: p.id, label: p.name })),
              ]}
              onChange={setPersonId}
            />
          </div>
          <FormActions busy={busy} submit={t('accountsSave')} onCancel={form.close} />
        </form>
      )}
      <ErrorNote error={error} />
    </Panel>
  );
}
