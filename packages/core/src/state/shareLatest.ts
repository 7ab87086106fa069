import { type MonoTypeOperatorFunction, ReplaySubject, share } from 'rxjs';

/**
 * Shares one upstream subscription among all subscribers, replays the latest value to late ones (and keeps it while
 * the connection is down), and tears the storage subscription down when the last subscriber leaves.
 */
export function shareLatest<T>(): MonoTypeOperatorFunction<T> {
  return share({
    connector: () => new ReplaySubject<T>(1),
    resetOnError: true,
    resetOnComplete: true,
    resetOnRefCountZero: true,
  });
}
