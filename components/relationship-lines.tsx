/**
 * The relationship map in the sidebar: the account's lines as short sentences ("Anna influences
 * Tom"), each removable, and a form that builds one sentence from two people and a kind. Names
 * come from mail headers, so they are rendered as text only.
 */
import { useState } from 'preact/hooks';
import type { Person } from '@/utils/contract/model';
import { LINE_KINDS, type LineKind } from '@/utils/contract/enums';
import { t } from '@/utils/shared/i18n';
import {
  LINE_PROBLEM,
  LINE_SENTENCE,
  accountLines,
  lineProblem,
  type DrawnLine,
} from '@/utils/shared/relationships';
import type { Send } from './sidebar-types';
import { ErrorNote, Field, InlineForm, useInline, useWrite } from './ui';

interface Props {
  accountId: string;
  people: Person[];
  send: Send;
  reload: () => void;
  /**
   * The add-line form's state when its button lives elsewhere: the sidebar puts "Add a line" beside
   * "Add person" (AddLineButton) and shows nothing here until there is a line. Without it (the
   * account page), the list has its own empty text and button.
   */
  adding?: ReturnType<typeof useInline>;
  /** The sidebar titles the list; the account page's panel has its own title above it. */
  heading?: boolean;
}

const sentence = (l: { from: Person; to: Person; kind: LineKind }) =>
  t(LINE_SENTENCE[l.kind], [l.from.name, l.to.name]);

/** "Add a line": lines need two people of the account. */
export function AddLineButton({
  people,
  adding,
}: Pick<Props, 'people'> & Required<Pick<Props, 'adding'>>) {
  if (people.length < 2 || adding.open) return null;
  return (
    <button
      type="button"
      class="rp-btn rp-small"
      ref={adding.opener}
      data-testid="add-line"
      onClick={adding.show}
    >
      {t('linesAdd')}
    </button>
  );
}

export function RelationshipLines(props: Props) {
  const { accountId, people, send, reload, heading = true } = props;
  const own = useInline();
  const adding = props.adding ?? own;
  const inline = props.adding === undefined;
  const lines = accountLines(people, accountId);
  const { busy, error, run } = useWrite(reload);
  if (people.length < 2 || (!inline && lines.length === 0 && !adding.open)) return null;

  const remove = (l: DrawnLine) =>
    void run(() => send('removeLine', { fromId: l.from.id, toId: l.to.id, kind: l.kind }));

  return (
    <div class="rp-lines" data-testid="relationship-lines">
      {heading && <h3 class="rp-h3">{t('linesTitle')}</h3>}
      {inline && lines.length === 0 && <p class="rp-muted">{t('linesEmpty')}</p>}
      {lines.length > 0 && (
        <ul class="rp-list" aria-label={heading ? undefined : t('linesTitle')}>
          {lines.map((l) => (
            <li key={`${l.from.id}|${l.kind}|${l.to.id}`} class="rp-row" data-testid="line">
              <span class="rp-grow">
                {sentence(l)}
                {l.note && <span class="rp-muted"> — {l.note}</span>}
              </span>
              <button
                type="button"
                class="rp-btn rp-small"
                disabled={busy}
                aria-label={t('linesRemoveNamed', sentence(l))}
                onClick={() => remove(l)}
              >
                {t('linesRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {!adding.open && <ErrorNote error={error} />}
      {adding.open ? (
        <AddLineForm people={people} send={send} reload={reload} onDone={adding.close} />
      ) : (
        inline && (
          <div class="rp-actions">
            <AddLineButton people={people} adding={adding} />
          </div>
        )
      )}
    </div>
  );
}

function AddLineForm(props: {
  people: Person[];
  send: Send;
  reload: () => void;
  onDone: () => void;
}) {
  const { people, send } = props;
  const [from, setFrom] = useState(people[0]!.id);
  const [kind, setKind] = useState<LineKind>('influences');
  const [to, setTo] = useState(people[1]!.id);
  const [note, setNote] = useState('');
  const { busy, error, setError, run } = useWrite(props.reload);

  const submit = async () => {
    // The same rule the background enforces, checked first so the error is in the user's language.
    const problem = lineProblem(people, from, to, kind);
    if (problem) return setError(t(LINE_PROBLEM[problem]));
    const r = await run(() => send('addLine', { fromId: from, toId: to, kind, note }));
    if (r.ok) props.onDone();
  };

  const personSelect = (name: string, value: string, set: (v: string) => void) => (
    <select
      class="rp-select"
      name={name}
      value={value}
      onChange={(e) => set((e.target as HTMLSelectElement).value)}
    >
      {people.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </select>
  );

  return (
    <InlineForm
      label={t('linesAdd')}
      submitLabel={t('linesAddSubmit')}
      busy={busy}
      onSubmit={() => void submit()}
      onCancel={props.onDone}
    >
      <Field label={t('linesFrom')}>{personSelect('line-from', from, setFrom)}</Field>
      <Field label={t('linesKind')}>
        <select
          class="rp-select"
          name="line-kind"
          value={kind}
          onChange={(e) => setKind((e.target as HTMLSelectElement).value as LineKind)}
        >
          {LINE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(LINE_SENTENCE[k], ['…', '…'])}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('linesTo')}>{personSelect('line-to', to, setTo)}</Field>
      <Field label={t('linesNote')}>
        <input
          class="rp-input"
          name="line-note"
          maxLength={200}
          autoComplete="off"
          value={note}
          onInput={(e) => setNote((e.target as HTMLInputElement).value)}
        />
      </Field>
      <ErrorNote error={error} />
    </InlineForm>
  );
}
