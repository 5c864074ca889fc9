import { clipboard } from 'electron';
import type { Platform } from '../core/platform/platform';

export const electronPlatform: Platform = {
  kind: 'electron',
  async writeClipboardText(text) {
    clipboard.writeText(text);
    return true;
  },
  async readClipboardText() {
    return clipboard.readText();
  },
};
