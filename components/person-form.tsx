/**
 * "Add person": someone at the client who is not on this thread (the director a contact named,
 * the champion met at a trade show). A name is enough; an email lets their threads find the
 * account.
 */
import { useState } from 'preact/hooks';
import type { Person } from '@/utils/contract/model';
import { ROLES, type Role } from '@/utils/contract/enums';
import { t } from '@/utils/shared/i18n';
import { ROLE_LABEL } from './labels';
import type { Send } from './sidebar-types';
import { ErrorNote, Field, InlineForm, useWrite, valueOf } from './ui';

interface Props {
  accountId: string;
  send: Send;
  reload: () => void;
  /** Saved: the new person, for focus to land on them. */
  onAdded: (person: Person) => void;
  onCancel: () => void;
}

const EMPTY = { name: '', email: '', title: '', role: 'unknown' as Role };

export function AddPersonForm({ accountId, send, reload, onAdded, onCancel }: Props) {
  const [draft, setDraft] = useState(EMPTY);
  const { busy, error, run } = useWrite(reload);

  const submit = async () => {
    const name = draft.name.trim();
    if (!name) return;
    const email = draft.email.trim();
    let added: Person | null = null;
    const { ok } = await run(async () => {
      const result = await send('upsertPerson', {
        accountId,
        name,
        emails: email ? [email] : [],
        title: draft.title.trim(),
        role: draft.role,
      });
      if (result.ok) added = result.data;
      return result;
    });
    if (ok && added) onAdded(added);
  };
  const field = (key: 'name' | 'email' | 'title') => ({
    name: `person-${key}`,
    value: draft[key],
    onInput: (e: Event) => setDraft((d) => ({ ...d, [key]: valueOf(e) })),
  });

  return (
    <InlineForm
      label={t('sidebarAddPersonTitle')}
      submitLabel={t('sidebarSave')}
      busy={busy}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Field label={t('sidebarPersonName')}>
        <input class="rp-input" required maxLength={200} autoComplete="off" {...field('name')} />
      </Field>
      <Field label={t('sidebarPersonEmail')}>
        <input
          class="rp-input"
          type="email"
          maxLength={320}
          autoComplete="off"
          {...field('email')}
        />
      </Field>
      <Field label={t('sidebarPersonTitle')}>
        <input class="rp-input" maxLength={200} autoComplete="off" {...field('title')} />
      </Field>
      <Field label={t('sidebarRole')}>
        <select
          class="rp-select"
          name="person-role"
          value={draft.role}
          onChange={(e) => setDraft((d) => ({ ...d, role: valueOf(e) as Role }))}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(ROLE_LABEL[r])}
            </option>
          ))}
        </select>
      </Field>
      <ErrorNote error={error} />
    </InlineForm>
  );
}
