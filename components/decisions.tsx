/**
 * The decision log: what the client decided, why, and who decided. Asking "why?" and writing the
 * answer down is how an account manager builds the client knowledge later positioning rests on.
 */
import { useState } from 'preact/hooks';
import type { Decision, Objective } from '@/utils/contract/model';
import { today } from '@/utils/shared/dates';
import { safeUrl } from '@/utils/shared/links';
import { t } from '@/utils/shared/i18n';
import { formatDay } from './format';
import { ObjectivePick } from './objective-pick';
import type { Send } from './sidebar-types';
import {
  ErrorNote,
  Field,
  InlineForm,
  Section,
  useFocusOnArrival,
  useInline,
  useWrite,
  valueOf,
} from './ui';

interface Props {
  accountId: string;
  decisions: Decision[];
  /** The account plan's objectives: a decision may be linked to one. */
  objectives?: Objective[];
  /** The page the decision was read on, kept as its source when it is an https: page. */
  sourceUrl?: string;
  send: Send;
  reload: () => void;
}

const EMPTY = { what: '', why: '', decidedBy: '', objectiveId: '' };

export function Decisions({
  accountId,
  decisions,
  objectives = [],
  sourceUrl,
  send,
  reload,
}: Props) {
  const form = useInline();
  const [draft, setDraft] = useState(EMPTY);
  const { busy, error, run } = useWrite(reload);
  // Saved: focus goes to the new decision once it is shown.
  const arrival = useFocusOnArrival();
  const sorted = [...decisions].sort((a, b) => b.date.localeCompare(a.date));
  const source = sourceUrl && safeUrl(sourceUrl) ? sourceUrl : undefined;

  const close = () => {
    setDraft(EMPTY);
    form.close();
  };
  const save = async () => {
    const what = draft.what.trim();
    if (!what) return;
    const { ok } = await run(async () => {
      const result = await send('addDecision', {
        accountId,
        date: today(),
        what,
        why: draft.why.trim(),
        decidedBy: draft.decidedBy.trim(),
        ...(source ? { sourceUrl: source } : {}),
        ...(draft.objectiveId ? { objectiveId: draft.objectiveId } : {}),
      });
      if (result.ok) arrival.want(result.data.id);
      return result;
    });
    if (ok) close();
  };
  const field = (key: 'what' | 'why' | 'decidedBy') => ({
    name: key,
    value: draft[key],
    onInput: (e: Event) => setDraft((d) => ({ ...d, [key]: valueOf(e) })),
  });

  return (
    <Section title={t('sidebarDecisions')} count={decisions.length}>
      {form.open ? (
        <InlineForm
          label={t('sidebarAddDecision')}
          submitLabel={t('sidebarSave')}
          busy={busy}
          onSubmit={save}
          onCancel={close}
        >
          <Field label={t('sidebarDecisionWhat')}>
            <input class="rp-input" required maxLength={1000} {...field('what')} />
          </Field>
          <Field label={t('sidebarDecisionWhy')}>
            <textarea class="rp-input" rows={2} maxLength={20000} {...field('why')} />
          </Field>
          <Field label={t('sidebarDecisionWho')}>
            <input class="rp-input" maxLength={200} {...field('decidedBy')} />
          </Field>
          <ObjectivePick
            objectives={objectives}
            value={draft.objectiveId}
            onChange={(objectiveId) => setDraft((d) => ({ ...d, objectiveId }))}
          />
        </InlineForm>
      ) : (
        <div class="rp-actions">
          <button type="button" class="rp-btn" ref={form.opener} onClick={form.show}>
            {t('sidebarAddDecision')}
          </button>
        </div>
      )}
      <ErrorNote error={error} />
      {sorted.length === 0 ? (
        <p class="rp-muted">{t('sidebarNoDecisions')}</p>
      ) : (
        <ol class="rp-list">
          {sorted.map((d) => (
            <li
              key={d.id}
              class="rp-decision"
              data-testid="decision"
              tabIndex={-1}
              ref={arrival.focusRef(d.id)}
            >
              <div class="rp-strong">{d.what}</div>
              <div class="rp-meta">
                <span>{formatDay(d.date)}</span>
                {d.decidedBy && <span>{t('sidebarDecidedBy', d.decidedBy)}</span>}
              </div>
              {d.why && <div class="rp-why">{d.why}</div>}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
