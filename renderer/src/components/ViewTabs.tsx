import { useTerminals } from '../state/terminalsStore';

/**
 * The machine list and every open terminal, as tabs; a terminal keeps running while another tab is
 * in front. The tablist holds only tabs (as ARIA asks); each tab's close button sits beside it
 * through CSS order, outside the tablist.
 */
export function ViewTabs() {
  const tabs = useTerminals((s) => s.tabs);
  const view = useTerminals((s) => s.view);
  const show = useTerminals((s) => s.show);
  const close = useTerminals((s) => s.close);
  if (tabs.length === 0) return null;
  return (
    <nav className="view-tabs" aria-label="Views">
      <div role="tablist" aria-label="Open views">
        <button type="button" role="tab" aria-selected={view === 'machines'} onClick={() => show('machines')} style={{ order: 0 }}>
          Machines
        </button>
        {tabs.map((t, i) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            className={`view-tab view-tab-${t.status}`}
            aria-selected={view === t.key}
            onClick={() => show(t.key)}
            title={`${t.title} (${t.status})`}
            style={{ order: 2 * i + 1 }}
          >
            {t.title}
          </button>
        ))}
      </div>
      {tabs.map((t, i) => (
        <button key={t.key} type="button" className="view-tab-close" aria-label={`Close ${t.title}`} onClick={() => close(t.key)} style={{ order: 2 * i + 2 }}>
          ×
        </button>
      ))}
    </nav>
  );
}
