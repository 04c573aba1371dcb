/**
 * The account plan on the account page: its objectives (outcome, measure, target, date), each
 * status changeable in one step, and the plan's progress ("2 of 4 done · 1 at risk"). Deleting
 * an objective unlinks what was linked to it, says so, and Undo links it again; dropping keeps it.
 */
import { useState } from 'preact/hooks';
import type { Objective } from '@/utils/contract/model';
import { OBJECTIVE_STATUSES, type ObjectiveStatus } from '@/utils/contract/enums';
import { MAX_OBJECTIVES } from '@/utils/contract/limits';
import { send } from '@/utils/contract/send';
import { t } from '@/utils/shared/i18n';
import { planProgress } from '@/utils/shared/objectives';
import { formatDay, short } from '@/components/format';
import { OBJECTIVE_STATUS_LABEL } from '@/components/labels';
import { OpenFormButton, Panel } from '@/components/form-fields';
import { ErrorNote, useInline, useWrite } from '@/components/ui';
import { ObjectiveForm } from './objective-form';
import type { SectionProps } from './section';
import { attr, focusWhenReady, type OfferUndo } from './undo';

const at = (id: string) => attr('data-objective-id', id);

/** "2 of 4 done · 1 at risk", or without the risk when none is. */
export function progressText(objectives: readonly Pick<Objective, 'status'>[]): string {
  const p = planProgress(objectives);
  return p.atRisk > 0
    ? t('objectivesProgress', [p.done, p.total, p.atRisk])
    : t('objectivesProgressNoRisk', [p.done, p.total]);
}

export function ObjectivesPanel({
  view,
  reload,
  offerUndo,
}: SectionProps & { offerUndo: OfferUndo }) {
  const { objectives, account, decisions } = view;
  const add = useInline();
  const [editing, setEditing] = useState<string | null>(null);
  const status = useWrite(reload);
  const removing = useWrite(reload);
  const progress = planProgress(objectives);
  const full = progress.total >= MAX_OBJECTIVES;

  const setStatus = (o: Objective, next: ObjectiveStatus) =>
    void status.run(() => send('setObjectiveStatus', { id: o.id, status: next, base: o.status }));

  const remove = async (o: Objective) => {
    const r = await removing.run(() => send('deleteObjective', { id: o.id }));
    if (!r.ok) return;
    const { unlinked } = r.data;
    const count = unlinked.decisionIds.length + (unlinked.nextAction ? 1 : 0);
    offerUndo({
      message:
        count > 0
          ? t('objectivesRemovedUnlinked', [short(o.outcome), count])
          : t('objectivesRemoved', short(o.outcome)),
      accountId: o.accountId,
      undo: () => send('restoreObjective', r.data),
      focusAfterUndo: `${at(o.id)} .objective-remove`,
      focusAfterClose: ['#objectives-add', '#objectives-add-first', '#objectives-heading'],
    });
  };

  const closeEdit = (id: string) => {
    setEditing(null);
    focusWhenReady(`${at(id)} .objective-edit`);
  };

  /** What names this objective: the next action, and how many decisions. */
  const linkedText = (o: Objective): string | null => {
    const parts: string[] = [];
    if (account.nextAction?.objectiveId === o.id) parts.push(t('objectivesLinkedNext'));
    const count = decisions.filter((d) => d.objectiveId === o.id).length;
    if (count > 0) parts.push(t('objectivesLinkedDecisions', count));
    return parts.length ? t('objectivesLinked', parts.join(', ')) : null;
  };

  return (
    <Panel
      id="objectives"
      title={t('objectivesHeading')}
      count={progress.total}
      actions={
        objectives.length > 0 &&
        !full && <OpenFormButton id="objectives-add" label={t('objectivesAdd')} form={add} />
      }
    >
      <p class="hint">{t('objectivesHint')}</p>
      {progress.total > 0 && (
        <p class="plan-progress" data-testid="plan-progress" role="status">
          {progressText(objectives)}
        </p>
      )}
      {add.open && <ObjectiveForm accountId={account.id} reload={reload} onClose={add.close} />}
      {objectives.length === 0 && !add.open && (
        <div class="plan-empty">
          <p class="muted">{t('objectivesEmpty')}</p>
          <button
            type="button"
            id="objectives-add-first"
            class="btn primary"
            ref={add.opener}
            onClick={add.show}
          >
            {t('objectivesAddFirst')}
          </button>
        </div>
      )}
      {full && !add.open && <p class="muted">{t('objectivesFull', MAX_OBJECTIVES)}</p>}
      <ErrorNote error={status.error} />
      <ErrorNote error={removing.error} />
      {objectives.length > 0 && (
        <ol class="objectives">
          {objectives.map((o) => {
            if (editing === o.id) {
              return (
                <li key={o.id} data-objective-id={o.id}>
                  <ObjectiveForm
                    accountId={account.id}
                    objective={o}
                    reload={reload}
                    onClose={() => closeEdit(o.id)}
                  />
                </li>
              );
            }
            const linked = linkedText(o);
            const meta = [
              o.measure && t('objectivesMeasureShown', o.measure),
              o.target && t('objectivesTargetShown', o.target),
              o.due && t('objectivesDueShown', formatDay(o.due)),
            ].filter(Boolean);
            return (
              <li
                key={o.id}
                data-objective-id={o.id}
                class={`objective status-${o.status}`}
                data-testid="objective"
              >
                <div class="item-head">
                  <p class="objective-outcome">
                    <strong>{o.outcome}</strong>
                  </p>
                  <select
                    class={`objective-status status-${o.status}`}
                    aria-label={t('objectivesStatusOf', short(o.outcome))}
                    value={o.status}
                    disabled={status.busy}
                    onChange={(e) => setStatus(o, e.currentTarget.value as ObjectiveStatus)}
                  >
                    {OBJECTIVE_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {t(OBJECTIVE_STATUS_LABEL[s])}
                      </option>
                    ))}
                  </select>
                </div>
                {meta.length > 0 && (
                  <p class="objective-meta">
                    {meta.map((m, i) => (
                      <span key={i}>
                        {i > 0 && ' · '}
                        {m}
                      </span>
                    ))}
                  </p>
                )}
                {linked && <p class="muted objective-linked">{linked}</p>}
                <div class="objective-actions">
                  <button
                    type="button"
                    class="btn small objective-edit"
                    aria-label={t('objectivesEditNamed', short(o.outcome))}
                    onClick={() => setEditing(o.id)}
                  >
                    {t('sidebarEdit')}
                  </button>
                  <button
                    type="button"
                    class="btn small quiet-danger objective-remove"
                    disabled={removing.busy}
                    aria-label={t('objectivesRemoveNamed', short(o.outcome))}
                    onClick={() => void remove(o)}
                  >
                    {t('accountsRemove')}
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {objectives.length > 0 && <p class="hint">{t('objectivesDeleteHint')}</p>}
    </Panel>
  );
}
