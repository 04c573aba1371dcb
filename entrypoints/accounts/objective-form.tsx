/**
 * One objective of the account plan, new or edited: the outcome for the client, how it is
 * measured, the target and the date. An edit sends only the fields changed, each with its value
 * when the form opened, so another tab's change to another field is merged, and a change to the
 * same field is a conflict the user settles (components/conflict-notice.tsx).
 */
import { useRef, useState } from 'preact/hooks';
import type { Objective } from '@/utils/contract/model';
import type { Result } from '@/utils/contract/messages';
import { send } from '@/utils/contract/send';
import { changesFrom, type Change } from '@/utils/shared/field-merge';
import { t } from '@/utils/shared/i18n';
import type { Problem } from '@/utils/shared/problem';
import { useMergedWrite, WriteNotes } from '@/components/conflict-notice';
import { PanelForm, TextField } from '@/components/form-fields';
import { FormActions, useWrite } from '@/components/ui';

/** The model's bound on each text (utils/schemas/model.ts, SHORT). */
const TEXT_MAX = 200;

interface Draft {
  outcome: string;
  measure: string;
  target: string;
  /** YYYY-MM-DD, or '' for no date. */
  due: string;
}

const draftOf = (o?: Objective): Draft => ({
  outcome: o?.outcome ?? '',
  measure: o?.measure ?? '',
  target: o?.target ?? '',
  due: o?.due ?? '',
});

/** The draft as the record's fields: trimmed, and no date as null. */
const fieldsOf = (d: Draft) => ({
  outcome: d.outcome.trim(),
  measure: d.measure.trim(),
  target: d.target.trim(),
  due: d.due || null,
});

interface Props {
  accountId: string;
  /** The objective edited; absent for a new one. */
  objective?: Objective;
  reload: () => void;
  onClose: () => void;
}

export function ObjectiveForm({ accountId, objective, reload, onClose }: Props) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(objective));
  const [problems, setProblems] = useState<Partial<Record<keyof Draft, Problem>>>({});
  const writer = useWrite(reload);
  const merged = useMergedWrite<Objective>(writer, reload);
  // The objective as the form read it: an edit is based on these values.
  const readAt = useRef(objective);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const prefix = objective ? `objective-${objective.id}` : 'objective-new';

  const sendEdit = (c: Change) =>
    send('updateObjective', { id: objective!.id, patch: c.changes, base: c.base });
  const done = (r: Result<Objective> | null) => {
    if (r === null || r.ok) onClose();
  };

  const submit = async () => {
    const p: Partial<Record<keyof Draft, Problem>> = {};
    if (!draft.outcome.trim()) p.outcome = { key: 'objectivesOutcomeRequired' };
    if (draft.due && !/^\d{4}-\d{2}-\d{2}$/.test(draft.due))
      p.due = { key: 'accountsDateRequired' };
    setProblems(p);
    if (Object.keys(p).length) return;
    const fields = fieldsOf(draft);
    if (!readAt.current) {
      return done(await writer.run(() => send('createObjective', { accountId, ...fields })));
    }
    done(await merged.write(changesFrom(readAt.current, fields), sendEdit));
  };

  return (
    <PanelForm
      label={t(objective ? 'objectivesEditLabel' : 'objectivesAdd')}
      class="objective-form"
      onClose={onClose}
      onSubmit={() => void submit()}
    >
      <TextField
        id={`${prefix}-outcome`}
        label={t('objectivesOutcome')}
        value={draft.outcome}
        onInput={(outcome) => set({ outcome })}
        problem={problems.outcome}
        maxLength={TEXT_MAX}
        required
      />
      <div class="row-form">
        <TextField
          id={`${prefix}-measure`}
          label={t('objectivesMeasure')}
          value={draft.measure}
          onInput={(measure) => set({ measure })}
          maxLength={TEXT_MAX}
        />
        <TextField
          id={`${prefix}-target`}
          label={t('objectivesTarget')}
          value={draft.target}
          onInput={(target) => set({ target })}
          maxLength={TEXT_MAX}
        />
        <TextField
          id={`${prefix}-due`}
          label={t('objectivesDue')}
          type="date"
          value={draft.due}
          onInput={(due) => set({ due })}
          problem={problems.due}
        />
      </div>
      <WriteNotes
        conflicts={merged.conflicts}
        busy={writer.busy}
        error={writer.error}
        onChoose={(choice) => void merged.choose(choice).then(done)}
      />
      <FormActions busy={writer.busy} submit={t('accountsSave')} onCancel={onClose} />
    </PanelForm>
  );
}
