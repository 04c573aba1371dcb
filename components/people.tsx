/**
 * The people at the client, one compact row each (components/person-row.tsx), that open to edit.
 * Who is on the open thread is marked, and a lone contact is flagged: a single-threaded account is
 * lost when that one person leaves, so the warning offers to add someone.
 */
import type { Person } from '@/utils/contract/model';
import type { HostContext } from '@/utils/contract/messages';
import { t } from '@/utils/shared/i18n';
import { nameFromEmail } from './guess-name';
import { AddPersonForm } from './person-form';
import { PersonRow } from './person-row';
import { AddLineButton, RelationshipLines } from './relationship-lines';
import type { Send } from './sidebar-types';
import type { RoleCadence } from '@/utils/shared/freshness';
import { ErrorNote, Section, useFocusOnArrival, useInline, useWrite } from './ui';

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
  roleCadence?: RoleCadence;
}

export function People({
  accountId,
  people,
  threadEmails,
  onRecord,
  participants,
  send,
  reload,
  roleCadence,
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
  const adding = useInline();
  const addingLine = useInline();
  const arrival = useFocusOnArrival();

  /** Adds someone from the thread; focus goes to their row when it comes. */
  const addNewcomer = async (name: string, email: string) => {
    await run(async () => {
      const result = await send('upsertPerson', { accountId, name, emails: [email] });
      if (result.ok) arrival.want(result.data.id);
      return result;
    });
  };

  const addButton = (testId: string) => (
    <button
      type="button"
      class="rp-btn rp-small"
      data-testid={testId}
      ref={adding.opener}
      onClick={adding.show}
    >
      {t('sidebarAddPersonTitle')}
    </button>
  );

  return (
    <Section title={t('sidebarPeople')} count={people.length}>
      {people.length === 1 && (
        <div class="rp-warn" role="note">
          <p>
            <strong>{t('sidebarSingleThreaded')}</strong> {t('sidebarSingleThreadedHint')}
          </p>
          {!adding.open && <div class="rp-actions">{addButton('add-person-warn')}</div>}
        </div>
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
            toggleRef={arrival.focusRef(p.id)}
            roleCadence={roleCadence}
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
                    onClick={() => void addNewcomer(name, email)}
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
      {adding.open ? (
        <AddPersonForm
          accountId={accountId}
          send={send}
          reload={reload}
          onAdded={(person) => {
            arrival.want(person.id);
            adding.close();
          }}
          onCancel={adding.close}
        />
      ) : (
        people.length !== 1 && (
          <div class="rp-actions">
            {addButton('add-person')}
            <AddLineButton people={people} adding={addingLine} />
          </div>
        )
      )}
      <RelationshipLines
        accountId={accountId}
        people={people}
        send={send}
        reload={reload}
        adding={addingLine}
      />
    </Section>
  );
}
