import { ListChecks, Server, Settings, SquareTerminal } from 'lucide-react';
import { useTerminals } from '../state/terminalsStore';

/** A count badge; the button's name says it in words ("Tasks, 2 running"). */
function Count({ n }: { n: number }) {
  // The space keeps "Terminals 2" the visible words that the name "Terminals, 2 open" contains.
  return n === 0 ? null : (
    <>
      {' '}
      <span className="count">{n}</span>
    </>
  );
}

/**
 * The app's sections, always in view: Machines, Terminals (how many are open; goes to the last one),
 * Tasks (how many run) and Settings. The section in front is marked as the current page.
 */
export function Sidebar({ running }: { running: number }) {
  const view = useTerminals((s) => s.view);
  const tabs = useTerminals((s) => s.tabs);
  const show = useTerminals((s) => s.show);
  const inTerminal = typeof view === 'number';
  const item = (current: boolean) => ({ type: 'button' as const, 'aria-current': current ? ('page' as const) : undefined });
  return (
    <nav className="sidebar" aria-label="Sections">
      <button {...item(view === 'machines')} onClick={() => show('machines')}>
        <Server aria-hidden size={16} /> <span className="label">Machines</span>
      </button>
      <button
        {...item(inTerminal)}
        disabled={tabs.length === 0}
        title={tabs.length === 0 ? 'No terminal is open: SSH or Shell on a machine opens one' : undefined}
        aria-label={tabs.length > 0 ? `Terminals, ${tabs.length} open` : undefined}
        onClick={() => show(inTerminal ? view : tabs[tabs.length - 1]!.key)}
      >
        <SquareTerminal aria-hidden size={16} /> <span className="label">Terminals</span>
        <Count n={tabs.length} />
      </button>
      <button {...item(view === 'tasks')} aria-label={running > 0 ? `Tasks, ${running} running` : undefined} onClick={() => show('tasks')}>
        <ListChecks aria-hidden size={16} /> <span className="label">Tasks</span>
        <Count n={running} />
      </button>
      <button {...item(view === 'settings')} onClick={() => show('settings')}>
        <Settings aria-hidden size={16} /> <span className="label">Settings</span>
      </button>
    </nav>
  );
}
