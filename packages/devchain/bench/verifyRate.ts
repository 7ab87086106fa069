/**
 * The machine's own yardstick: single-core sr25519 verifications per second, the primitive a node runs per signed
 * extrinsic. The transfer rows are ratios against it; the settlement rows also give their time in verifications,
 * a figure that holds from one machine to another where milliseconds do not (this shared machine's speed varies
 * by ~2× from day to day).
 */
export interface Rate {
  /** per second of wall time */
  wall: number;
  /** per second of this process's CPU time: on a loaded machine the stable one */
  cpu: number;
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Calls `verify` for `forMs` of wall time (in batches of 20) and returns how many verified per second. */
export function verifyRate(verify: () => boolean, forMs = 500): Rate {
  let verified = 0;
  const c0 = cpuMs();
  const v0 = performance.now();
  while (performance.now() - v0 < forMs) {
    for (let i = 0; i < 20; i++) if (verify()) verified++;
  }
  return {
    wall: verified / ((performance.now() - v0) / 1000),
    cpu: verified / ((cpuMs() - c0) / 1000),
  };
}

/**
 * One verification of a signature over a 128-byte message with @polkadot/wasm-crypto, the node's own verifier, set
 * up with nothing else loaded (no keyring): the settlement process measures it beside its blocks and its memory.
 */
export async function wasmVerifier(): Promise<() => boolean> {
  const wasm = await import('@polkadot/wasm-crypto');
  await wasm.waitReady();
  const pair = wasm.sr25519KeypairFromSeed(new Uint8Array(32).fill(9));
  const secret = pair.slice(0, 64);
  const publicKey = pair.slice(64);
  const message = new Uint8Array(128).fill(7);
  const signature = wasm.sr25519Sign(publicKey, secret, message);
  if (!wasm.sr25519Verify(signature, message, publicKey))
    throw new Error('the yardstick signature does not verify');
  return () => wasm.sr25519Verify(signature, message, publicKey);
}

/** The same, and with @polkadot/util-crypto's pure-JS verifier, for the transfer rows. */
export async function verifiers(): Promise<{ js: () => boolean; wasm: () => boolean }> {
  const { Keyring } = await import('@polkadot/keyring');
  const { sr25519Verify, cryptoWaitReady } = await import('@polkadot/util-crypto');
  await cryptoWaitReady();
  const pair = new Keyring({ type: 'sr25519' }).addFromUri('//Verifier');
  const message = new Uint8Array(128).fill(7);
  const signature = pair.sign(message);
  return {
    js: () => sr25519Verify(message, signature, pair.publicKey),
    wasm: await wasmVerifier(),
  };
}

export function medianRate(rates: Rate[]): Rate {
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  return { wall: mid(rates.map((r) => r.wall)), cpu: mid(rates.map((r) => r.cpu)) };
}
