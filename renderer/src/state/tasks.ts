import { ACTION_LABEL, type ActionKind, type ActionSummary } from '../../../shared/types';


export const taskTitle = (a: ActionSummary): string => `${ACTION_LABEL[a.kind]} ${a.machine}`;

/** How an ended task is told: "Restart web-1 failed: …". */
export function endedText(a: ActionSummary): string {
  const title = taskTitle(a);
  if (a.state === 'succeeded') return `${title} finished${a.message ? `: ${a.message}` : ''}`;
  if (a.state === 'cancelled') return `${title} was cancelled`;
  return `${title} failed: ${a.error ?? 'no reason given'}`;
}

/** A fleet action's tasks together: "Restart of 3 machines: 2 of 3 succeeded". */
export interface TaskGroup {
  id: string;
  kind: ActionKind;
  tasks: ActionSummary[];
}

export function groupSummary(g: TaskGroup): string {
  const done = g.tasks.filter((t) => t.state !== 'running').length;
  const ok = g.tasks.filter((t) => t.state === 'succeeded').length;
  const head = `${ACTION_LABEL[g.kind]} on ${g.tasks.length} machine${g.tasks.length === 1 ? '' : 's'}`;
  return done < g.tasks.length ? `${head}: ${done} of ${g.tasks.length} done` : `${head}: ${ok} of ${g.tasks.length} succeeded`;
}

/** Tasks in the order the center lists them (running first, newest first), fleet tasks gathered into their group at its first member. */
export function arrange(tasks: ActionSummary[]): Array<{ task: ActionSummary } | { group: TaskGroup }> {
  const sorted = [...tasks].sort((a, b) => (a.state === 'running' ? 0 : 1) - (b.state === 'running' ? 0 : 1) || b.startedAt.localeCompare(a.startedAt));
  const out: Array<{ task: ActionSummary } | { group: TaskGroup }> = [];
  const groups = new Map<string, TaskGroup>();
  for (const t of sorted) {
    if (!t.group) {
      out.push({ task: t });
      continue;
    }
    const g = groups.get(t.group);
    if (g) g.tasks.push(t);
    else {
      const fresh: TaskGroup = { id: t.group, kind: t.kind, tasks: [t] };
      groups.set(t.group, fresh);
      out.push({ group: fresh });
    }
  }
  for (const g of groups.values()) g.tasks.sort((a, b) => a.machine.localeCompare(b.machine));
  return out;
}
