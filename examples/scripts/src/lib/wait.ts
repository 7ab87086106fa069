import { filter, firstValueFrom, type Observable, timeout } from 'rxjs';

/**
 * The first value of a live state observable that satisfies `predicate`. A transaction's block and the state
 * subscription's update arrive separately, so examples wait for the state they expect instead of reading once.
 */
export function until<T>(
  source: Observable<T>,
  predicate: (value: T) => boolean = () => true,
  ms = 20_000,
): Promise<T> {
  return firstValueFrom(source.pipe(filter(predicate), timeout(ms)));
}
