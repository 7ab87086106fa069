import { CompatibilityError } from '@phala-mining/errors';
/**
 * Pallet Config items the runtime supplies, as FRAME's `impl pallet_x::Config for Runtime { type OnReward = … }`:
 * a pallet declares what it needs from above (callbacks, a route table) as a typed key, and the runtime definition
 * wires a value for it. Calls back up the pallet graph go through these, so pallets import only pallets below them.
 */
export interface ConfigKey<T> {
  readonly pallet: string;
  /** carries `T` for type inference only; never set */
  readonly _config?: T;
}

export function configKey<T>(pallet: string): ConfigKey<T> {
  return { pallet };
}

/** The wired Config items of one runtime, by pallet name. */
export type PalletConfigs = ReadonlyMap<string, unknown>;

/** A runtime definition that does not wire a pallet's Config (a mistake in the definition, not in a call). */
export class ConfigMissingError extends CompatibilityError {
  override readonly name = 'ConfigMissingError' as const;
  readonly code = 'ConfigMissing' as const;
  constructor(readonly pallet: string) {
    super(`${pallet}'s Config is not wired by this runtime`);
  }
}

/** Collects typed Config values into the map a runtime hands to its executive. */
export function wireConfigs(entries: ReadonlyArray<readonly [ConfigKey<any>, unknown]>): PalletConfigs {
  return new Map(entries.map(([key, value]) => [key.pallet, value]));
}

export function readConfig<T>(configs: PalletConfigs, key: ConfigKey<T>): T {
  const value = configs.get(key.pallet);
  if (value === undefined) throw new ConfigMissingError(key.pallet);
  return value as T;
}
