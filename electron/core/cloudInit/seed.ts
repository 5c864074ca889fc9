/**
 * cloud-init's NoCloud seed for a VM Berth makes: the login user with the machine's key and
 * NOPASSWD sudo, and the host name. The same three files reach a QEMU guest over HTTP and a
 * VirtualBox guest on a CD labelled `cidata`.
 */
export function seedFiles(hostname: string, user: string, publicKey: string): Record<'meta-data' | 'user-data' | 'vendor-data', string> {
  return {
    'meta-data': `instance-id: ${hostname}\nlocal-hostname: ${hostname}\n`,
    'user-data': ['#cloud-config', 'users:', `  - name: ${user}`, '    sudo: ALL=(ALL) NOPASSWD:ALL', '    shell: /bin/bash', '    ssh_authorized_keys:', `      - ${publicKey}`, ''].join('\n'),
    'vendor-data': '',
  };
}
