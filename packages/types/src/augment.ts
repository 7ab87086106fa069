/**
 * Side-effect entry: augments `@polkadot/api` (api.tx / api.query / api.consts / api.events / api.errors /
 * api.call / api.rpc) and `@polkadot/types` (createType names, `@polkadot/types/lookup`) with Khala's runtime.
 * Listed in package.json `sideEffects` so bundlers keep it even though it exports nothing.
 */
import './interfaces/augment-api.js';
import './interfaces/augment-types.js';
import './interfaces/registry.js';
import './interfaces/types-lookup.js';
