import { BerthError } from '../errors';

/**
 * A promise that settles once: by `run`'s resolve/reject, or rejected with `timeoutError()` after
 * `deadlineMs`, calling the cleanup `run` returned. Nothing may wait forever on a peer that went
 * silent without closing (a connection cut after the banner fires no event at all).
 */
export function settleOnce<T>(
  deadlineMs: number,
  run: (resolve: (v: T) => void, reject: (e: Error) => void) => () => void,
  timeoutError: () => Error = () => new BerthError('UNREACHABLE', `no answer within ${deadlineMs / 1000} s`),
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let cleanup = (): void => undefined;
    const timer = setTimeout(() => {
      cleanup();
      reject(timeoutError());
    }, deadlineMs);
    const settled =
      <A>(fn: (a: A) => void) =>
      (a: A): void => {
        clearTimeout(timer);
        fn(a);
      };
    cleanup = run(settled(resolve), settled(reject));
  });
}
