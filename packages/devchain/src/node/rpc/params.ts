import type { Hex } from '../../scale/types.js';
import { InvalidParamsError } from '../errors.js';

/** Like Substrate's impl-serde: the `0x` prefix is optional and an empty string is empty bytes (polkadot-api sends `""`). */
const HEX = /^(?:0x)?(?:[0-9a-fA-F]{2})*$/;

/**
 * Positional parameter access with the checks jsonrpsee's deserializer makes: wrong types, missing required
 * values and surplus values are `-32602 Invalid params`.
 */
export class Params {
  constructor(
    readonly method: string,
    private readonly values: readonly unknown[],
  ) {}

  get length(): number {
    return this.values.length;
  }

  /** Rejects calls with more than `max` parameters. */
  atMost(max: number): this {
    if (this.values.length > max)
      throw new InvalidParamsError(
        `${this.method} takes at most ${max} parameters, got ${this.values.length}`,
      );
    return this;
  }

  raw(index: number): unknown {
    return this.values[index];
  }

  has(index: number): boolean {
    const value = this.values[index];
    return value !== undefined && value !== null;
  }

  hex(index: number, name: string): Hex {
    const value = this.values[index];
    if (typeof value !== 'string' || !HEX.test(value))
      throw new InvalidParamsError(`${name}: expected hex bytes`);
    const lower = value.toLowerCase();
    return (lower.startsWith('0x') ? lower : `0x${lower}`) as Hex;
  }

  optionalHex(index: number, name: string): Hex | undefined {
    return this.has(index) ? this.hex(index, name) : undefined;
  }

  bytes(index: number, name: string): Uint8Array {
    const hex = this.hex(index, name);
    // Node's decoder (an extrinsic is read per submission), into a plain Uint8Array of its own buffer
    const out = new Uint8Array((hex.length - 2) >> 1);
    Buffer.from(out.buffer).write(hex.slice(2), 'hex');
    return out;
  }

  hash(index: number, name: string): Hex {
    const value = this.hex(index, name);
    if (value.length !== 66) throw new InvalidParamsError(`${name}: expected a 32-byte hash`);
    return value;
  }

  optionalHash(index: number, name: string): Hex | undefined {
    return this.has(index) ? this.hash(index, name) : undefined;
  }

  hexList(index: number, name: string): Hex[] {
    const value = this.values[index];
    if (!Array.isArray(value)) throw new InvalidParamsError(`${name}: expected an array of hex strings`);
    return value.map((_, i) => new Params(this.method, value).hex(i, `${name}[${i}]`));
  }

  /** A non-negative integer, given as a JSON number or a hex/decimal string (Substrate's NumberOrHex). */
  uint(index: number, name: string): number {
    return toUint(this.values[index], name);
  }

  optionalUint(index: number, name: string): number | undefined {
    return this.has(index) ? this.uint(index, name) : undefined;
  }

  boolean(index: number, name: string): boolean {
    const value = this.values[index];
    if (typeof value !== 'boolean') throw new InvalidParamsError(`${name}: expected a boolean`);
    return value;
  }

  string(index: number, name: string): string {
    const value = this.values[index];
    if (typeof value !== 'string') throw new InvalidParamsError(`${name}: expected a string`);
    return value;
  }
}

export function toUint(value: unknown, name: string): number {
  let n: number | undefined;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^0x[0-9a-fA-F]{1,13}$/.test(value))
    n = Number.parseInt(value.slice(2), 16);
  else if (typeof value === 'string' && /^[0-9]{1,15}$/.test(value)) n = Number(value);
  if (n === undefined || !Number.isSafeInteger(n) || n < 0)
    throw new InvalidParamsError(`${name}: expected a non-negative integer`);
  return n;
}
