import { readFile, rm } from 'node:fs/promises';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startBerthWeb } from '../../e2e/support/berthWeb';
export { cloneMachine } from '../../e2e/support/storeClones';
import { CHROMIUM } from '../../playwright.config';

/** A Docker `/version` endpoint over mutual TLS with the store's certificates, slow by a random 5–80 ms. */
export async function dockerEndpoint(store: string): Promise<{ port: number; close(): Promise<void> }> {
  const dir = join(store, 'machines', 'gen1');
  const [key, cert, ca] = await Promise.all([readFile(join(dir, 'server-key.pem')), readFile(join(dir, 'server.pem')), readFile(join(store, 'certs', 'ca.pem'))]);
  const server = createHttps({ key, cert, ca, requestCert: true, rejectUnauthorized: true }, (req, res) => {
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ Version: '27.3.1', ApiVersion: '1.47', MinAPIVersion: '1.24', Os: 'linux', Arch: 'amd64' }));
    }, 5 + Math.random() * 75);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((ok) => server.close(() => ok())) };
}

/** ms until `predicate` holds in the page, checked every animation frame. */
export async function until(page: Page, started: number, predicate: () => boolean): Promise<number> {
  await page.waitForFunction(predicate, null, { polling: 'raf', timeout: 120_000 });
  return Date.now() - started;
}

/** Takes the fixture store's own machines out, so only the bench's are listed. */
export async function dropFixtureMachines(store: string): Promise<void> {
  for (const fixture of ['deb1', 'gen1', 'gen2']) await rm(join(store, 'machines', fixture), { recursive: true, force: true });
}

/** The app in browser-host mode on a store, and a Chromium page (1400×900) to open it in. */
export async function listPage(store: string): Promise<{ url: string; page: Page; close(): Promise<void> }> {
  const web = await startBerthWeb(store);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  return {
    url: web.url,
    page,
    close: async () => {
      await browser.close();
      await web.stop();
    },
  };
}
