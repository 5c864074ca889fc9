/**
 * The embedded terminal against a real test host (Linux, root and the test host image needed):
 *  - throughput: `head -c 50000000 /dev/zero | base64` drawn in the page (Berth in browser-host mode,
 *    Debian's Chromium), until the shell's closing title escape has been processed by xterm.js,
 *    next to the same command through the system `ssh` client into /dev/null, without and with a
 *    remote PTY (`-tt`: the path a terminal's output takes, which caps every client's throughput);
 *  - the core's own delivery: the same flood to a WebSocket client of the browser host that
 *    acknowledges each message at once (what Berth's core can carry with nothing drawn);
 *  - xterm.js's own write rate in the same page: the same output written straight into a Terminal of
 *    the same size and options (injected beside Berth's), and Berth end-to-end as a ratio of it;
 *  - keystroke echo latency over 200 keystrokes typed at 20 a second, measured at an IPC client of
 *    the same WebSocket the page uses (xterm's drawing adds at most one frame).
 * Every client reaches sshd at the container's own address: Docker's published port goes through
 * docker-proxy, a userland copy that took ~1.8 s of CPU per flood on the two cores the page and the
 * core share (a real remote host costs them nothing).
 * Run: npm run bench:terminal
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import WebSocket from 'ws';
import { CHROMIUM } from '../playwright.config';
import { newGenericConfig } from '../electron/core/drivers/generic/record';
import { MachineService } from '../electron/core/services/machineService';
import { knownHostsPath } from '../electron/core/ssh/hostKeys';
import { connectMachine } from '../electron/core/ssh/machineSsh';
import { probeHostKey } from '../electron/core/ssh/sshSession';
import { startBerthWeb } from '../e2e/support/berthWeb';
import { e2eHosts } from '../e2e/support/testHosts';
import { WS_PROTOCOL, WS_TOKEN_PROTOCOL_PREFIX, type WsServerMessage } from '../shared/ipc';

const run = promisify(execFile);
const BYTES = 50_000_000;
const KEYSTROKES = 200;
/** Typing at 20 keys a second: a human pace, so each echo is timed on its own and not behind the previous frame. */
const KEY_INTERVAL_MS = 50;
const FLOOD = `head -c ${BYTES} /dev/zero | base64`;
/** Runs after the flood: its title marks the last line processed (the echoed command line shows `$((6*7))`, not 42). */
const DONE_TITLE = `printf '\\033]0;%s\\007' "bench-done-$((6*7))"`;

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mbps = (bytes: number, ms: number): string => `${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s`;
const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** The system ssh client into /dev/null; `pty`: on a remote terminal, as the embedded one is (a PTY has a throughput of its own). */
async function systemSsh(keyPath: string, host: string, port: number, command: string, pty = false): Promise<number> {
  const started = Date.now();
  await run('sh', ['-c', `ssh ${pty ? '-tt' : ''} -i '${keyPath}' -p ${port} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR root@${host} '${command}' > /dev/null < /dev/null`]);
  return Date.now() - started;
}

/** An IPC client of the browser host's WebSocket, as the page's own; `onData` sees each terminal message. */
async function ipcClient(origin: string, token: string) {
  const host = origin.replace(/^http:\/\//, '');
  const ws = new WebSocket(`ws://${host}/ws`, [WS_PROTOCOL, `${WS_TOKEN_PROTOCOL_PREFIX}${token}`], { headers: { origin } });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let nextId = 1;
  const answers = new Map<number, (v: unknown) => void>();
  const client = { onData: null as ((data: string) => void) | null, ws, invoke };
  ws.on('message', (raw) => {
    const msg = JSON.parse(String(raw)) as WsServerMessage;
    if ('id' in msg) answers.get(msg.id)?.(msg.envelope);
    else if (msg.event === 'terminal.data') client.onData?.((msg.payload as { data: string }).data);
  });
  function invoke(channel: string, payload: unknown): Promise<{ ok: boolean; value?: { id: string } }> {
    const id = nextId++;
    return new Promise((resolve) => {
      answers.set(id, resolve as (v: unknown) => void);
      ws.send(JSON.stringify({ id, channel, payload }));
    });
  }
  return client;
}

/** The flood through the core to a client that acknowledges every message at once: ms until its closing title escape. */
async function coreDelivery(origin: string, token: string): Promise<number> {
  const client = await ipcClient(origin, token);
  const prompt = new Promise<void>((resolve) => {
    client.onData = (d) => /[#$] $/.test(d) && resolve();
  });
  const opened = await client.invoke('terminal.open', { kind: 'ssh', machine: 'bench', cols: 120, rows: 40 });
  if (!opened.ok) throw new Error(`terminal.open failed: ${JSON.stringify(opened)}`);
  const id = opened.value!.id;
  await prompt;
  let tail = '';
  const done = new Promise<number>((resolve) => {
    client.onData = (d) => {
      void client.invoke('terminal.ack', { id, chars: d.length });
      // The title escape, not the echoed command line: the closing BEL follows the 42.
      if ((tail + d).includes('bench-done-42\u0007')) resolve(performance.now());
      tail = d.slice(-32);
    };
  });
  const started = performance.now();
  void client.invoke('terminal.input', { id, data: `${FLOOD}; ${DONE_TITLE}\r` });
  const ms = (await done) - started;
  await client.invoke('terminal.close', { id });
  client.ws.close();
  return ms;
}

/** Keystroke → echo round trips through the browser-host WebSocket, as the page's own client sees them. */
async function echoLatencies(origin: string, token: string): Promise<number[]> {
  const client = await ipcClient(origin, token);
  const { invoke } = client;
  const waitFor = (predicate: (data: string) => boolean): Promise<number> =>
    new Promise((resolve) => {
      client.onData = (data) => {
        if (predicate(data)) {
          client.onData = null;
          resolve(performance.now());
        }
      };
    });
  const prompt = waitFor((d) => /[#$] $/.test(d));
  const opened = await invoke('terminal.open', { kind: 'ssh', machine: 'bench', cols: 120, rows: 40 });
  if (!opened.ok) throw new Error(`terminal.open failed: ${JSON.stringify(opened)}`);
  const id = opened.value!.id;
  await prompt;
  const latencies: number[] = [];
  for (let i = 0; i < KEYSTROKES; i++) {
    const key = String.fromCharCode(97 + (i % 26));
    const echoed = waitFor((d) => d.includes(key));
    const sent = performance.now();
    void invoke('terminal.input', { id, data: key });
    latencies.push((await echoed) - sent);
    await new Promise((r) => setTimeout(r, KEY_INTERVAL_MS));
    if (i % 40 === 39) {
      const cleared = waitFor(() => true);
      void invoke('terminal.input', { id, data: '\u0015' }); // Ctrl-U: a fresh line now and then
      await Promise.race([cleared, new Promise((r) => setTimeout(r, 200))]);
    }
  }
  await invoke('terminal.close', { id });
  client.ws.close();
  return latencies.sort((a, b) => a - b);
}

/**
 * xterm.js's own write rate in Berth's page: a second Terminal with Berth's options, fitted to the
 * same box as Berth's terminal, fed the same base64 lines (as a pty delivers them, CRLF) in 64 kB
 * writes; the time until the last write's callback.
 */
async function xtermOwnWrite(page: import('@playwright/test').Page, bytes: number): Promise<number> {
  await page.addScriptTag({ path: 'node_modules/@xterm/xterm/lib/xterm.js' });
  await page.addScriptTag({ path: 'node_modules/@xterm/addon-fit/lib/addon-fit.js' });
  return page.evaluate(async (count) => {
    const w = window as unknown as {
      Terminal: new (o: object) => { open(e: Element): void; loadAddon(a: object): void; write(d: string, cb?: () => void): void; dispose(): void };
      FitAddon: { FitAddon: new () => { fit(): void } };
    };
    const box = document.querySelector('.terminal-host')!.getBoundingClientRect();
    const el = document.createElement('div');
    Object.assign(el.style, { position: 'fixed', left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px`, zIndex: '1000', background: '#000' });
    document.body.append(el);
    const term = new w.Terminal({ fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', monospace", fontSize: 13, scrollback: 5000 });
    const fit = new w.FitAddon.FitAddon();
    term.loadAddon(fit);
    term.open(el);
    fit.fit();
    const line = `${'A'.repeat(76)}\r\n`;
    const chunk = line.repeat(Math.floor(65536 / line.length));
    const total = Math.ceil(count / 3) * 4 * (78 / 76);
    const started = performance.now();
    // Flow control as a real client needs it (xterm discards writes beyond 50 MB pending): at most 4 MB queued.
    await new Promise<void>((resolve) => {
      let written = 0;
      let pending = 0;
      const pump = (): void => {
        while (pending < 4_000_000 && written < total) {
          const piece = total - written >= chunk.length ? chunk : chunk.slice(0, total - written);
          written += piece.length;
          pending += piece.length;
          const last = written >= total;
          term.write(piece, () => {
            pending -= piece.length;
            if (last) resolve();
            else pump();
          });
        }
      };
      pump();
    });
    const ms = performance.now() - started;
    term.dispose();
    el.remove();
    return ms;
  }, bytes);
}

async function main(): Promise<void> {
  const hosts = await e2eHosts();
  if ('unavailable' in hosts) throw new Error(`bench/terminal needs real test hosts: ${hosts.unavailable}`);
  const dir = await mkdtemp(join(tmpdir(), 'berth-bench-term-'));
  try {
    const host = await hosts.start({ flavour: 'sshd' });
    const address = (await run('docker', ['inspect', '-f', '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', host.containerId])).stdout.trim();
    const store = join(dir, 'store');
    const machines = new MachineService(store, {});
    await mkdir(machines.store.machineDir('bench'), { recursive: true });
    const config = newGenericConfig({
      name: 'bench', storePath: store, ip: address, sshUser: 'root', sshPort: 22, sshKeyPath: host.keyPath,
      originalKey: host.keyPath, enginePort: host.dockerPort, engine: {}, extraSans: [],
    });
    const record = { name: 'bench', dir: machines.store.machineDir('bench'), storePath: store, config };
    await machines.store.save(record);
    const probe = await probeHostKey(address, 22, knownHostsPath(store));
    (await connectMachine(record, { acceptHostKey: probe.fingerprint })).close(); // pin the key

    const web = await startBerthWeb(store);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
    try {
      // CSP bypassed only so the bench can inject xterm.js beside Berth's own for the reference.
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true })).newPage();
      await page.goto(web.url);
      // tsx keeps function names with a helper the page does not have.
      await page.evaluate('window.__name = (f) => f');
      await page.getByRole('button', { name: 'SSH into bench' }).click();
      await page.getByRole('tab', { name: /root@/ }).waitFor();
      await page.locator('.terminal-host').click();
      // The title escape runs only after the flood: its tab title marks the last line processed.
      await page.keyboard.type(`${FLOOD}; ${DONE_TITLE}`);
      // Watched in the page (a mutation observer), not polled from here: the instrument keeps off the cores it measures.
      const done = page.evaluate(
        () =>
          new Promise<void>((resolve) => {
            const seen = (): boolean => [...document.querySelectorAll('[role=tab]')].some((t) => t.textContent === 'bench-done-42');
            new MutationObserver((_, observer) => {
              if (!seen()) return;
              observer.disconnect();
              resolve();
            }).observe(document.body, { subtree: true, childList: true, characterData: true });
          }),
      );
      const started = Date.now();
      await page.keyboard.press('Enter');
      await done;
      const embeddedMs = Date.now() - started;
      const sshMs = await systemSsh(host.keyPath, address, 22, FLOOD);
      const base64Bytes = Math.ceil(BYTES / 3) * 4 + Math.ceil((Math.ceil(BYTES / 3) * 4) / 76);
      console.log(`terminal throughput, ${FLOOD} (${(base64Bytes / 1e6).toFixed(1)} MB of output):`);
      console.log(`  embedded terminal (drawn in Chromium): ${seconds(embeddedMs)}, ${mbps(base64Bytes, embeddedMs)}`);
      console.log(`  system ssh into /dev/null:             ${seconds(sshMs)}, ${mbps(base64Bytes, sshMs)}`);
      const ptyMs = await systemSsh(host.keyPath, address, 22, FLOOD, true);
      console.log(`  system ssh -tt (remote PTY) /dev/null: ${seconds(ptyMs)}, ${mbps(base64Bytes, ptyMs)}`);
      const coreMs = await coreDelivery(web.origin, web.token);
      console.log(`  core to a client acking at once:       ${seconds(coreMs)}, ${mbps(base64Bytes, coreMs)} (${(ptyMs / coreMs).toFixed(2)}× ssh -tt)`);
      const xtermMs = await xtermOwnWrite(page, BYTES);
      console.log(`  xterm.js alone in the same page:       ${seconds(xtermMs)}, ${mbps(base64Bytes, xtermMs)}`);
      console.log(`  Berth end-to-end / xterm.js alone:     ${(xtermMs / embeddedMs).toFixed(2)} (goal ≥ 0.8)`);
      // The reference that shares Berth's path: output through a remote PTY, which caps any client.
      console.log(`  Berth end-to-end / system ssh -tt:     ${(ptyMs / embeddedMs).toFixed(2)}`);

      const latencies = await echoLatencies(web.origin, web.token);
      console.log(`keystroke echo over SSH, ${KEYSTROKES} keystrokes (IPC client → core → sshd → back):`);
      console.log(`  p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`);
    } finally {
      await browser.close();
      await web.stop();
    }
  } finally {
    await hosts.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
