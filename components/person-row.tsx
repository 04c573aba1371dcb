/**
 * One person at the client, as a compact row: name, role, influence, attitude and last contact at
 * a glance. The row opens on demand to edit them and the notes; each choice is saved at once.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Person } from '@/utils/contract/model';
import { ATTITUDES, ROLES } from '@/utils/contract/enums';
import { daysAgo } from '@/utils/shared/dates';
import { t } from '@/utils/shared/i18n';
import { ATTITUDE_LABEL, ROLE_LABEL } from './labels';
import type { Send } from './sidebar-types';
import { useWrite, valueOf } from './ui';
import { FreshnessFlag, seenFact } from './freshness-flag';
import type { RoleCadence } from '@/utils/shared/freshness';
import { personChange, sendPersonChange } from './account-actions';
import { useMergedWrite, WriteNotes } from './conflict-notice';
import type { Change } from '@/utils/shared/field-merge';

const INFLUENCE = [1, 2, 3, 4, 5] as const;

function lastContact(at: number | null, now = Date.now()): string {
  if (at === null) return t('sidebarContactNever');
  const days = daysAgo(at, now);
  if (days <= 0) return t('sidebarContactToday');
  return t('sidebarContactDaysAgo', days);
}

interface RowProps {
  person: Person;
  onThread: boolean;
  send: Send;
  reload: () => void;
  onRecord?: boolean;
  /** The row's button, for focus to land on a person just added. */
  toggleRef?: (el: HTMLElement | null) => void;
  /** Days between contacts per role (settings), for the freshness flag. */
  roleCadence?: RoleCadence;
}

export function PersonRow(props: RowProps) {
  const { person, onThread, onRecord, send, reload, toggleRef } = props;
  const [open, setOpen] = useState(false);
  // Choices show at once; they fall back to the stored value if the write fails.
  const [local, setLocal] = useState<Partial<Person>>({});
  const [notes, setNotes] = useState(person.notes);
  const [dirty, setDirty] = useState(false);
  const writer = useWrite(reload);
  const merged = useMergedWrite<Person>(writer, reload);
  // The notes as they were when typing began: what the save says it changed from.
  const notesReadAt = useRef(person.notes);
  const toggle = useRef<HTMLButtonElement | null>(null);
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

  // Only the changed fields, each with the value it was read at: another tab may be editing
  // this person's other fields (merged), or the same one (a conflict notice, never an overwrite).
  const save = async (change: Change) => {
    const r = await merged.write(change, sendPersonChange(send, person));
    const ok = !r || r.ok;
    if (!ok) setLocal({});
    return ok;
  };
  const choose = (patch: Partial<Person>) => {
    setLocal((l) => ({ ...l, ...patch }));
    void save(personChange(person, patch));
  };
  const typeNotes = (value: string) => {
    if (!dirty) notesReadAt.current = person.notes;
    setNotes(value);
    setDirty(true);
  };
  const saveNotes = async () => {
    if (!dirty) return;
    if (notes === notesReadAt.current) return setDirty(false);
    if (await save(personChange({ notes: notesReadAt.current }, { notes }))) setDirty(false);
  };
  const settle = async (choice: 'mine' | 'theirs') => {
    const r = await merged.choose(choice);
    if (r && !r.ok) return;
    // Theirs taken, nothing of mine left to send: the field shows what is saved.
    if (!r) setNotes(person.notes);
    setLocal({});
    setDirty(false);
  };
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  const id = `rp-person-${person.id}`;
  const facts = [
    t(ROLE_LABEL[shown.role]),
    t('sidebarInfluenceOf', shown.influence),
    t(ATTITUDE_LABEL[shown.attitude]),
    seenFact(person) ?? lastContact(person.lastContactAt),
  ];

  return (
    <li
      class="rp-person"
      data-testid="person"
      data-person-id={person.id}
      data-on-thread={String(onThread)}
      data-open={String(open)}
    >
      <button
        type="button"
        class="rp-person-toggle"
        data-testid="person-toggle"
        aria-expanded={open}
        aria-controls={open ? `${id}-edit` : undefined}
        title={t(open ? 'sidebarPersonClose' : 'sidebarPersonOpen')}
        ref={(el) => {
          toggle.current = el;
          toggleRef?.(el);
        }}
        onClick={() => (open ? close() : setOpen(true))}
      >
        <span class="rp-person-head">
          <span class="rp-strong rp-person-name">{person.name}</span>
          {onThread && (
            <span class="rp-badge">{t(onRecord ? 'sidebarOnRecord' : 'sidebarOnThread')}</span>
          )}
        </span>
        <span class="rp-person-facts" data-attitude={shown.attitude}>
          {facts.join(' · ')}
        </span>
        <FreshnessFlag person={shown} roleCadence={props.roleCadence} />
      </button>
      {open && (
        <div
          id={`${id}-edit`}
          class="rp-person-edit"
          onKeyDown={(e) => {
            // Escape in the notes puts back the saved text; anywhere else it closes the row.
            if (e.key === 'Escape' && !(e.target instanceof HTMLTextAreaElement)) {
              e.preventDefault();
              close();
            }
          }}
        >
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
            onInput={(e) => typeNotes(valueOf(e))}
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
          <div class="rp-actions">
            <button type="button" class="rp-btn rp-small" data-testid="person-done" onClick={close}>
              {t('sidebarPersonDone')}
            </button>
          </div>
        </div>
      )}
      <WriteNotes
        conflicts={merged.conflicts}
        busy={writer.busy}
        error={writer.error}
        onChoose={(choice) => void settle(choice)}
      />
    </li>
  );
}
