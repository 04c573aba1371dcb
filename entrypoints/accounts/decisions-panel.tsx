/**
 * The account page's decision log: what was decided, why, by whom and instead of what.
 */
import { useState } from 'preact/hooks';
import type { Decision } from '@/utils/contract/model';
import { send } from '@/utils/contract/send';
import { t } from '@/utils/shared/i18n';
import { today } from '@/utils/shared/dates';
import { safeHref } from '@/utils/shared/links';
import type { Problem } from '@/utils/shared/problem';
import { LONG_MAX } from '@/utils/page/account-form';
import { formatDay, short } from '@/components/format';
import { OpenFormButton, Panel, PanelForm, TextField } from '@/components/form-fields';
import { ErrorNote, FormActions, useInline, useWrite } from '@/components/ui';
import { ObjectivePick, objectiveOutcome } from '@/components/objective-pick';
import type { SectionProps } from './section';
import { attr, type OfferUndo } from './undo';

type DecisionDraft = Pick<Decision, 'date' | 'what' | 'why' | 'decidedBy' | 'alternatives'> & {
  sourceUrl: string;
  objectiveId: string;
};

export function DecisionsPanel({
  view,
  reload,
  offerUndo,
}: SectionProps & { offerUndo: OfferUndo }) {
  const add = useInline();
  const blank = (): DecisionDraft => ({
    date: today(),
    what: '',
    why: '',
    decidedBy: '',
    alternatives: '',
    sourceUrl: '',
    objectiveId: '',
  });
  const [draft, setDraft] = useState<DecisionDraft>(blank);
  const [problems, setProblems] = useState<Partial<Record<keyof DecisionDraft, Problem>>>({});
  const { busy, error, run } = useWrite(reload);
  const set = (patch: Partial<DecisionDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const removing = useWrite(reload);
  const remove = async (decision: Decision) => {
    const r = await removing.run(() => send('deleteDecision', { id: decision.id }));
    if (!r.ok) return;
    const removed = r.data;
    offerUndo({
      message: t('accountsDecisionRemoved', short(removed.what)),
      accountId: removed.accountId,
      undo: () => send('restoreDecision', { decision: removed }),
      focusAfterUndo: `${attr('data-decision-id', removed.id)} .decision-remove`,
      focusAfterClose: ['#decisions-add', '#decisions-heading'],
    });
  };

  const submit = () => {
    const p: Partial<Record<keyof DecisionDraft, Problem>> = {};
    if (!draft.what.trim()) p.what = { key: 'accountsDecisionRequired' };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.date)) p.date = { key: 'accountsDateRequired' };
    const url = draft.sourceUrl.trim();
    if (url && !safeHref(url)?.startsWith('https:')) p.sourceUrl = { key: 'accountsHttpsOnly' };
    setProblems(p);
    if (Object.keys(p).length) return;
    void run(() =>
      send('addDecision', {
        accountId: view.account.id,
        date: draft.date,
        what: draft.what.trim(),
        why: draft.why,
        decidedBy: draft.decidedBy.trim(),
        alternatives: draft.alternatives,
        ...(url ? { sourceUrl: url } : {}),
        ...(draft.objectiveId ? { objectiveId: draft.objectiveId } : {}),
      }),
    ).then((r) => {
      if (!r.ok) return;
      setDraft(blank());
      add.close();
    });
  };

  return (
    <Panel
      id="decisions"
      title={t('accountsDecisionsHeading')}
      count={view.decisions.length}
      actions={<OpenFormButton id="decisions-add" label={t('accountsAddDecision')} form={add} />}
    >
      <p class="hint">{t('accountsDecisionsHint')}</p>
      {add.open && (
        <PanelForm label={t('accountsAddDecision')} onClose={add.close} onSubmit={submit}>
          <TextField
            id="decision-what"
            label={t('accountsDecisionWhat')}
            value={draft.what}
            onInput={(what) => set({ what })}
            problem={problems.what}
            maxLength={1000}
            required
          />
          <div class="row-form">
            <TextField
              id="decision-date"
              label={t('accountsDecisionDate')}
              type="date"
              value={draft.date}
              onInput={(date) => set({ date })}
              problem={problems.date}
              required
            />
            <TextField
              id="decision-who"
              label={t('accountsDecisionWho')}
              value={draft.decidedBy}
              onInput={(decidedBy) => set({ decidedBy })}
              maxLength={200}
            />
          </div>
          <TextField
            id="decision-why"
            label={t('accountsDecisionWhy')}
            value={draft.why}
            onInput={(why) => set({ why })}
            multiline
            maxLength={LONG_MAX}
          />
          <TextField
            id="decision-alternatives"
            label={t('accountsDecisionAlternatives')}
            value={draft.alternatives}
            onInput={(alternatives) => set({ alternatives })}
            multiline
            rows={2}
            maxLength={LONG_MAX}
          />
          <TextField
            id="decision-source"
            label={t('accountsDecisionSource')}
            type="url"
            value={draft.sourceUrl}
            onInput={(sourceUrl) => set({ sourceUrl })}
            problem={problems.sourceUrl}
            placeholder="https://"
          />
          <ObjectivePick
            id="decision-objective"
            objectives={view.objectives}
            value={draft.objectiveId}
            onChange={(objectiveId) => set({ objectiveId })}
          />
          <FormActions busy={busy} submit={t('accountsSave')} onCancel={add.close} />
        </PanelForm>
      )}
      <ErrorNote error={error} />
      <ErrorNote error={removing.error} />
      {view.decisions.length === 0 && !add.open && <p class="muted">{t('accountsNoDecisions')}</p>}
      <ol class="decisions">
        {view.decisions.map((d) => {
          const href = safeHref(d.sourceUrl);
          return (
            <li key={d.id} data-decision-id={d.id}>
              <div class="item-head">
                <p class="decision-what">
                  <time dateTime={d.date}>{formatDay(d.date)}</time> <strong>{d.what}</strong>
                </p>
                <button
                  type="button"
                  class="btn small quiet-danger decision-remove"
                  disabled={removing.busy}
                  aria-label={t('accountsRemoveDecisionNamed', short(d.what))}
                  onClick={() => void remove(d)}
                >
                  {t('accountsRemove')}
                </button>
              </div>
              {d.decidedBy && <p class="muted">{t('accountsDecidedBy', d.decidedBy)}</p>}
              {objectiveOutcome(view.objectives, d.objectiveId) && (
                <p class="muted" data-testid="decision-objective">
                  {t('objectiveServes', objectiveOutcome(view.objectives, d.objectiveId)!)}
                </p>
              )}
              {d.why && (
                <p>
                  <span class="label">{t('accountsDecisionWhy')}:</span> {d.why}
                </p>
              )}
              {d.alternatives && (
                <p>
                  <span class="label">{t('accountsDecisionAlternatives')}:</span> {d.alternatives}
                </p>
              )}
              {href && (
                <p>
                  <a href={href} target="_blank" rel="noopener noreferrer">
                    {t('accountsDecisionSourceLink')}
                  </a>
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </Panel>
  );
}
