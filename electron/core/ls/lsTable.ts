import type { MachineStatus, MachineSummary } from '../../../shared/types';
import { parseGoTemplate, executeGoTemplate, TemplateError } from '../format/goTemplate';
import { alignTabs } from '../format/tabwriter';

/** docker-machine 0.16.2's HostListItem, the data `ls -f` templates see. */
export interface LsItem {
  Name: string;
  Active: string;
  ActiveHost: boolean;
  ActiveSwarm: boolean;
  DriverName: string;
  State: string;
  URL: string;
  Swarm: string;
  Error: string;
  DockerVersion: string;
  ResponseTime: string;
}

export const LS_DEFAULT_FORMAT =
  'table {{ .Name }}\t{{ .Active }}\t{{ .DriverName}}\t{{ .State }}\t{{ .URL }}\t{{ .Swarm }}\t{{ .DockerVersion }}\t{{ .Error}}';

const HEADERS: Record<keyof LsItem, string> = {
  Name: 'NAME',
  Active: 'ACTIVE',
  ActiveHost: 'ACTIVE_HOST',
  ActiveSwarm: 'ACTIVE_SWARM',
  DriverName: 'DRIVER',
  State: 'STATE',
  URL: 'URL',
  Swarm: 'SWARM',
  Error: 'ERRORS',
  DockerVersion: 'DOCKER',
  ResponseTime: 'RESPONSE',
};

/** Go's time.Duration String() for whole milliseconds. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const totalSeconds = ms / 1000;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = Number((totalSeconds - minutes * 60).toFixed(3));
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}

export function toLsItem(summary: MachineSummary, status: MachineStatus | null): LsItem {
  if (summary.error !== null) {
    // docker-machine's row for a host it cannot load.
    return {
      Name: summary.name,
      Active: '-',
      ActiveHost: false,
      ActiveSwarm: false,
      DriverName: 'not found',
      State: 'Error',
      URL: '',
      Swarm: '',
      Error: summary.error.replace(/\n/g, ' '),
      DockerVersion: '',
      ResponseTime: '0s',
    };
  }
  return {
    Name: summary.name,
    Active: status?.active ? '*' : '-',
    ActiveHost: status?.active ?? false,
    ActiveSwarm: false,
    DriverName: summary.driverName,
    State: status?.state ?? '',
    URL: status?.url ?? '',
    Swarm: summary.swarm,
    // A create or provisioning that failed or was cancelled half way is what to know first (as in the GUI's row).
    Error: summary.provisionError?.split('\n')[0] || (status?.error ?? ''),
    DockerVersion: status?.dockerVersion ?? '',
    ResponseTime: formatGoDuration(status?.responseMs ?? 0),
  };
}

/** Renders rows with a docker-machine `ls` format: "table …" gets a header row and aligned columns. */
export function renderLs(items: LsItem[], format: string = LS_DEFAULT_FORMAT): string {
  let source = format || LS_DEFAULT_FORMAT;
  const table = source.startsWith('table');
  if (table) source = source.slice('table'.length);
  source = source.trim().replace(/\\t/g, '\t').replace(/\\n/g, '\n') + '\n';
  const template = parseGoTemplate(source);
  let out = table ? executeGoTemplate(template, HEADERS) : '';
  for (const item of items) out += executeGoTemplate(template, item);
  return table ? alignTabs(out) : out;
}

export interface LsFilters {
  driver: string[];
  state: string[];
  name: RegExp[];
  swarm: string[];
  label: Array<[string, string]>;
}

/** Parses `--filter key=value` flags as docker-machine does; throws TemplateError-like errors on bad input. */
export function parseLsFilters(filters: string[]): LsFilters {
  const out: LsFilters = { driver: [], state: [], name: [], swarm: [], label: [] };
  for (const f of filters) {
    const eq = f.indexOf('=');
    if (eq < 0) throw new TemplateError('Unsupported filter syntax.');
    const key = f.slice(0, eq).toLowerCase();
    const value = f.slice(eq + 1);
    switch (key) {
      case 'driver':
      case 'state':
      case 'swarm':
        out[key].push(value);
        break;
      case 'name':
        try {
          out.name.push(new RegExp(value));
        } catch (err) {
          throw new TemplateError(`Invalid name filter "${value}": ${(err as Error).message}`);
        }
        break;
      case 'label': {
        const i = value.indexOf('=');
        out.label.push(i < 0 ? [value, ''] : [value.slice(0, i), value.slice(i + 1)]);
        break;
      }
      default:
        throw new TemplateError(`Unsupported filter key '${key}'`);
    }
  }
  return out;
}

const eqFold = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export function matchesLsFilters(
  item: LsItem,
  labels: string[],
  swarmMaster: string,
  filters: LsFilters,
): boolean {
  const any = <T>(list: T[], test: (v: T) => boolean): boolean => list.length === 0 || list.some(test);
  const labelMap = new Map(labels.map((l) => [l.split('=')[0] ?? '', l.slice(l.indexOf('=') + 1)]));
  return (
    any(filters.driver, (d) => eqFold(d, item.DriverName)) &&
    any(filters.state, (s) => eqFold(s, item.State)) &&
    any(filters.name, (r) => r.test(item.Name)) &&
    any(filters.swarm, (s) => eqFold(s, swarmMaster)) &&
    any(filters.label, ([k, v]) => labelMap.has(k) && eqFold(labelMap.get(k)!, v))
  );
}
