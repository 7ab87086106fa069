import { pidKey } from './keys.js';
import { type QueryArg, type QueryOptions, type QueryResult, useMiningQuery } from './useMiningQuery.js';

/** Live APR estimate of a pool as the Phala App computed it (a fraction: 0.25 is 25 %). */
export function useApr<O extends QueryOptions = QueryOptions>(
  pid: QueryArg<bigint | number, O>,
  options?: O,
): QueryResult<number, O> {
  return useMiningQuery(
    pid === undefined ? undefined : `apr:${pidKey(pid)}`,
    (client) => client.apr$(pid!),
    options,
  ) as QueryResult<number, O>;
}
