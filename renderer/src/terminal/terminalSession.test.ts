import { describe, expect, it } from 'vitest';
import type { Events } from '../../../shared/ipc';
import type { TerminalSink } from './terminalBus';
import { type SessionCore, type SessionStatus, TerminalSession } from './terminalSession';

/** A core that records what the session asks and answers opens when the test says. */
function fakeCore() {
  const calls: string[] = [];
  const opens: Array<{ resolve(v: { id: string; title: string }): void; reject(e: Error): void }> = [];
  const sinks = new Map<string, TerminalSink>();
  const core: SessionCore = {
    open: (req) => {
      calls.push(`open ${req.machine} ${req.cols}x${req.rows}${req.acceptHostKey ? ` ${req.acceptHostKey}` : ''}`);
      return new Promise((resolve, reject) => opens.push({ resolve, reject }));
    },
    input: (id, data) => calls.push(`input ${id} ${JSON.stringify(data)}`),
    resize: (id, c, r) => calls.push(`resize ${id} ${c}x${r}`),
    ack: (id, n) => calls.push(`ack ${id} ${n}`),
    close: (id) => calls.push(`close ${id}`),
    attach: (id, sink) => (sinks.set(id, sink), () => sinks.delete(id)),
  };
  return { core, calls, opens, sinks };
}

function fakeView() {
  const shown: string[] = [];
  const statuses: Array<[SessionStatus, string | undefined]> = [];
  const pending: Array<() => void> = [];
  return {
    shown,
    statuses,
    drawAll: () => pending.splice(0).forEach((f) => f()),
    view: { write: (data: string, drawn: () => void) => (shown.push(data), pending.push(drawn)), status: (s: SessionStatus, d: { title?: string; message?: string }) => statuses.push([s, d.title ?? d.message]) },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const exit = (id: string, reason: Events['terminal.exit']['reason'], message = ''): Events['terminal.exit'] => ({ id, reason, code: reason === 'exited' ? 0 : null, message });

describe('TerminalSession (a terminal tab without its drawing)', () => {
  it('keeps what is typed while connecting and sends it once the shell is there; output is acked once drawn', async () => {
    const { core, calls, opens, sinks } = fakeCore();
    const v = fakeView();
    const s = new TerminalSession({ kind: 'ssh', machine: 'web' }, v.view, core);
    s.open({ cols: 80, rows: 24 });
    s.input('ls\r');
    s.resize(100, 30); // not open yet: nothing to tell
    opens[0]!.resolve({ id: 't1', title: 'web' });
    await tick();
    expect(calls).toEqual(['open web 80x24', 'input t1 "ls\\r"']);
    sinks.get('t1')!.data('hello');
    expect(v.shown).toEqual(['hello']);
    expect(calls).not.toContain('ack t1 5');
    v.drawAll();
    expect(calls).toContain('ack t1 5');
    s.input('x');
    s.resize(120, 40);
    expect(calls.slice(-2)).toEqual(['input t1 "x"', 'resize t1 120x40']);
    expect(v.statuses).toEqual([
      ['connecting', undefined],
      ['open', 'web'],
    ]);
  });

  it('an open that answers after the tab closed is closed at once', async () => {
    const { core, calls, opens } = fakeCore();
    const s = new TerminalSession({ kind: 'local', machine: 'web' }, fakeView().view, core);
    s.open({ cols: 80, rows: 24 });
    s.close();
    opens[0]!.resolve({ id: 'late', title: 'x' });
    await tick();
    expect(calls).toEqual(['open web 80x24', 'close late']);
    expect(s.connected).toBe(false);
  });

  it('says how it ended: exited, disconnected (then reconnects with a new open), a host key to trust, a failure', async () => {
    const { core, calls, opens, sinks } = fakeCore();
    const v = fakeView();
    const s = new TerminalSession({ kind: 'ssh', machine: 'web' }, v.view, core);
    s.open({ cols: 80, rows: 24 });
    opens[0]!.resolve({ id: 't1', title: 'web' });
    await tick();
    sinks.get('t1')!.exit(exit('t1', 'disconnected', 'Connection lost'));
    expect(v.statuses.at(-1)).toEqual(['disconnected', 'Connection lost']);
    expect(sinks.has('t1')).toBe(false);
    s.open({ cols: 80, rows: 24 }, 'SHA256:abc');
    expect(calls.at(-1)).toBe('open web 80x24 SHA256:abc');
    opens[1]!.reject(Object.assign(new Error('The host key of web is not known yet'), { code: 'HOST_KEY_UNTRUSTED' }));
    await tick();
    expect(v.statuses.at(-1)).toEqual(['hostkey', 'The host key of web is not known yet']);
    s.open({ cols: 80, rows: 24 });
    opens[2]!.reject(new Error('connect ECONNREFUSED'));
    await tick();
    expect(v.statuses.at(-1)).toEqual(['failed', 'connect ECONNREFUSED']);
    s.open({ cols: 80, rows: 24 });
    opens[3]!.resolve({ id: 't2', title: 'web' });
    await tick();
    sinks.get('t2')!.exit(exit('t2', 'exited', 'The shell exited (0)'));
    expect(v.statuses.at(-1)).toEqual(['ended', 'The shell exited (0)']);
    // A close the tab asked for says nothing.
    s.open({ cols: 80, rows: 24 });
    opens[4]!.resolve({ id: 't3', title: 'web' });
    await tick();
    const before = v.statuses.length;
    sinks.get('t3')!.exit(exit('t3', 'closed'));
    expect(v.statuses.length).toBe(before);
  });
});
