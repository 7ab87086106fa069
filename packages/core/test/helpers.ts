import { filter, firstValueFrom, type Observable, timeout } from 'rxjs';

/** The first value of a state observable that satisfies `predicate` (10 s at most). */
export function until<T>(source: Observable<T>, predicate: (value: T) => boolean, ms = 10_000): Promise<T> {
  return firstValueFrom(source.pipe(filter(predicate), timeout(ms)));
}

/** Captures what a rejected promise rejected with. */
export async function rejection(promise: PromiseLike<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
