/** A dialog form's buttons: the submitting one (busy while it works) and Cancel. */
export function SubmitButtons({ label, busyLabel, busy = false, disabled = false, onCancel }: { label: string; busyLabel?: string; busy?: boolean; disabled?: boolean; onCancel(): void }) {
  return (
    <div className="dialog-buttons">
      <button type="submit" className="primary" disabled={disabled || busy} aria-busy={busy}>
        {busy && busyLabel ? busyLabel : label}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

/** A dialog's error, announced. */
export function ErrorLine({ error }: { error: string | null }) {
  return error === null ? null : (
    <p role="alert" className="error-text">
      {error}
    </p>
  );
}
