/**
 * The account page's people panel: each person's card, their form, and removal with Undo. A key
 * player past their role's cadence is flagged as in the sidebar (components/freshness-flag.tsx).
 */
import { Fragment } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { Person } from '@/utils/contract/model';
import { ATTITUDES, ROLES } from '@/utils/contract/enums';
import { send } from '@/utils/contract/send';
import { t } from '@/utils/shared/i18n';
import { safeHref } from '@/utils/shared/links';
import {
  LONG_MAX,
  personDraftOf,
  personRequest,
  type FieldProblems,
  type PersonDraft,
} from '@/utils/page/account-form';
import { ATTITUDE_LABEL, ROLE_LABEL } from '@/components/labels';
import { OpenFormButton, Panel, PanelForm, SelectField, TextField } from '@/components/form-fields';
import { ErrorNote, FormActions, useInline, useWrite } from '@/components/ui';
import type { SectionProps } from './section';
import { useMergedWrite, WriteNotes } from '@/components/conflict-notice';
import { personChange, sendPersonChange } from '@/components/account-actions';
import type { Result } from '@/utils/contract/messages';
import { attr, type OfferUndo } from './undo';
import { FreshnessFlag, seenFact } from '@/components/freshness-flag';
import type { RoleCadence } from '@/utils/shared/freshness';

function PersonForm({
  person,
  accountId,
  onDone,
  reload,
}: {
  person: Person | null;
  accountId: string;
  onDone: () => void;
  reload: () => void;
}) {
  const [draft, setDraft] = useState<PersonDraft>(() => personDraftOf(person));
  const [problems, setProblems] = useState<FieldProblems<keyof PersonDraft>>({});
  const writer = useWrite(reload);
  const { busy, error, run } = writer;
  const merged = useMergedWrite<Person>(writer, reload);
  // The person as the form opened on it: an edit sends only what differs, with its values then.
  const readAt = useRef(person);
  const set = (patch: Partial<PersonDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const prefix = `person-${person?.id ?? 'new'}`;
  const doneOnSave = (r: Result<Person> | null) => (!r || r.ok) && onDone();
  const submit = async () => {
    const r = personRequest(draft, accountId, person?.id);
    if (!r.ok) return setProblems(r.problems);
    setProblems({});
    if (!person || !readAt.current) {
      return doneOnSave(await run(() => send('upsertPerson', r.request)));
    }
    const { id: _id, accountId: _account, ...fields } = r.request;
    doneOnSave(
      await merged.write(personChange(readAt.current, fields), sendPersonChange(send, person)),
    );
  };
  return (
    <PanelForm
      class="person-form"
      label={person ? t('accountsEditPersonNamed', person.name) : t('accountsAddPerson')}
      onClose={onDone}
      onSubmit={() => void submit()}
    >
      <div class="row-form">
        <TextField
          id={`${prefix}-name`}
          label={t('accountsPersonName')}
          value={draft.name}
          onInput={(name) => set({ name })}
          problem={problems.name}
          maxLength={200}
          required
        />
        <TextField
          id={`${prefix}-title`}
          label={t('accountsPersonTitle')}
          value={draft.title}
          onInput={(title) => set({ title })}
          problem={problems.title}
          maxLength={200}
        />
      </div>
      <TextField
        id={`${prefix}-emails`}
        label={t('accountsPersonEmails')}
        hint={t('accountsPersonEmailsHint')}
        value={draft.emails}
        onInput={(emails) => set({ emails })}
        problem={problems.emails}
      />
      <div class="row-form">
        <SelectField
          id={`${prefix}-role`}
          label={t('accountsPersonRole')}
          value={draft.role}
          options={ROLES.map((r) => ({ value: r, label: t(ROLE_LABEL[r]) }))}
          onChange={(role) => set({ role })}
        />
        <SelectField
          id={`${prefix}-influence`}
          label={t('accountsPersonInfluence')}
          value={draft.influence}
          options={['1', '2', '3', '4', '5'].map((v) => ({
            value: v,
            label: t('accountsInfluenceOf', v),
          }))}
          onChange={(influence) => set({ influence })}
        />
        <SelectField
          id={`${prefix}-attitude`}
          label={t('accountsPersonAttitude')}
          value={draft.attitude}
          options={ATTITUDES.map((a) => ({ value: a, label: t(ATTITUDE_LABEL[a]) }))}
          onChange={(attitude) => set({ attitude })}
        />
      </div>
      <TextField
        id={`${prefix}-notes`}
        label={t('accountsPersonNotes')}
        value={draft.notes}
        onInput={(notes) => set({ notes })}
        problem={problems.notes}
        multiline
        maxLength={LONG_MAX}
      />
      <FormActions busy={busy} submit={t('accountsSave')} onCancel={onDone} />
      <WriteNotes
        conflicts={merged.conflicts}
        busy={busy}
        error={error}
        onChoose={(choice) => void merged.choose(choice).then(doneOnSave)}
      />
    </PanelForm>
  );
}

function PersonCard({
  person,
  accountId,
  reload,
  offerUndo,
  roleCadence,
}: {
  person: Person;
  accountId: string;
  reload: () => void;
  offerUndo: OfferUndo;
  roleCadence?: RoleCadence;
}) {
  const seen = seenFact(person);
  const edit = useInline();
  const { busy, error, run } = useWrite(reload);
  const remove = async () => {
    const r = await run(() => send('deletePerson', { id: person.id }));
    if (!r.ok) return;
    // The answer is the record as it was: Undo puts back exactly that, same id, so the next
    // action and follow-ups that name this person name them again.
    const removed = r.data;
    offerUndo({
      message: t('accountsPersonRemoved', removed.name),
      accountId: removed.accountId,
      undo: () => send('restorePerson', { person: removed }),
      focusAfterUndo: `${attr('data-person-id', removed.id)} .person-remove`,
      focusAfterClose: ['#people-add', '#people-heading'],
    });
  };
  if (edit.open)
    return (
      <li class="person editing" data-person-id={person.id}>
        <PersonForm person={person} accountId={accountId} onDone={edit.close} reload={reload} />
      </li>
    );
  return (
    <li class="person" data-person-id={person.id}>
      <div class="person-head">
        <strong>{person.name}</strong>
        {person.title && <span class="muted"> · {person.title}</span>}
        <span class="item-actions">
          <button
            type="button"
            class="btn small"
            ref={edit.opener}
            aria-label={t('accountsEditPersonNamed', person.name)}
            onClick={edit.show}
          >
            {t('accountsEdit')}
          </button>
          <button
            type="button"
            class="btn small quiet-danger person-remove"
            disabled={busy}
            aria-label={t('accountsRemovePersonNamed', person.name)}
            onClick={() => void remove()}
          >
            {t('accountsRemove')}
          </button>
        </span>
      </div>
      <ErrorNote error={error} />
      <p class="person-meta">
        <span class={`tag role-${person.role}`}>{t(ROLE_LABEL[person.role])}</span>
        <span class="tag">{t('accountsInfluenceOf', person.influence)}</span>
        <span class={`tag attitude-${person.attitude}`}>{t(ATTITUDE_LABEL[person.attitude])}</span>
      </p>
      <FreshnessFlag person={person} roleCadence={roleCadence} />
      {seen && <span class="rp-fresh-seen">{seen}</span>}
      {person.emails.length > 0 && (
        <p class="person-emails">
          {person.emails.map((e, i) => (
            <Fragment key={e}>
              {i > 0 && ', '}
              <a href={safeHref(`mailto:${e}`)}>{e}</a>
            </Fragment>
          ))}
        </p>
      )}
      {person.notes && <p class="notes">{person.notes}</p>}
    </li>
  );
}

export function PeoplePanel({
  view,
  reload,
  offerUndo,
  roleCadence,
}: SectionProps & { offerUndo: OfferUndo; roleCadence?: RoleCadence }) {
  const add = useInline();
  const people = [...view.people].sort(
    (a, b) => b.influence - a.influence || a.name.localeCompare(b.name),
  );
  return (
    <Panel
      id="people"
      title={t('accountsPeopleHeading')}
      count={people.length}
      actions={<OpenFormButton id="people-add" label={t('accountsAddPerson')} form={add} />}
    >
      {add.open && (
        <PersonForm person={null} accountId={view.account.id} onDone={add.close} reload={reload} />
      )}
      {people.length === 0 && !add.open && <p class="muted">{t('accountsNoPeople')}</p>}
      {people.length === 1 && <p class="warn">{t('accountsSingleThreaded')}</p>}
      <ul class="people">
        {people.map((p) => (
          <PersonCard
            key={p.id}
            person={p}
            accountId={view.account.id}
            reload={reload}
            offerUndo={offerUndo}
            roleCadence={roleCadence}
          />
        ))}
      </ul>
    </Panel>
  );
}
