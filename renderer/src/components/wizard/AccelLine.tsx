/** The accelerator in plain words; what QEMU itself said (an MSR error, a permission) folds away. */
export function AccelLine({ accel, warning, reason }: { accel: string; warning: string | null; reason?: string }) {
  const plain = warning && reason && warning.endsWith(`: ${reason}`) ? warning.slice(0, -(reason.length + 2)) : warning;
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

