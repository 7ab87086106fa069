// Input of `polkadot-types-from-defs`: one module per entry, each generating `<module>/types.ts`.
export { default as phala } from './phala/definitions.js';
