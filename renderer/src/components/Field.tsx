import { type ReactNode, useId } from 'react';

interface Props {
  label: string;
  problem?: string | undefined;
  hint?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}

/** A labelled form control with its hint and its problem, wired for screen readers. */
export function Field({ label, problem, hint, children }: Props) {
  const id = useId();
  const describedBy = [problem ? `${id}-problem` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(problem), ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {hint && (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      )}
      {problem && (
        <small id={`${id}-problem`} className="error-text">
          {problem}
        </small>
      )}
    </div>
  );
}
