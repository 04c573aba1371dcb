/**
 * What the account page's panels share: their props, a form that takes focus when it opens and
 * gives it back when it closes, its buttons, and Escape to close it. Each panel writes through one
 * message and re-reads.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AccountView } from '@/utils/contract/messages';
import { t } from '@/utils/shared/i18n';

export interface SectionProps {
  view: AccountView;
  reload: () => void;
}

/** Focus moves into a form when it opens and back to its opener when it closes. */
export function useToggle() {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const was = useRef(false);
  useEffect(() => {
    if (was.current && !open) opener.current?.focus();
    was.current = open;
  }, [open]);
  return { open, show: () => setOpen(true), hide: () => setOpen(false), opener };
}

export function autofocus(el: HTMLFormElement | null) {
  el?.querySelector<HTMLElement>('input, textarea, select')?.focus();
}

export function FormActions({
  busy,
  submit,
  onCancel,
}: {
  busy: boolean;
  submit: string;
  onCancel?: () => void;
}) {
  return (
    <div class="form-actions">
      <button type="submit" class="btn primary" disabled={busy}>
        {submit}
      </button>
      {onCancel && (
        <button type="button" class="btn" onClick={onCancel}>
          {t('accountsCancel')}
        </button>
      )}
    </div>
  );
}

export const escapeCloses = (close: () => void) => (e: KeyboardEvent) => {
  if (e.key === 'Escape') {
    e.preventDefault();
    close();
  }
};

/** A long text cut for a label or a toast: the first 60 characters. */
export function short(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
