import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LocalSshSetup, QemuHostInfo, VirtualboxHostInfo } from '../../../shared/types';
import { api } from '../api/client';
import { useMachines } from '../state/machinesStore';
import { useProgress } from '../state/progressStore';
import {
  type CreateForm,
  emptyForm,
  ENGINE_FIELDS,
  type Field as FieldName,
  formProblems,
  HOST_FIELDS,
  isVm,
  pageProblems,
  toCreateRequest,
  toQemuRequest,
  toVirtualboxRequest,
  VM_FIELDS,
} from '../wizard/createForm';
import { Dialog } from './Dialog';
import { Field } from './Field';
import { type HostKeyDecision, HostKeyCheck } from './HostKeyCheck';
import { ProgressPanel } from './ProgressPanel';
import { EngineFields } from './wizard/EngineFields';
import type { FieldKit } from './wizard/fieldKit';
import { GenericHostFields } from './wizard/GenericHostFields';
import { ReviewList } from './wizard/ReviewList';
import { VirtualboxHostFields } from './wizard/VirtualboxHostFields';
import { VmHostFields } from './wizard/VmHostFields';

type Page = 'host' | 'engine' | 'review' | 'progress';
const PAGES: { page: Page; title: string }[] = [
  { page: 'host', title: 'Machine' },
  { page: 'engine', title: 'Docker Engine' },
  { page: 'review', title: 'Review' },
  { page: 'progress', title: 'Progress' },
];


interface Props {
  onClose(): void;
}

/** docker-machine's `create`, as a wizard: machine (a VM or a server over SSH), engine, review (host key), then live progress. */
export function CreateWizard({ onClose }: Props) {
  const existing = useMachines((s) => s.machines.map((m) => m.name).join('\n'));
  const refresh = useMachines((s) => s.refresh);
  const run = useProgress((s) => s.run);
  const [setup, setSetup] = useState<LocalSshSetup | null>(null);
  const [qemuInfo, setQemuInfo] = useState<QemuHostInfo | null>(null);
  const [vboxInfo, setVboxInfo] = useState<VirtualboxHostInfo | null>(null);
  /** Sizes the user set by hand (the host's defaults arriving later leave them alone). */
  const moved = useRef(new Set<string>());
  /** What was typed under each image choice (URL, local file), so switching never carries one into the other. */
  const imageDrafts = useRef<Record<string, string>>({});
  const [form, setForm] = useState<CreateForm>(() => emptyForm(null, false));
  const vm = isVm(form);
  /** The chosen VM driver's word on this computer (what is missing, CPUs and memory), once asked. */
  const hostInfo = form.driver === 'qemu' ? qemuInfo : form.driver === 'virtualbox' ? vboxInfo : null;
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
    if (!vm || hostInfo) return;
    let current = true;
    const asked = form.driver === 'virtualbox' ? api.invoke('virtualbox.hostInfo', {}) : api.invoke('qemu.hostInfo', {});
    void asked.then((info) => {
      if (!current) return;
      if (form.driver === 'virtualbox') setVboxInfo(info as VirtualboxHostInfo);
      else setQemuInfo(info as QemuHostInfo);
      // Defaults within what this computer has: half its CPUs (at most 4), a quarter of its memory (at
      // most 4 GiB) — never over a slider the user already moved while this was being asked.
      const sized = { cpus: Math.max(1, Math.min(4, Math.floor(info.cpus / 2))), memoryMb: Math.max(512, Math.min(4096, Math.floor(info.memoryMb / 4 / 256) * 256)) };
      setForm((f) => ({ ...f, ...Object.fromEntries(Object.entries(sized).filter(([k]) => !moved.current.has(k))) }));
    });
    return () => {
      current = false;
    };
  }, [vm, hostInfo, form.driver]);

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
      form.driver === 'qemu'
        ? api.invoke('machine.createQemu', { request: toQemuRequest(form) })
        : form.driver === 'virtualbox'
          ? api.invoke('machine.createVirtualbox', { request: toVirtualboxRequest(form) })
          : api.invoke('machine.create', { request: toCreateRequest(form, hostKey.accept) }),
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

  const kit: FieldKit = { form, set, problemOf, checkFile };

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
                <option value="virtualbox">virtualbox — a VirtualBox virtual machine</option>
              </select>
            )}
          </Field>
          {form.driver === 'qemu' && <VmHostFields kit={kit} setForm={setForm} qemuInfo={qemuInfo} setQemuInfo={setQemuInfo} moved={moved} imageDrafts={imageDrafts} />}
          {form.driver === 'virtualbox' && <VirtualboxHostFields kit={kit} setForm={setForm} info={vboxInfo} setInfo={setVboxInfo} moved={moved} imageDrafts={imageDrafts} />}
          {!vm && <GenericHostFields kit={kit} setForm={setForm} setup={setup} />}
          <div className="dialog-buttons">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={vm && Boolean(hostInfo?.missing)}>
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
          <EngineFields kit={kit} vm={vm} />
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
          <ReviewList form={form} qemuInfo={qemuInfo} vboxInfo={vboxInfo} onFresh={(fresh: boolean) => setForm((f) => ({ ...f, fresh }))} />
          {!vm && <HostKeyCheck target={`${form.host.trim()}:${form.port.trim()}`} probe={probe} onDecision={onDecision} />}
          <div className="dialog-buttons">
            <button type="button" onClick={() => setPage('engine')}>
              Back
            </button>
            <button type="button" className="primary" disabled={vm ? Boolean(hostInfo?.missing) : !hostKey.ready} onClick={create}>
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
