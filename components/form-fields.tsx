/**
 * The UI kit's page-sized form pieces: a labelled field with its hint and its problem beside it,
 * a labelled select, and a titled panel. The accounts page's editors are built from them; the
 * narrow sidebar uses the compact Field of ui.tsx.
 */
import type { ComponentChildren, Ref } from 'preact';
import { say, type Problem } from '@/utils/shared/problem';
import { escapeCloses, focusFirstField } from './ui';

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  problem?: Problem | undefined;
  hint?: string;
  type?: 'text' | 'email' | 'date' | 'number' | 'url';
  multiline?: boolean;
  rows?: number;
  maxLength?: number;
  required?: boolean;
  placeholder?: string;
  min?: number;
  max?: number;
}

export function TextField(p: FieldProps) {
  const describedBy =
    [p.hint ? `${p.id}-hint` : '', p.problem ? `${p.id}-error` : ''].filter(Boolean).join(' ') ||
    undefined;
  const common = {
    id: p.id,
    value: p.value,
    maxLength: p.maxLength,
    required: p.required,
    placeholder: p.placeholder,
    'aria-invalid': p.problem ? true : undefined,
    'aria-describedby': describedBy,
  } as const;
  return (
    <div class="f">
      <label for={p.id}>{p.label}</label>
      {p.multiline ? (
        <textarea
          {...common}
          rows={p.rows ?? 3}
          onInput={(e) => p.onInput(e.currentTarget.value)}
        />
      ) : (
        <input
          {...common}
          // Preact types each input type separately; the union of ours is fine at runtime.
          type={(p.type ?? 'text') as 'text'}
          min={p.min}
          max={p.max}
          onInput={(e) => p.onInput(e.currentTarget.value)}
        />
      )}
      {p.hint && (
        <span id={`${p.id}-hint`} class="f-hint">
          {p.hint}
        </span>
      )}
      {p.problem && (
        <span id={`${p.id}-error`} class="f-error">
          {say(p.problem)}
        </span>
      )}
    </div>
  );
}

interface SelectProps<T extends string> {
  id: string;
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
}

export function SelectField<T extends string>(p: SelectProps<T>) {
  return (
    <div class="f">
      <label for={p.id}>{p.label}</label>
      <select id={p.id} value={p.value} onChange={(e) => p.onChange(e.currentTarget.value as T)}>
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Panel(props: {
  id: string;
  title: string;
  count?: number;
  actions?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <section class="panel" aria-labelledby={`${props.id}-heading`}>
      <div class="panel-head">
        {/* Focusable from script only: where focus lands when what had it is removed. */}
        <h2 id={`${props.id}-heading`} tabIndex={-1}>
          {props.title}
          {props.count !== undefined && <span class="count-badge">{props.count}</span>}
        </h2>
        {props.actions}
      </div>
      {props.children}
    </section>
  );
}

/** A panel's button that opens its form; it hides while the form is open and gets focus back. */
export function OpenFormButton(props: {
  id: string;
  label: string;
  form: { open: boolean; show: () => void; opener: Ref<HTMLButtonElement> };
}) {
  if (props.form.open) return null;
  return (
    <button
      type="button"
      id={props.id}
      class="btn small"
      ref={props.form.opener}
      onClick={props.form.show}
    >
      {props.label}
    </button>
  );
}

/** A form in a panel: focus goes to its first field, Escape closes it, Enter submits it. */
export function PanelForm(props: {
  label?: string;
  /** Classes beside stack-form. */
  class?: string;
  onSubmit: () => void;
  onClose: () => void;
  children: ComponentChildren;
}) {
  return (
    <form
      noValidate
      ref={focusFirstField}
      class={props.class ? `stack-form ${props.class}` : 'stack-form'}
      aria-label={props.label}
      onKeyDown={escapeCloses(props.onClose)}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      {props.children}
    </form>
  );
}
