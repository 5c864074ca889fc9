import { api } from './api/client';

/** Copies through the platform (Electron's clipboard); where it cannot reach the user's, the page copies. */
export async function copyText(text: string): Promise<void> {
  const { copied } = await api.invoke('clipboard.writeText', { text });
  if (!copied) await navigator.clipboard.writeText(text);
}

/** Reads through the platform; where it cannot, the page asks the browser. */
export async function readText(): Promise<string> {
  const { text } = await api.invoke('clipboard.readText', {});
  return text ?? (await navigator.clipboard.readText());
}
