/** A VM's size as the machine page and the wizard's review say it ("1 CPU, 1024 MB memory, 20000 MB disk"). */
export function vmResourcesText(r: { cpus: number; memoryMb: number; diskSizeMb: number }): string {
  return `${r.cpus} CPU${r.cpus === 1 ? '' : 's'}, ${r.memoryMb} MB memory, ${r.diskSizeMb} MB disk`;
}
