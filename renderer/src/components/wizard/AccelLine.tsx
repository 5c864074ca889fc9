/** The warning without QEMU's own words at its end (they are shown folded, or not at all). */
export function plainAccelWarning(warning: string | null, reason?: string): string | null {
  return warning && reason && warning.endsWith(`: ${reason}`) ? warning.slice(0, -(reason.length + 2)) : warning;
}

/** The accelerator in plain words; what QEMU itself said (an MSR error, a permission) folds away. */
export function AccelLine({ accel, warning, reason }: { accel: string; warning: string | null; reason?: string }) {
  const plain = plainAccelWarning(warning, reason);
  return (
    <div className={warning ? 'warn-text' : 'muted'}>
      Accelerator: {accel.toUpperCase()}
      {plain ? ` — ${plain}` : ''}
      {reason && (
        <details>
          <summary>Why not {accel === 'tcg' ? 'KVM' : 'the hardware accelerator'}</summary>
          <code>{reason}</code>
        </details>
      )}
    </div>
  );
}

