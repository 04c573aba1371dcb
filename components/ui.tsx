/**
 * The UI kit's building blocks, shared by the sidebar, the accounts page and the popup: the write
 * hook, inline forms and their buttons, the error note. Form fields and panels are in
 * form-fields.tsx.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Result } from '@/utils/contract/messages';
import { t } from '@/utils/shared/i18n';

/**
 * Runs a write and keeps its failure to show beside the form that caused it. On success `after`
 * runs (the caller re-reads what it shows: the background is the only source of truth, so
 * nothing is patched locally). The result comes back whole, so a caller can read its data or
 * its error code (a conflict, say).
 */
export function useWrite(after: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async <R extends Result<unknown>>(write: () => Promise<R>): Promise<R> => {
    setBusy(true);
    setError(null);
    try {
      const result = await write();
      const r: Result<unknown> = result;
      if (r.ok) after();
      else setError(r.error);
      return result;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run, clearError: () => setError(null) };
}

/** Escape closes what it is bound to (a form, a question). */
export const escapeCloses = (close: () => void) => (e: KeyboardEvent) => {
  if (e.key === 'Escape') {
    e.preventDefault();
    close();
  }
};

/** Focus goes to a form's first field when it opens (usable as a ref). */
export function focusFirstField(el: HTMLElement | null) {
  el?.querySelector<HTMLElement>('input, textarea, select')?.focus();
}

/** A form's buttons: the submit, and Cancel when the form can be closed. */
export function FormActions(props: { busy?: boolean; submit: string; onCancel?: () => void }) {
  return (
    <div class="rp-actions">
      <button type="submit" class="rp-btn rp-primary" disabled={props.busy}>
        {props.submit}
      </button>
      {props.onCancel && (
        <button type="button" class="rp-btn" onClick={props.onCancel}>
          {t('sidebarCancel')}
        </button>
      )}
    </div>
  );
}

/** An inline form's open state; closing it gives focus back to the button that opened it. */
export function useInline() {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (wasOpen.current && !open) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return { open, show: () => setOpen(true), close: () => setOpen(false), opener };
}

/**
 * Focus for what a write creates: the new item arrives with the account's next read, after the
 * form that made it has closed. `want(id)` asks for it; `focusRef(id)` on each item's element
 * focuses the one wanted as soon as it is rendered.
 */
export function useFocusOnArrival() {
  const wanted = useRef<string | null>(null);
  return {
    want: (id: string) => (wanted.current = id),
    focusRef: (id: string) => (el: HTMLElement | null) => {
      if (!el || wanted.current !== id) return;
      wanted.current = null;
      el.focus();
    },
  };
}

export function ErrorNote({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p class="rp-error" role="alert">
      {t('sidebarSaveFailed', error)}
    </p>
  );
}

interface InlineFormProps {
  label: string;
  submitLabel: string;
  busy?: boolean;
  onSubmit: () => void;
  onCancel: () => void;
  children: ComponentChildren;
}

/** A small form inside the panel: focuses its first field, Escape cancels. */
export function InlineForm(props: InlineFormProps) {
  const form = useRef<HTMLFormElement>(null);
  // Before the first paint, not after it: keys typed right after the shortcut land in the field.
  useLayoutEffect(() => focusFirstField(form.current), []);
  return (
    <form
      ref={form}
      class="rp-form"
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
      onKeyDown={escapeCloses(props.onCancel)}
    >
      {props.children}
      <FormActions busy={props.busy} submit={props.submitLabel} onCancel={props.onCancel} />
    </form>
  );
}

/** A labelled field: the label sits above the control, and clicking it focuses the control. */
export function Field(props: { label: string; children: ComponentChildren }) {
  return (
    <label class="rp-field">
      <span class="rp-field-label">{props.label}</span>
      {props.children}
    </label>
  );
}

export function Section(props: { title: string; count?: number; children: ComponentChildren }) {
  return (
    <section class="rp-section">
      <h3 class="rp-h3">
        {props.title}
        {props.count !== undefined && <span class="rp-count">{props.count}</span>}
      </h3>
      {props.children}
    </section>
  );
}

/** The value of an input or textarea from its event. */
export const valueOf = (e: Event) => (e.currentTarget as HTMLInputElement).value;
