import { join, normalize, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, net, protocol, session, shell, type WebContents } from 'electron';
import { type CoreClient, createCore } from './core/core';
import { APP_ORIGIN, APP_SCHEME, isTrustedSender } from './core/ipc/senderCheck';
import { defaultStorePath } from './core/store/storePaths';
import { electronPlatform } from './platform/electronPlatform';
import { withSecurityHeaders } from './web/security';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = join(here, '../renderer');
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

/** Serves the built renderer from app://berth/, never anything outside it. */
function serveRenderer(): void {
  protocol.handle(APP_SCHEME, (request) => {
    const { pathname } = new URL(request.url);
    const file = normalize(join(rendererDir, decodeURIComponent(pathname === '/' ? '/index.html' : pathname)));
    if (!file.startsWith(rendererDir + sep)) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString()).then(withSecurityHeaders);
  });
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 760,
    title: 'Berth',
    show: false,
    webPreferences: {
      preload: join(here, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  // No navigation away from the app and no new windows; links open in the user's browser.
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return win;
}

void app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  serveRenderer();

  const core = createCore({ storePath: defaultStorePath(), platform: electronPlatform });
  // One core connection per loaded page: a reload or a closed window ends that page's terminals.
  const clients = new Map<number, CoreClient>();
  const clientOf = (wc: WebContents): CoreClient => {
    let client = clients.get(wc.id);
    if (!client) {
      client = core.connect((name, payload) => {
        if (!wc.isDestroyed()) wc.send('berth:event', name, payload);
      });
      clients.set(wc.id, client);
      const onNavigation = (details: { isMainFrame: boolean; isSameDocument: boolean }): void => {
        if (details.isMainFrame && !details.isSameDocument) drop();
      };
      const drop = (): void => {
        wc.off('did-start-navigation', onNavigation);
        clients.get(wc.id)?.close();
        clients.delete(wc.id);
      };
      wc.once('destroyed', drop);
      wc.on('did-start-navigation', onNavigation);
    }
    return client;
  };
  ipcMain.handle('berth:invoke', (event, channel: unknown, payload: unknown) => {
    const frame = event.senderFrame;
    if (!isTrustedSender(frame?.url, frame !== null && frame === event.sender.mainFrame, devServerUrl)) {
      core.log.write('warn', `refused an IPC request on "${String(channel)}" from ${frame?.url ?? 'a destroyed frame'}`);
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'Refused: the sender is not the Berth window' } };
    }
    return clientOf(event.sender).dispatch(String(channel), payload);
  });

  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('will-quit', () => core.close());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
