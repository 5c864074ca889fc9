import { useEffect, useRef, useState } from 'react';

/**
 * A value a view fetches once for `key` (a dialog's data, a machine's console): answers that come
 * after the key changed or the view went are dropped, so a slow answer never lands on the wrong
 * machine. `key` null: nothing to fetch (yet).
 */
export function useOneShot<T>(key: string | null, fetch: () => Promise<T>): { value: T | null; error: string | null } {
  const [state, setState] = useState<{ key: string | null; value: T | null; error: string | null }>({ key: null, value: null, error: null });
  const latest = useRef(fetch);
  useEffect(() => {
    latest.current = fetch;
  });
  useEffect(() => {
    if (key === null) return;
    let current = true;
    latest.current().then(
      (value) => current && setState({ key, value, error: null }),
      (err: unknown) => current && setState({ key, value: null, error: (err as Error).message }),
    );
    return () => {
      current = false;
    };
  }, [key]);
  return state.key === key ? { value: state.value, error: state.error } : { value: null, error: null };
}
