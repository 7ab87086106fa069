import { readFile } from 'node:fs/promises';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair, KeyringPair$Json } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { EXIT_CODES, KeyError } from './errors.js';
import type { CliIo } from './io.js';

/** Environment variables the CLI reads secrets from (never from the command line, where `ps` and shell history see them). */
export const ENV = Object.freeze({
  suri: 'PHALA_SURI',
  keystorePassword: 'PHALA_KEYSTORE_PASSWORD',
  keystore: 'PHALA_KEYSTORE',
  endpoint: 'PHALA_ENDPOINT',
  network: 'PHALA_NETWORK',
});

export const DEV_ACCOUNTS = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie'] as const;

/**
 * A signing key known by its address before it is unlocked, so rules can be checked (and fees estimated) before a
 * password is asked for — and `--dry-run` never asks at all.
 */
export interface KeySource {
  /** SS58 address */
  readonly address: string;
  /** where the key came from, for messages (never the secret) */
  readonly origin: string;
  /** true for the well-known dev accounts, allowed on dev chains only */
  readonly dev: boolean;
  unlock(): Promise<KeyringPair>;
}

export interface KeyOptions {
  keystore?: string;
  account?: string;
}

/** The key the options and environment name, or undefined when none is given. */
export async function loadKey(options: KeyOptions, io: CliIo, ss58: number): Promise<KeySource | undefined> {
  const keystore = options.keystore ?? io.env[ENV.keystore];
  if (options.account !== undefined && options.keystore !== undefined) {
    throw new KeyError('ConflictingKeys', 'give either --account or --keystore, not both');
  }
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: ss58 });
  if (options.account !== undefined) return devKey(keyring, options.account);
  if (keystore !== undefined && keystore !== '') return keystoreKey(keyring, keystore, io);
  const suri = io.env[ENV.suri];
  if (suri !== undefined && suri !== '') return suriKey(keyring, suri);
  return undefined;
}

/** {@link loadKey}, or a {@link KeyError} naming the three ways to give one. */
export async function requireKey(options: KeyOptions, io: CliIo, ss58: number): Promise<KeySource> {
  const key = await loadKey(options, io, ss58);
  if (!key) {
    throw new KeyError(
      'NoKey',
      `this command signs: set ${ENV.suri}, or give --keystore FILE (password from ${ENV.keystorePassword} or a prompt), or --account NAME on a dev chain`,
    );
  }
  return key;
}

function devKey(keyring: Keyring, name: string): KeySource {
  const lower = name.toLowerCase();
  if (!(DEV_ACCOUNTS as readonly string[]).includes(lower)) {
    throw new KeyError(
      'UnknownDevAccount',
      `unknown dev account ${JSON.stringify(name)}: one of ${DEV_ACCOUNTS.join(', ')}`,
    );
  }
  const pair = keyring.addFromUri(`//${lower[0]!.toUpperCase()}${lower.slice(1)}`);
  return { address: pair.address, origin: `dev account ${lower}`, dev: true, unlock: async () => pair };
}

function suriKey(keyring: Keyring, suri: string): KeySource {
  let pair: KeyringPair;
  try {
    pair = keyring.addFromUri(suri);
  } catch {
    // the library's message may quote the input; the secret must not reach a terminal or a log
    throw new KeyError(
      'InvalidSuri',
      `${ENV.suri} is not a valid secret URI (mnemonic, 0x seed, or //derivation)`,
    );
  }
  return { address: pair.address, origin: ENV.suri, dev: false, unlock: async () => pair };
}

async function keystoreKey(keyring: Keyring, file: string, io: CliIo): Promise<KeySource> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new KeyError('KeystoreUnreadable', `cannot read keystore ${file}${code ? ` (${code})` : ''}`);
  }
  let pair: KeyringPair;
  try {
    const json = JSON.parse(text) as KeyringPair$Json;
    if (
      typeof json !== 'object' ||
      json === null ||
      typeof json.encoded !== 'string' ||
      typeof json.address !== 'string'
    ) {
      throw new TypeError('not a single-account export');
    }
    pair = keyring.addFromJson(json);
  } catch {
    throw new KeyError(
      'KeystoreInvalid',
      `${file} is not a polkadot-js account export (JSON with address and encoded key)`,
    );
  }
  return {
    address: pair.address,
    origin: `keystore ${file}`,
    dev: false,
    unlock: async () => {
      if (!pair.isLocked) return pair;
      const password = await keystorePassword(file, io);
      try {
        pair.decodePkcs8(password);
      } catch {
        throw new KeyError('WrongPassword', `wrong password for keystore ${file}`);
      }
      return pair;
    },
  };
}

async function keystorePassword(file: string, io: CliIo): Promise<string> {
  const fromEnv = io.env[ENV.keystorePassword];
  if (fromEnv !== undefined) return fromEnv;
  if (!io.stdin.isTTY || typeof io.stdin.setRawMode !== 'function') {
    throw new KeyError(
      'PasswordRequired',
      `keystore ${file} is locked: set ${ENV.keystorePassword} for non-interactive use`,
    );
  }
  return promptHidden(`Password for ${file}: `, io);
}

/**
 * Reads a line from the terminal in raw mode without echoing it. (A readline interface would echo the typed
 * characters unless its output is muted by hand; raw mode gives the same with less machinery.)
 */
export function promptHidden(question: string, io: CliIo): Promise<string> {
  const { stdin, stderr } = io;
  return new Promise((resolve, reject) => {
    let value = '';
    stderr.write(question);
    stdin.setRawMode!(true);
    stdin.resume();
    const done = (error?: Error) => {
      stdin.removeListener('data', onData);
      stdin.setRawMode!(false);
      stdin.pause();
      stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') {
          const error = new KeyError('PasswordRequired', 'password prompt interrupted');
          (error as { exitCode?: number }).exitCode = EXIT_CODES.interrupted;
          return done(error);
        }
        if (ch === '\u0004') return done(new KeyError('PasswordRequired', 'no password given'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
