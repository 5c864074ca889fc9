import type { CreateForm } from '../../wizard/createForm';
import { Field } from '../Field';
import { type FieldKit, fieldHelpers } from './fieldKit';

export const ENGINE_CHOICES: { kind: CreateForm['engineKind']; label: string; hint: string }[] = [
  { kind: 'distro', label: "The distribution's package", hint: 'docker.io on Debian and Ubuntu, docker on Fedora, Alpine and openSUSE' },
  { kind: 'docker-ce', label: "Docker CE from Docker's repository", hint: 'download.docker.com, a channel and optionally a version' },
  { kind: 'keep', label: 'Keep the Docker already installed', hint: 'fails if the host has none' },
  { kind: 'adopt', label: 'Adopt the running Engine and its certificates', hint: 'nothing is installed, written or restarted on the host; Berth checks its TLS' },
];

/** The wizard's Docker Engine page: what to install (or keep, or adopt), its port, host name and engine options. */
export function EngineFields({ kit, vm }: { kit: FieldKit; vm: boolean }) {
  const { form, set } = kit;
  const { text, lines } = fieldHelpers(kit);
  return (
    <>
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
    </>
  );
}
