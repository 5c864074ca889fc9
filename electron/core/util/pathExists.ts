import { stat } from 'node:fs/promises';

/** Whether anything is at `path` (a file, a folder…). */
export const pathExists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);
