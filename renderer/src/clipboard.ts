import { api } from './api/client';

/** Copies through the platform (Electron's clipboard); where it cannot reach the user's, the page copies. */
export async function copyText(text: string): Promise<void> {
  const { copied } = await api.invoke('clipboard.writeText', { text });
  if (!copied) await navigator.clipboard.writeText(text);
}
