import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Bridge } from '../shared/ipc';

// The page gets exactly two functions; no ipcRenderer, no Node.
const bridge: Bridge = {
  invoke: (channel, payload) => ipcRenderer.invoke('berth:invoke', channel, payload),
  on: (event, listener) => {
    const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown): void => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on('berth:event', wrapped);
    return () => ipcRenderer.removeListener('berth:event', wrapped);
  },
};

contextBridge.exposeInMainWorld('bridge', bridge);
