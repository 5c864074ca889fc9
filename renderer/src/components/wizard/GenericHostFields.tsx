import type { Dispatch, SetStateAction } from 'react';
import type { LocalSshSetup } from '../../../../shared/types';
import { type CreateForm, fromSshConfig } from '../../wizard/createForm';
import { Field } from '../Field';
import { type FieldKit, fieldHelpers } from './fieldKit';

/** The wizard's first page for an existing server: a host from ~/.ssh/config, name, address, user and how to sign in. */
export function GenericHostFields({ kit, setForm, setup }: { kit: FieldKit; setForm: Dispatch<SetStateAction<CreateForm>>; setup: LocalSshSetup | null }) {
  const { form, set } = kit;
  const { text } = fieldHelpers(kit);
  return (
    <>
      {setup && setup.configHosts.length > 0 && (
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
      {setup?.configError && <p className="error-text">{setup.configError}</p>}
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
  );
}
