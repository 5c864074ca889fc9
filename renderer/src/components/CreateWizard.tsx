import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CLOUD_IMAGES, cloudImage } from '../../../shared/cloudImages';
import type { LocalSshSetup, QemuHostInfo } from '../../../shared/types';
import { api } from '../api/client';
import { useMachines } from '../state/machinesStore';
import { useProgress } from '../state/progressStore';
import {
  type CreateForm,
  emptyForm,
  ENGINE_FIELDS,
  type Field as FieldName,
  formProblems,
  fromSshConfig,
  HOST_FIELDS,
  pageProblems,
  toCreateRequest,
  toQemuRequest,
  VM_FIELDS,
} from '../wizard/createForm';
import { Dialog } from './Dialog';
import { Field } from './Field';
import { type HostKeyDecision, HostKeyCheck } from './HostKeyCheck';
import { ProgressPanel } from './ProgressPanel';
import { QemuFolder } from './QemuFolder';

type Page = 'host' | 'engine' | 'review' | 'progress';
const PAGES: { page: Page; title: string }[] = [
  { page: 'host', title: 'Machine' },
  { page: 'engine', title: 'Docker Engine' },
  { page: 'review', title: 'Review' },
  { page: 'progress', title: 'Progress' },
];

const ENGINE_CHOICES: { kind: CreateForm['engineKind']; label: string; hint: string }[] = [
  { kind: 'distro', label: "The distribution's package", hint: 'docker.io on Debian and Ubuntu, docker on Fedora, Alpine and openSUSE' },
  { kind: 'docker-ce', label: "Docker CE from Docker's repository", hint: 'download.docker.com, a channel and optionally a version' },
  { kind: 'keep', label: 'Keep the Docker already installed', hint: 'fails if the host has none' },
  { kind: 'adopt', label: 'Adopt the running Engine and its certificates', hint: 'nothing is installed, written or restarted on the host; Berth checks its TLS' },
];

interface Props {
  onClose(): void;
}

/** docker-machine's `create -d generic`, as a wizard: host, engine, review (host key), then live progress. */
/** The accelerator in plain words; what QEMU itself said (an MSR error, a permission) folds away. */
function AccelLine({ accel, warning, reason }: { accel: string; warning: string | null; reason?: string }) {
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

export function CreateWizard({ onClose }: Props) {
  const existing = useMachines((s) => s.machines.map((m) => m.name).join('\n'));
  const refresh = useMachines((s) => s.refresh);
  const run = useProgress((s) => s.run);
  const [setup, setSetup] = useState<LocalSshSetup | null>(null);
  const [qemuInfo, setQemuInfo] = useState<QemuHostInfo | null>(null);
  /** Sizes the user set by hand (the host's defaults arriving later leave them alone). */
  const moved = useRef(new Set<string>());
  /** What was typed under each image choice (URL, local file), so switching never carries one into the other. */
  const imageDrafts = useRef<Record<string, string>>({});
  const [form, setForm] = useState<CreateForm>(() => emptyForm(null, false));
  const vm = form.driver === 'qemu';
  const [page, setPage] = useState<Page>('host');
  const [shown, setShown] = useState<Set<FieldName>>(new Set());
  const [hostKey, setHostKey] = useState<HostKeyDecision>({ ready: false });
  const [runs, setRuns] = useState(0);
  const machine = form.name.trim();
  const progress = useProgress((s) => (page === 'progress' ? s.byMachine[machine] : undefined));

  useEffect(() => {
    let current = true;
    void api.invoke('ssh.localSetup', {}).then((s) => {
      if (!current) return;
      setSetup(s);
      // Only the sign-in defaults: what was typed meanwhile (a name, a host) stays.
      setForm((f) => {
        if (f.keyPath || f.host) return f;
        const { authKind, keyPath } = emptyForm(s.keys[0] ?? null, s.agent);
        return { ...f, authKind, keyPath };
      });
    });
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    if (!vm || qemuInfo) return;
    let current = true;
    void api.invoke('qemu.hostInfo', {}).then((info) => {
      if (!current) return;
      setQemuInfo(info);
      // Defaults within what this computer has: half its CPUs (at most 4), a quarter of its memory (at
      // most 4 GiB) — never over a slider the user already moved while this was being asked.
      const sized = { cpus: Math.max(1, Math.min(4, Math.floor(info.cpus / 2))), memoryMb: Math.max(512, Math.min(4096, Math.floor(info.memoryMb / 4 / 256) * 256)) };
      setForm((f) => ({ ...f, ...Object.fromEntries(Object.entries(sized).filter(([k]) => !moved.current.has(k))) }));
    });
    return () => {
      current = false;
    };
  }, [vm, qemuInfo]);

  // What the core said of a file the user named (missing, unreadable, a .pub instead of the key…), checked when the field is left.
  const [fileProblems, setFileProblems] = useState<Partial<Record<'keyPath' | 'image', string>>>({});
  const problems = useMemo(() => {
    const checked = { ...(form.authKind === 'key' ? { keyPath: fileProblems.keyPath } : {}), ...(form.imageKind === 'file' ? { image: fileProblems.image } : {}) };
    return { ...Object.fromEntries(Object.entries(checked).filter(([, v]) => v)), ...formProblems(form, existing ? existing.split('\n') : []) };
  }, [form, existing, fileProblems]);
  const set = <K extends FieldName>(field: K, value: CreateForm[K]): void => {
    setForm((f) => ({ ...f, [field]: value }));
    setShown((s) => new Set(s).add(field));
    if (field === 'keyPath' || field === 'image') setFileProblems((p) => ({ ...p, [field]: undefined }));
  };
  /** Asks the core about the file in `field`; false (and the problem shown) when it will not do. */
  const checkFile = async (field: 'keyPath' | 'image'): Promise<boolean> => {
    const path = form[field].trim();
    if (!path || (field === 'keyPath' ? form.authKind !== 'key' : form.imageKind !== 'file')) return true;
    const { problem } = await api.invoke('local.checkFile', { path, purpose: field === 'keyPath' ? 'ssh-key' : 'vm-image' }).catch(() => ({ problem: null }));
    setFileProblems((p) => ({ ...p, [field]: problem ?? undefined }));
    setShown((s) => new Set(s).add(field));
    return problem === null;
  };
  // A field's problem shows once it was edited, or when the user tries to go on.
  const problemOf = (field: FieldName): string | undefined => (shown.has(field) ? problems[field] : undefined);
  const next = async (fields: FieldName[], to: Page): Promise<void> => {
    const files = (['keyPath', 'image'] as const).filter((f) => fields.includes(f));
    const filesOk = (await Promise.all(files.map(checkFile))).every(Boolean);
    if (!filesOk || Object.keys(pageProblems(problems, fields)).length > 0) {
      setShown((s) => new Set([...s, ...fields]));
      return;
    }
    setPage(to);
  };

  const probe = useCallback(() => api.invoke('ssh.probeHostKey', { host: form.host.trim(), port: Number(form.port) }), [form.host, form.port]);
  const onDecision = useCallback((d: HostKeyDecision) => setHostKey(d), []);

  const create = (): void => {
    setPage('progress');
    setRuns((n) => n + 1);
    void run(machine, 'Create', () =>
      vm ? api.invoke('machine.createQemu', { request: toQemuRequest(form) }) : api.invoke('machine.create', { request: toCreateRequest(form, hostKey.accept) }),
    ).then(() => refresh([machine]));
  };
  // The record this attempt saved (a failed create stays listed as Error until retried or removed).
  const saved = existing.split('\n').includes(machine);
  const editAgain = async (): Promise<void> => {
    if (saved) await api.invoke('machine.remove', { name: machine }).catch(() => undefined);
    await refresh([]);
    setPage('host');
  };
  const retry = (): void => {
    setRuns((n) => n + 1);
    const sudoPassword = form.user.trim() !== 'root' && form.sudoPassword ? form.sudoPassword : undefined;
    void run(machine, 'Provision', () => api.invoke('machine.provision', { name: machine, ...(sudoPassword ? { sudoPassword } : {}) })).then(() => refresh([machine]));
  };

  const text = (field: FieldName, label: string, opts: { type?: string; hint?: string; placeholder?: string } = {}) => (
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
  );
  const lines = (field: FieldName, label: string, hint: string) => (
    <Field label={label} problem={problemOf(field)} hint={hint}>
      {(a) => <textarea {...a} rows={2} value={form[field] as string} spellCheck={false} onChange={(e) => set(field, e.target.value)} />}
    </Field>
  );

  const title = PAGES.find((p) => p.page === page)!.title;
  // Escape never throws away what was typed without asking (Cancel is explicit; the progress page has nothing to lose).
  const escape = (): void => {
    const filled = page !== 'progress' && (form.name.trim() !== '' || form.host.trim() !== '');
    if (!filled || window.confirm('Discard the settings of this new machine?')) onClose();
  };
  return (
    <Dialog title="Create machine" onClose={onClose} onEscape={escape}>
      <ol className="wizard-pages" aria-label="Wizard pages">
        {PAGES.map((p, i) => {
          // A page already done can be gone back to (not while the machine is being made).
          const done = page !== 'progress' && i < PAGES.findIndex((x) => x.page === page);
          return (
            <li key={p.page} aria-current={p.page === page ? 'step' : undefined}>
              {done ? (
                <button type="button" className="step-link" onClick={() => setPage(p.page)}>
                  {p.title}
                </button>
              ) : (
                p.title
              )}
            </li>
          );
        })}
      </ol>
      <h3 className="visually-hidden">{title}</h3>

      {page === 'host' && (
        <form
          className="wizard-form"
          aria-label="Host and sign-in"
          onSubmit={(e) => {
            e.preventDefault();
            void next(vm ? VM_FIELDS : HOST_FIELDS, 'engine');
          }}
        >
          <Field label="Driver">
            {(a) => (
              <select {...a} value={form.driver} onChange={(e) => set('driver', e.target.value as CreateForm['driver'])}>
                <option value="generic">generic — an existing Linux server over SSH</option>
                <option value="qemu">qemu — a local virtual machine</option>
              </select>
            )}
          </Field>
          {vm && (
            <>
              {vm && !qemuInfo && (
                <p className="muted" aria-busy="true">
                  Looking at this computer (QEMU, accelerator, CPUs and memory)…
                </p>
              )}
              {qemuInfo?.missing && (
                <div role="alert" className="error-text banner-actions">
                  <span>{qemuInfo.missing}</span>
                  <button type="button" onClick={() => setQemuInfo(null)}>
                    Check again
                  </button>
                </div>
              )}
              {qemuInfo && <QemuFolder info={qemuInfo} onChange={setQemuInfo} />}
              {qemuInfo?.accel && <AccelLine accel={qemuInfo.accel.accel} warning={qemuInfo.accel.warning} reason={qemuInfo.accel.reason} />}
              {text('name', 'Machine name', { hint: 'Letters, digits, "-" and "."; also the VM\'s host name.' })}
              <fieldset className="choices-column">
                <legend>Image</legend>
                {[...CLOUD_IMAGES.map((i) => [i.id, `${i.label}: download once, verified`] as const), ['url', 'Image URL'] as const, ['file', 'Local image file'] as const].map(([kind, label]) => (
                  <label key={kind} className="inline">
                    <input
                      type="radio"
                      name="imageKind"
                      checked={form.imageKind === kind}
                      onChange={() =>
                        // A URL and a local path are kept apart: each choice keeps what was typed under it.
                        setForm((f) => {
                          imageDrafts.current[f.imageKind] = f.image;
                          return { ...f, imageKind: kind, image: imageDrafts.current[kind] ?? '' };
                        })
                      }
                    />{' '}
                    {label}
                  </label>
                ))}
                <p className="muted">Each machine gets its own copy-on-write disk on the image; downloads are kept in the store's cache.</p>
              </fieldset>
              {form.imageKind === 'url' && (
                <>
                  {text('image', 'Image URL', { placeholder: 'https://cloud.example.org/images/disk.qcow2', hint: 'Verified against the SHA512SUMS or SHA256SUMS beside it, or the checksum below.' })}
                  {text('imageChecksum', 'Checksum (if the server publishes none)', { placeholder: 'sha256:…' })}
                </>
              )}
              {form.imageKind === 'file' &&
                text('image', 'VM image', { placeholder: '/path/to/debian-12-genericcloud-amd64.qcow2', hint: 'A qcow2 cloud image (or any image with cloud-init), for offline use.' })}
              {(
                [
                  ['cpus', 'CPUs', 1, qemuInfo?.cpus ?? 8, 1, ''],
                  ['memoryMb', 'Memory', 512, qemuInfo?.memoryMb ?? 8192, 256, ' MB'],
                  ['diskSizeMb', 'Disk', 4096, Math.max(4096, qemuInfo?.freeDiskMb ?? 65_536), 1024, ' MB'],
                ] as const
              ).map(([field, label, min, max, stepSize, unit]) => (
                <Field key={field} label={`${label}: ${form[field]}${unit}`} problem={problemOf(field)}>
                  {(a) => <input {...a} type="range" min={min} max={max} step={stepSize} value={form[field]} onChange={(e) => (moved.current.add(field), set(field, Number(e.target.value)))} />}
                </Field>
              ))}
              <details>
                <summary>Boot a kernel directly (images without a bootloader)</summary>
                {text('kernel', 'Kernel')}
                {text('initrd', 'Initrd')}
                {text('append', 'Kernel command line', { placeholder: 'root=/dev/vda rw console=ttyS0' })}
              </details>
            </>
          )}
          {!vm && setup && setup.configHosts.length > 0 && (
            <Field label="From ~/.ssh/config" hint="Fills host, port, user and key from your SSH config.">
              {(a) => (
                <select
                  {...a}
                  value=""
                  onChange={(e) => {
                    const h = setup.configHosts.find((c) => c.alias === e.target.value);
                    if (h) setForm((f) => fromSshConfig(f, h));
                  }}
                >
                  <option value="">Choose a host…</option>
                  {setup.configHosts.map((h) => (
                    <option key={h.alias} value={h.alias}>
                      {h.alias} ({h.user ? `${h.user}@` : ''}
                      {h.hostName}
                      {h.port ? `:${h.port}` : ''})
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {!vm && setup?.configError && <p className="error-text">{setup.configError}</p>}
          {!vm && (
            <>
          {text('name', 'Machine name', { hint: 'Letters, digits, "-" and "."; also the host name, if set below.' })}
          <div className="field-row">
            {text('host', 'Host', { placeholder: '192.168.56.101 or server.example.com' })}
            {text('port', 'SSH port')}
          </div>
          {text('user', 'SSH user')}
          <fieldset>
            <legend>Sign in with</legend>
            {(
              [
                ['key', 'Private key'],
                ['password', 'Password'],
                ['agent', `ssh-agent${setup && !setup.agent ? ' (none running)' : ''}`],
              ] as const
            ).map(([kind, label]) => (
              <label key={kind} className="inline">
                <input type="radio" name="auth" checked={form.authKind === kind} onChange={() => set('authKind', kind)} /> {label}
              </label>
            ))}
          </fieldset>
          {form.authKind === 'key' && (
            <>
              {text('keyPath', 'Private key file', { hint: 'Berth keeps a copy (0600) in the machine directory, as docker-machine does.' })}
              {text('passphrase', 'Key passphrase (if any)', { type: 'password' })}
            </>
          )}
          {form.authKind === 'password' &&
            text('password', 'SSH password', { type: 'password', hint: 'Used once: Berth then authorises a key of its own for the machine.' })}
          {form.user.trim() !== 'root' &&
            text('sudoPassword', 'sudo password (if sudo asks for one)', { type: 'password', hint: 'Kept in memory for this run only.' })}
            </>
          )}
          <div className="dialog-buttons">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={vm && Boolean(qemuInfo?.missing)}>
              Next
            </button>
          </div>
        </form>
      )}

      {page === 'engine' && (
        <form
          className="wizard-form"
          aria-label="Docker Engine"
          onSubmit={(e) => {
            e.preventDefault();
            void next(ENGINE_FIELDS, 'review');
          }}
        >
          <fieldset>
            <legend>Docker Engine</legend>
            {ENGINE_CHOICES.filter((c) => !vm || c.kind !== 'adopt').map((c) => (
              <label key={c.kind} className="block">
                <input type="radio" name="engine" checked={form.engineKind === c.kind} onChange={() => set('engineKind', c.kind)} /> {c.label}{' '}
                <small className="muted">{c.hint}</small>
              </label>
            ))}
          </fieldset>
          {form.engineKind === 'docker-ce' && (
            <div className="field-row">
              <Field label="Channel">
                {(a) => (
                  <select {...a} value={form.channel} onChange={(e) => set('channel', e.target.value as CreateForm['channel'])}>
                    <option value="stable">stable</option>
                    <option value="test">test</option>
                  </select>
                )}
              </Field>
              {text('version', 'Version', { placeholder: 'latest', hint: 'e.g. 27.3.1; empty for the newest of the channel' })}
            </div>
          )}
          {form.engineKind === 'adopt' && (
            <>
              <p className="muted">The client certificate its daemon already trusts; leave all three empty for this store&apos;s (a daemon docker-machine or Berth set up from it).</p>
              {text('tlsCa', 'CA certificate file', { placeholder: 'ca.pem' })}
              {text('tlsCert', 'Client certificate file', { placeholder: 'cert.pem' })}
              {text('tlsKey', 'Client key file', { placeholder: 'key.pem' })}
            </>
          )}
          {!vm && text('enginePort', 'Docker TLS port')}
          {!vm && (
            <label className="block">
              <input type="checkbox" checked={form.setHostname} onChange={(e) => set('setHostname', e.target.checked)} /> Set the host name to the
              machine name
            </label>
          )}
          <details>
            <summary>Engine options</summary>
            {lines('labels', 'Engine labels', 'KEY=value, one a line (--engine-label)')}
            {lines('insecureRegistries', 'Insecure registries', 'one a line (--engine-insecure-registry)')}
            {lines('registryMirrors', 'Registry mirrors', 'one a line (--engine-registry-mirror)')}
            {text('storageDriver', 'Storage driver', { placeholder: 'default', hint: '--engine-storage-driver' })}
            {lines('env', 'Engine environment', 'KEY=value, one a line, e.g. HTTP_PROXY=… (--engine-env)')}
            {lines('flags', 'Other dockerd options', 'name=value, one a line, becomes --name=value (--engine-opt)')}
            {lines('extraSans', 'Extra names in the server certificate', 'host names or IPs, one a line (--tls-san)')}
          </details>
          <div className="dialog-buttons">
            <button type="button" onClick={() => setPage('host')}>
              Back
            </button>
            <button type="submit" className="primary">
              Next
            </button>
          </div>
        </form>
      )}

      {page === 'review' && (
        <div className="wizard-form" aria-label="Review">
          <dl className="about">
            <dt>Name</dt>
            <dd>{machine}</dd>
            <dt>Driver</dt>
            <dd>{form.driver}</dd>
            {vm ? (
              <>
                <dt>Image</dt>
                <dd className="mono">
                  {form.imageKind === 'file' ? form.image.trim() : `${form.imageKind === 'url' ? form.image.trim() : (cloudImage(form.imageKind)?.label ?? form.imageKind)} (downloaded into the store's cache)`}
                </dd>
                <dt>Resources</dt>
                <dd>
                  {form.cpus} CPUs, {form.memoryMb} MB memory, {form.diskSizeMb} MB disk
                </dd>
                <dt>Accelerator</dt>
                <dd>{qemuInfo?.accel ? `${qemuInfo.accel.accel.toUpperCase()}${qemuInfo.accel.warning ? ` — ${qemuInfo.accel.warning}` : ''}` : '…'}</dd>
              </>
            ) : (
              <>
                <dt>SSH</dt>
                <dd className="mono">
                  {form.user.trim()}@{form.host.trim()}:{form.port.trim()}
                </dd>
                <dt>Sign in with</dt>
                <dd>{form.authKind === 'key' ? form.keyPath : form.authKind === 'password' ? 'password' : 'ssh-agent'}</dd>
              </>
            )}
            <dt>Docker Engine</dt>
            <dd>
              {ENGINE_CHOICES.find((c) => c.kind === form.engineKind)!.label}
              {form.engineKind === 'docker-ce' ? ` (${form.channel}${form.version.trim() ? `, ${form.version.trim()}` : ''})` : ''}
            </dd>
            {!vm && (
              <>
                <dt>Docker URL</dt>
                <dd className="mono">
                  tcp://{form.host.trim()}:{form.enginePort.trim()}
                </dd>
              </>
            )}
          </dl>
          {!vm && <HostKeyCheck target={`${form.host.trim()}:${form.port.trim()}`} probe={probe} onDecision={onDecision} />}
          <div className="dialog-buttons">
            <button type="button" onClick={() => setPage('engine')}>
              Back
            </button>
            <button type="button" className="primary" disabled={vm ? Boolean(qemuInfo?.missing) : !hostKey.ready} onClick={create}>
              Create
            </button>
          </div>
        </div>
      )}

      {page === 'progress' && (
        <>
          <ProgressPanel key={runs} machine={machine} />
          {progress && progress.phase !== 'running' && (
            <div className="dialog-buttons">
              {progress.phase === 'failed' && saved && (
                <button type="button" onClick={retry}>
                  Retry
                </button>
              )}
              {progress.phase === 'failed' && (
                <button type="button" onClick={() => void editAgain()}>
                  Edit and try again
                </button>
              )}
              <button type="button" className={progress.phase === 'done' ? 'primary' : undefined} onClick={onClose}>
                Close
              </button>
            </div>
          )}
        </>
      )}
    </Dialog>
  );
}
