import { machineNameProblem } from '../../shared/machineName';

/**
 * What a launch asks for, from its command line: `--machine NAME` (or `--machine=NAME`) opens that
 * machine's page. A second launch hands its argv to the running app (single instance), which
 * focuses its window and does this; Chromium's and Electron's own switches are ignored.
 */
export function launchRequest(argv: string[]): { machine: string | null } {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = a === '--machine' ? argv[i + 1] : a.startsWith('--machine=') ? a.slice('--machine='.length) : undefined;
    if (value !== undefined) return { machine: value && !machineNameProblem(value) ? value : null };
  }
  return { machine: null };
}
