import type { ReactElement } from 'react';
import type { CreateForm, Field as FieldName } from '../../wizard/createForm';
import { Field } from '../Field';

/** What a wizard page needs of the form: its values, a setter, each field's problem, and the file check. */
export interface FieldKit {
  form: CreateForm;
  set<K extends FieldName>(field: K, value: CreateForm[K]): void;
  problemOf(field: FieldName): string | undefined;
  checkFile(field: 'keyPath' | 'image'): Promise<boolean>;
}

/** A text field and a one-entry-a-line field bound to the form, with their problem and hint. */
export function fieldHelpers({ form, set, problemOf, checkFile }: FieldKit): {
  text(field: FieldName, label: string, opts?: { type?: string; hint?: string; placeholder?: string }): ReactElement;
  lines(field: FieldName, label: string, hint: string): ReactElement;
} {
  return {
    text: (field, label, opts = {}) => (
    <Field label={label} problem={problemOf(field)} {...(opts.hint ? { hint: opts.hint } : {})}>
      {(a) => (
        <input
          {...a}
          type={opts.type ?? 'text'}
          value={form[field] as string}
          placeholder={opts.placeholder}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => set(field, e.target.value)}
          onBlur={field === 'keyPath' || field === 'image' ? () => void checkFile(field) : undefined}
        />
      )}
    </Field>
    ),
    lines: (field, label, hint) => (
    <Field label={label} problem={problemOf(field)} hint={hint}>
      {(a) => <textarea {...a} rows={2} value={form[field] as string} spellCheck={false} onChange={(e) => set(field, e.target.value)} />}
    </Field>
    ),

  };
}
