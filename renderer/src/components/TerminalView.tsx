import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { copyText, readText } from '../clipboard';
import { useSettings } from '../state/settingsStore';
import { type TerminalTab, useTerminals } from '../state/terminalsStore';
import { useToasts } from '../state/toastStore';
import { attachTerminal } from '../terminal/terminalBus';
import { type SessionCore, TerminalSession } from '../terminal/terminalSession';
import { nextFontSize, type TerminalShortcut, terminalShortcut } from '../terminal/terminalKeys';
import { hasHardwareWebgl } from '../terminal/webglSupport';
import { type HostKeyDecision, HostKeyCheck } from './HostKeyCheck';

interface Props {
  tab: TerminalTab;
  visible: boolean;
  /** On a machine page (inside its Terminal tab's panel): a region, not one of the app's tab panels. */
  embedded?: boolean;
}

const RESIZE_DEBOUNCE_MS = 60;
const MENU = ['Copy', 'Paste', 'Select all', 'Clear', 'Find…'] as const;
type MenuItem = (typeof MENU)[number];
const DEFAULT_FONT = "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', monospace";
const THEME = { background: '#0f1217', foreground: '#e6e9ef', cursor: '#4c8dff', selectionBackground: '#264f78' };

/** One terminal tab: xterm.js in front, an SSH shell or a local pty behind, reconnectable. */
/** Typed or pasted input, in frame-sized pieces sent in order (one transport keeps their order). */
/** The core as a terminal session uses it (IPC calls whose failures the session's own events report). */
const SESSION_CORE: SessionCore = {
  open: (req) => api.invoke('terminal.open', req),
  input: (id, data) => void api.invoke('terminal.input', { id, data }).catch(() => undefined),
  resize: (id, cols, rows) => void api.invoke('terminal.resize', { id, cols, rows }).catch(() => undefined),
  ack: (id, chars) => void api.invoke('terminal.ack', { id, chars }).catch(() => undefined),
  close: (id) => void api.invoke('terminal.close', { id }).catch(() => undefined),
  attach: attachTerminal,
};

export function TerminalView({ tab, visible, embedded = false }: Props) {
  const update = useTerminals((s) => s.update);
  const show = useToasts((s) => s.show);
  const hostRef = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | null>(null);
  const fitRef = useRef<FitAddon | null>(null);
  const searchRef = useRef<SearchAddon | null>(null);
  // The connection to the shell (open, typed-early input, acks, close), apart from the drawing.
  const sessionRef = useRef<TerminalSession | null>(null);
  // Whether the tab is in front when its shell answers (it takes focus then); read, not a reason to reconnect.
  const visibleRef = useRef(visible);
  useEffect(() => {
    visibleRef.current = visible;
  }, [visible]);
  const [attempt, setAttempt] = useState(0);
  const [accept, setAccept] = useState<string | undefined>(undefined);
  const [hostKey, setHostKey] = useState<HostKeyDecision>({ ready: false });
  const [message, setMessage] = useState('');
  const [searchOpen, setSearchOpen] = useState(false);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  // Settings: font, copy-on-select, and whether Ctrl/Cmd+F is Find's or the shell's.
  const copyOnSelect = useSettings((s) => s.ui.copyOnSelect);
  const fontFamily = useSettings((s) => s.ui.terminalFontFamily) || DEFAULT_FONT;
  const fontSize = useSettings((s) => s.ui.terminalFontSize);
  const searchInput = useRef<HTMLInputElement>(null);
  // The key handler is attached once; it calls what this render's shortcuts do.
  const shortcutRef = useRef<(s: TerminalShortcut) => void>(() => undefined);
  const label = `${tab.kind === 'ssh' ? 'SSH terminal' : 'Local shell'} of ${tab.machine}`;

  const openSearch = useCallback(() => {
    setSearchOpen(true);
    setTimeout(() => searchInput.current?.focus(), 0);
  }, []);

  const fit = useCallback(() => {
    const el = hostRef.current;
    if (!el || el.clientWidth === 0 || el.clientHeight === 0) return;
    fitRef.current?.fit();
  }, []);

  // The xterm instance lives as long as the tab; reconnects reuse it.
  useEffect(() => {
    const term = new Terminal({
      allowProposedApi: true,
      cursorBlink: true,
      fontFamily: useSettings.getState().ui.terminalFontFamily || DEFAULT_FONT,
      fontSize: useSettings.getState().ui.terminalFontSize,
      scrollback: 5000,
      theme: THEME,
    });
    const fitAddon = new FitAddon();
    const search = new SearchAddon();
    term.loadAddon(fitAddon);
    term.loadAddon(search);
    term.loadAddon(new Unicode11Addon());
    term.unicode.activeVersion = '11';
    // Links open in the user's browser (Electron routes window.open there), never in the app.
    term.loadAddon(new WebLinksAddon((_e, uri) => window.open(uri, '_blank', 'noopener,noreferrer')));
    term.open(hostRef.current!);
    if (hasHardwareWebgl()) {
      try {
        const webgl = new WebglAddon();
        webgl.onContextLoss(() => webgl.dispose()); // back to the DOM renderer
        term.loadAddon(webgl);
      } catch {
        // WebGL refused after all: xterm's DOM renderer draws instead.
      }
    }
    term.attachCustomKeyEventHandler((e) => {
      const shortcut = terminalShortcut(e, useSettings.getState().ui.findKey === 'find');
      if (!shortcut) return true;
      // The browser's own meaning (find in page, new window, zoom) is not wanted here.
      e.preventDefault();
      if (e.type === 'keydown') shortcutRef.current(shortcut);
      return false;
    });
    term.onData((data) => sessionRef.current?.input(data));
    term.onResize(({ cols, rows }) => sessionRef.current?.resize(cols, rows));
    // Shells and programs name their window with OSC 0/2; the tab shows it, as terminals do.
    term.onTitleChange((title) => {
      if (title.trim()) update(tab.key, { title: title.trim().slice(0, 80) });
    });
    term.onSelectionChange(() => {
      if (useSettings.getState().ui.copyOnSelect && term.hasSelection()) void copyText(term.getSelection()).catch(() => undefined);
    });
    termRef.current = term;
    fitRef.current = fitAddon;
    searchRef.current = search;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(fit, RESIZE_DEBOUNCE_MS);
    });
    observer.observe(hostRef.current!);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
      term.dispose();
      termRef.current = null;
    };
    // The tab's key never changes for this view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fit, openSearch, update]);

  // A font changed in Settings: every open terminal takes it and fits again.
  useEffect(() => {
    const term = termRef.current;
    if (!term || (term.options.fontFamily === fontFamily && term.options.fontSize === fontSize)) return;
    term.options.fontFamily = fontFamily;
    term.options.fontSize = fontSize;
    fit();
  }, [fontFamily, fontSize, fit]);

  // Connects (and reconnects) the terminal to its shell.
  useEffect(() => {
    const term = termRef.current!;
    fit();
    const session = new TerminalSession({ kind: tab.kind, machine: tab.machine }, {
      write: (data, drawn) => term.write(data, drawn),
      status: (status, { title, message }) => {
        update(tab.key, { status, ...(title ? { title } : {}) });
        if (status === 'open' && visibleRef.current) term.focus();
        if (message !== undefined) setMessage(message);
        if (status === 'ended' || status === 'disconnected') term.write(`\r\n\x1b[2m[${message ?? ''}]\x1b[0m\r\n`);
      },
    }, SESSION_CORE);
    sessionRef.current = session;
    session.open({ cols: term.cols, rows: term.rows }, accept);
    return () => session.close();
  }, [attempt, accept, tab.key, tab.kind, tab.machine, update, fit]);

  // The menu closes on any click elsewhere or Escape, as native menus do.
  useEffect(() => {
    if (!menu) return;
    const close = (e: Event): void => {
      if (e instanceof KeyboardEvent && e.key !== 'Escape') return;
      if (e.target instanceof Node && e.type === 'mousedown' && (e.target as Element).closest?.('.context-menu')) return;
      setMenu(null);
    };
    window.addEventListener('mousedown', close);
    window.addEventListener('keydown', close);
    return () => {
      window.removeEventListener('mousedown', close);
      window.removeEventListener('keydown', close);
    };
  }, [menu]);

  useEffect(() => {
    if (!visible) return;
    fit();
    termRef.current?.focus();
  }, [visible, fit]);

  const reconnect = (): void => {
    termRef.current?.write('\r\n');
    setAttempt((n) => n + 1);
  };
  const probe = useCallback(() => api.invoke('machine.probeHostKey', { name: tab.machine }), [tab.machine]);
  const onDecision = useCallback((d: HostKeyDecision) => setHostKey(d), []);

  const copySelection = async (): Promise<void> => {
    const text = termRef.current?.getSelection() ?? '';
    if (!text) return;
    await copyText(text).then(
      () => show('info', 'Copied the selection'),
      (err: unknown) => show('error', `Could not copy: ${(err as Error).message}`),
    );
  };
  const paste = async (): Promise<void> => {
    try {
      // term.paste wraps the text in bracketed-paste markers when the shell asked for them.
      termRef.current?.paste(await readText());
    } catch (err) {
      show('error', `Could not read the clipboard: ${(err as Error).message}`);
    }
    termRef.current?.focus();
  };
  const onShortcut = (shortcut: TerminalShortcut): void => {
    const terminals = useTerminals.getState();
    const { ui, change } = useSettings.getState();
    if (shortcut === 'find') openSearch();
    else if (shortcut === 'copy') void copySelection();
    else if (shortcut === 'paste') void paste();
    else if (shortcut === 'new-tab') terminals.open(tab.kind, tab.machine);
    else if (shortcut === 'close-tab') terminals.close(tab.key);
    else if (shortcut === 'next-tab' || shortcut === 'previous-tab') terminals.cycle(shortcut === 'next-tab' ? 1 : -1);
    else void change({ terminalFontSize: nextFontSize(ui.terminalFontSize, shortcut) }).catch(() => undefined);
  };
  useEffect(() => {
    shortcutRef.current = onShortcut;
  });
  const onMenu = (item: MenuItem): void => {
    setMenu(null);
    const term = termRef.current;
    if (item === 'Copy') void copySelection();
    else if (item === 'Paste') void paste();
    else if (item === 'Select all') term?.selectAll();
    else if (item === 'Clear') term?.clear();
    else openSearch();
  };

  return (
    <section className="terminal-view" hidden={!visible} aria-label={label} role={embedded ? 'region' : 'tabpanel'}>
      <div className="terminal-toolbar">
        <button type="button" onClick={openSearch}>
          Find
        </button>
        <button type="button" onClick={() => void copySelection()}>
          Copy
        </button>
        <button type="button" onClick={() => void paste()}>
          Paste
        </button>
        <button type="button" onClick={() => termRef.current?.clear()}>
          Clear
        </button>
        <label>
          <input
            type="checkbox"
            checked={copyOnSelect}
            onChange={(e) => void useSettings.getState().change({ copyOnSelect: e.target.checked }).catch(() => undefined)}
          />{' '}
          Copy on select
        </label>
        {searchOpen && (
          <div className="terminal-search" role="search">
            <input
              ref={searchInput}
              type="search"
              aria-label="Find in terminal"
              placeholder="Find (Enter: next, Shift+Enter: previous)"
              onChange={(e) => searchRef.current?.findNext(e.target.value, { incremental: true })}
              onKeyDown={(e) => {
                const value = e.currentTarget.value;
                if (e.key === 'Enter') {
                  if (e.shiftKey) searchRef.current?.findPrevious(value);
                  else searchRef.current?.findNext(value);
                } else if (e.key === 'Escape') {
                  setSearchOpen(false);
                  searchRef.current?.clearDecorations();
                  termRef.current?.focus();
                }
              }}
            />
            <button type="button" aria-label="Close find" onClick={() => setSearchOpen(false)}>
              ×
            </button>
          </div>
        )}
      </div>
      <div className="terminal-body">
        <div
          className="terminal-host"
          ref={hostRef}
          onContextMenu={(e) => {
            e.preventDefault();
            setMenu({ x: e.clientX, y: e.clientY });
          }}
        />
        {tab.status === 'connecting' && <div className="terminal-overlay muted">Connecting to {tab.machine}…</div>}
        {(tab.status === 'disconnected' || tab.status === 'ended' || tab.status === 'failed') && (
          <div className="terminal-overlay" role={tab.status === 'failed' ? 'alert' : 'status'}>
            <span>
              {tab.status === 'disconnected' ? 'Disconnected' : tab.status === 'ended' ? 'Session ended' : 'Could not connect'}: {message}
            </span>
            <button type="button" className="primary" onClick={reconnect}>
              Reconnect
            </button>
          </div>
        )}
        {tab.status === 'hostkey' && (
          <div className="terminal-overlay terminal-hostkey">
            <p className="error-text">{message}</p>
            <HostKeyCheck target={tab.machine} probe={probe} onDecision={onDecision} />
            <button
              type="button"
              className="primary"
              disabled={!hostKey.ready}
              onClick={() => {
                if (hostKey.accept === accept) setAttempt((n) => n + 1);
                else setAccept(hostKey.accept);
              }}
            >
              Connect
            </button>
          </div>
        )}
        {menu && (
          <div className="context-menu" role="menu" aria-label="Terminal menu" style={{ left: menu.x, top: menu.y }}>
            {MENU.map((item) => (
              <button key={item} type="button" role="menuitem" onClick={() => onMenu(item)}>
                {item}
              </button>
            ))}
          </div>
        )}
      </div>
    </section>
  );
}
