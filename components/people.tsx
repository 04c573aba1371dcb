/**
 * The people at the client: their role in the decision, influence, attitude to us and notes, all
 * editable where they are shown. Who is on the open thread is marked, and a lone contact is flagged:
 * a single-threaded account is lost when that one person leaves.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Person } from '@/utils/contract/model';
import type { HostContext, RequestOf } from '@/utils/contract/messages';
import { t } from '@/utils/shared/i18n';
import { ATTITUDE_LABEL, ROLE_LABEL } from './labels';
import { ATTITUDES, ROLES } from '@/utils/contract/enums';
import { nameFromEmail } from './guess-name';
import type { Send } from './sidebar-types';
import { ErrorNote, Section, useWrite, valueOf } from './ui';

type Participant = HostContext['participants'][number];

interface Props {
  accountId: string;
  people: Person[];
  /** The emails on the open thread, or on the open CRM record (`onRecord`). */
  threadEmails: string[];
  /** A CRM record is open, not a thread: the people it shows are "on this record". */
  onRecord?: boolean;
  participants: Participant[];
  send: Send;
  reload: () => void;
}

const INFLUENCE = [1, 2, 3, 4, 5] as const;

/** Only the changed fields: another tab may be editing this person's other fields right now. */
function input(p: Person, patch: Partial<RequestOf<'upsertPerson'>>): RequestOf<'upsertPerson'> {
  return { id: p.id, accountId: p.accountId, ...patch };
}

export function People({
  accountId,
  people,
  threadEmails,
  onRecord,
  participants,
  send,
  reload,
}: Props) {
  const onThread = new Set(threadEmails.map((e) => e.toLowerCase()));
  const isOnThread = (p: Person) => p.emails.some((e) => onThread.has(e.toLowerCase()));
  // People on this thread first, then by influence: the ones that matter for this email on top.
  const sorted = [...people].sort(
    (a, b) => Number(isOnThread(b)) - Number(isOnThread(a)) || b.influence - a.influence,
  );
  const known = new Set(people.flatMap((p) => p.emails.map((e) => e.toLowerCase())));
  const newcomers = [...onThread].filter((e) => !known.has(e));
  const { busy, error, run } = useWrite(reload);

  return (
    <Section title={t('sidebarPeople')} count={people.length}>
      {people.length === 1 && (
        <p class="rp-warn" role="note">
          <strong>{t('sidebarSingleThreaded')}</strong> {t('sidebarSingleThreadedHint')}
        </p>
      )}
      {people.length === 0 && <p class="rp-muted">{t('sidebarNoPeople')}</p>}
      <ul class="rp-list">
        {sorted.map((p) => (
          <PersonRow
            key={p.id}
            person={p}
            onThread={isOnThread(p)}
            onRecord={onRecord}
            send={send}
            reload={reload}
          />
        ))}
      </ul>
      {newcomers.length > 0 && (
        <div class="rp-newcomers">
          <p class="rp-muted">{t('sidebarNotInPeople')}</p>
          <ul class="rp-list">
            {newcomers.map((email) => {
              const shown = participants.find((x) => x.email.toLowerCase() === email)?.name ?? '';
              const name = nameFromEmail(email, shown);
              return (
                <li key={email} class="rp-row">
                  <span class="rp-grow">
                    <span class="rp-strong">{name}</span> <span class="rp-muted">{email}</span>
                  </span>
                  <button
                    type="button"
                    class="rp-btn rp-small"
                    disabled={busy}
                    aria-label={t('sidebarAddPersonNamed', name)}
                    onClick={() =>
                      run(() => send('upsertPerson', { accountId, name, emails: [email] }))
                    }
                  >
                    {t('sidebarAddPerson')}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <ErrorNote error={error} />
    </Section>
  );
}

interface RowProps {
  person: Person;
  onThread: boolean;
  send: Send;
  reload: () => void;
  onRecord?: boolean;
}

function PersonRow({ person, onThread, onRecord, send, reload }: RowProps) {
  // Choices show at once; they fall back to the stored value if the write fails.
  const [local, setLocal] = useState<Partial<Person>>({});
  const [notes, setNotes] = useState(person.notes);
  const [dirty, setDirty] = useState(false);
  const { error, run } = useWrite(reload);
  const shown = { ...person, ...local };

  // Not on mount: the state starts from the person already, and a draft put back into the field
  // before the first effect (entrypoints/sidebar/drafts.ts) must not be overwritten.
  const refreshed = useRef(false);
  useEffect(() => {
    if (!refreshed.current) return void (refreshed.current = true);
    setLocal({});
    // A refresh must not throw away notes being typed.
    if (!dirty) setNotes(person.notes);
  }, [person]);

  const save = async (patch: Partial<RequestOf<'upsertPerson'>>) => {
    const ok = await run(() => send('upsertPerson', input(person, patch)));
    if (!ok) setLocal({});
    return ok;
  };
  const choose = (patch: Partial<Person>) => {
    setLocal((l) => ({ ...l, ...patch }));
    void save(patch);
  };
  const saveNotes = async () => {
    if (!dirty) return;
    if (notes === person.notes) return setDirty(false);
    if (await save({ notes })) setDirty(false);
  };
  const id = `rp-person-${person.id}`;

  return (
    <li
      class="rp-person"
      data-testid="person"
      data-person-id={person.id}
      data-on-thread={String(onThread)}
    >
      <div class="rp-person-head">
        <span class="rp-strong">{person.name}</span>
        {onThread && (
          <span class="rp-badge">{t(onRecord ? 'sidebarOnRecord' : 'sidebarOnThread')}</span>
        )}
      </div>
      {(person.title || person.emails[0]) && (
        <div class="rp-muted rp-ellipsis">
          {[person.title, person.emails[0]].filter(Boolean).join(' · ')}
        </div>
      )}
      <div class="rp-person-fields">
        <label class="rp-field">
          <span class="rp-field-label">{t('sidebarRole')}</span>
          <select
            class="rp-select"
            value={shown.role}
            onChange={(e) => choose({ role: valueOf(e) as Person['role'] })}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(ROLE_LABEL[r])}
              </option>
            ))}
          </select>
        </label>
        <label class="rp-field">
          <span class="rp-field-label">{t('sidebarInfluence')}</span>
          <select
            class="rp-select"
            value={String(shown.influence)}
            title={t('sidebarInfluenceHint')}
            onChange={(e) => choose({ influence: Number(valueOf(e)) })}
          >
            {INFLUENCE.map((n) => (
              <option key={n} value={String(n)}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label class="rp-field">
          <span class="rp-field-label">{t('sidebarAttitude')}</span>
          <select
            class="rp-select"
            value={shown.attitude}
            onChange={(e) => choose({ attitude: valueOf(e) as Person['attitude'] })}
          >
            {ATTITUDES.map((a) => (
              <option key={a} value={a}>
                {t(ATTITUDE_LABEL[a])}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label class="rp-field" for={`${id}-notes`}>
        <span class="rp-field-label">{t('sidebarNotes')}</span>
      </label>
      <textarea
        id={`${id}-notes`}
        class="rp-input rp-notes"
        data-testid="person-notes"
        name="notes"
        rows={2}
        maxLength={20000}
        value={notes}
        placeholder={t('sidebarNotesPlaceholder')}
        onInput={(e) => {
          setNotes(valueOf(e));
          setDirty(true);
        }}
        onBlur={() => void saveNotes()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            setNotes(person.notes);
            setDirty(false);
          } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void saveNotes();
          }
        }}
      />
      <ErrorNote error={error} />
    </li>
  );
}
