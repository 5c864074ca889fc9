import { join, normalize, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, net, protocol, session, shell, type WebContents } from 'electron';
import { type CoreClient, createCore } from './core/core';
import { APP_ORIGIN, APP_SCHEME, isTrustedSender } from './core/ipc/senderCheck';
import { defaultStorePath } from './core/store/storePaths';
import type { Platform } from './core/platform/platform';
import { electronPlatform } from './platform/electronPlatform';
import { createDesktopShell, type DesktopShell } from './platform/electronShell';
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

// One Berth per user: a second launch hands its arguments to the first (which focuses its window) and quits.
const firstInstance = app.requestSingleInstanceLock();
if (!firstInstance) app.quit();

let desktop: DesktopShell | null = null;
/** The packaged app's icons are resources; a checkout's are generated into build/icons (scripts/icons.mjs). */
const iconDir = app.isPackaged ? join(process.resourcesPath, 'icons') : join(here, '../../build/icons');

function createWindow(): BrowserWindow {
  const placement = desktop?.windowOptions() ?? { width: 1280, height: 800, minWidth: 1024, minHeight: 640 };
  const win = new BrowserWindow({
    ...placement,
    title: 'Berth',
    icon: join(iconDir, 'png', '512x512.png'),
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
  desktop?.adopt(win, false);
  return win;
}

if (firstInstance) void app.whenReady().then(() => {
  // Only notifications (a task that ended while the window was hidden: the page's own rule and
  // setting decide, as in browser-host mode); nothing else a page might ask for.
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(permission === 'notifications'));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => permission === 'notifications');
  serveRenderer();

  // The core tells the desktop how actions end and which machine is in view; the shell exists once the core does.
  const platform: Platform = {
    ...electronPlatform,
    actionsRunning: (n) => desktop?.actionsRunning(n),
    viewing: (name) => desktop?.viewing(name),
  };
  const core = createCore({ storePath: defaultStorePath(), platform });
  desktop = createDesktopShell({ core, createWindow, dev: !app.isPackaged, iconDir, docsFile: join(app.getAppPath(), 'README.md') });
  app.on('second-instance', (_event, argv) => desktop?.secondLaunch(argv));
  // For the Electron launch test, which can read the main process's globals but not a tray menu.
  (globalThis as { berthDesktop?: DesktopShell }).berthDesktop = desktop;
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
  desktop.openFromArgs(process.argv);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('will-quit', () => core.close());
});

// With "keep running in the tray" the window hides instead of closing, so this means: quit (macOS keeps its convention).
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
