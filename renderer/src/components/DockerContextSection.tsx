import { useEffect, useState } from 'react';
import type { MachineContext } from '../../../shared/types';
import { api } from '../api/client';
import { copyText } from '../clipboard';
import { useToasts } from '../state/toastStore';

interface Props {
  machine: string;
  /** DOCKER_CONTEXT for the shell chosen in the dialog. */
  contextLine: string | null;
}

function describe(c: MachineContext): string {
  if (!c.exists) return `No docker context for ${c.name} yet.`;
  if (!c.ours) return `A docker context named "${c.name}" exists that Berth did not make; Berth leaves it alone.`;
  if (c.stale) return `Docker context "${c.name}" points at ${c.host}, not where the machine is now: update it.`;
  return `Docker context "${c.name}" → ${c.host}${c.current ? ' (the docker CLI\'s current context)' : ''}.`;
}

/**
 * The other way to point the docker CLI at a machine: a context in the docker CLI's own store,
 * which Compose, Buildx and editors also follow. Create/update, make current, remove; then the
 * commands that select it.
 */
export function DockerContextSection({ machine, contextLine }: Props) {
  const [context, setContext] = useState<MachineContext | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const show = useToasts((s) => s.show);

  useEffect(() => {
    let current = true;
    api.invoke('machine.context', { name: machine }).then(
      (c) => current && setContext(c),
      (err: unknown) => current && setError((err as Error).message),
    );
    return () => {
      current = false;
    };
  }, [machine]);

  const act = async (work: () => Promise<MachineContext>, done: string): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setContext(await work());
      show('info', done);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const usable = context?.exists === true && context.ours;

  return (
    <section className="docker-context" aria-label="Docker context">
      <h3>Docker context</h3>
      <p role="status">{context ? describe(context) : 'Reading the docker CLI\'s contexts…'}</p>
      {error !== null && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <div className="dialog-buttons">
        <button
          type="button"
          disabled={busy || context === null || (context.exists && !context.ours)}
          onClick={() => void act(() => api.invoke('machine.setContext', { name: machine, use: false }), `Docker context "${machine}" saved`)}
        >
          {usable ? 'Update docker context' : 'Use with the docker CLI'}
        </button>
        <button
          type="button"
          disabled={busy || !usable || context.current}
          onClick={() => void act(() => api.invoke('machine.setContext', { name: machine, use: true }), `"${machine}" is the docker CLI's current context`)}
        >
          Make it current
        </button>
        <button
          type="button"
          disabled={busy || !usable}
          onClick={() => void act(() => api.invoke('machine.removeContext', { name: machine }), `Docker context "${machine}" removed`)}
        >
          Remove docker context
        </button>
      </div>
      {usable && (
        <dl className="context-commands">
          {[
            ['For every shell, from now on', `docker context use ${machine}`],
            ['For this shell only', contextLine?.trimEnd() ?? ''],
          ].map(([label, line]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>
                <code>{line}</code>{' '}
                <button
                  type="button"
                  aria-label={`Copy: ${line}`}
                  onClick={() =>
                    void copyText(line!).then(
                      () => show('info', `Copied ${line}`),
                      (err: Error) => show('error', `Could not copy to the clipboard: ${err.message}`),
                    )
                  }
                >
                  Copy
                </button>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
