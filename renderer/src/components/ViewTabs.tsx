import { useTerminals } from '../state/terminalsStore';

/** The machine list and every open terminal, as tabs; a terminal keeps running while another tab is in front. */
export function ViewTabs() {
  const tabs = useTerminals((s) => s.tabs);
  const view = useTerminals((s) => s.view);
  const show = useTerminals((s) => s.show);
  const close = useTerminals((s) => s.close);
  if (tabs.length === 0) return null;
  return (
    <nav className="view-tabs" aria-label="Views">
      <div role="tablist" aria-label="Open views">
        <button type="button" role="tab" aria-selected={view === 'machines'} onClick={() => show('machines')}>
          Machines
        </button>
        {tabs.map((t) => (
          <span key={t.key} className={`view-tab view-tab-${t.status}`}>
            <button type="button" role="tab" aria-selected={view === t.key} onClick={() => show(t.key)} title={`${t.title} (${t.status})`}>
              {t.title}
            </button>
            <button type="button" className="view-tab-close" aria-label={`Close ${t.title}`} onClick={() => close(t.key)}>
              ×
            </button>
          </span>
        ))}
      </div>
    </nav>
  );
}
