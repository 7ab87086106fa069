import { readFile, stat } from 'node:fs/promises';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair, KeyringPair$Json } from '@polkadot/keyring/types';
import { isHex } from '@polkadot/util';
import { cryptoWaitReady, keyExtractSuri, mnemonicValidate } from '@polkadot/util-crypto';
import { EXIT_CODES, KeyError } from './errors.js';
import type { CliIo } from './io.js';
import { looksLikeMnemonic, registerSecret } from './secrets.js';

/** Environment variables the CLI reads secrets from (never from the command line, where `ps` and shell history see them). */
export const ENV = Object.freeze({
  suri: 'PHALA_SURI',
  keystorePassword: 'PHALA_KEYSTORE_PASSWORD',
  keystorePasswordFile: 'PHALA_KEYSTORE_PASSWORD_FILE',
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
  /** a file holding the keystore password (one line), instead of the environment or a prompt */
  passwordFile?: string;
}

/** The phrase every dev account is derived from (`//Alice` is this phrase with a derivation). */
const DEV_PHRASE = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';
const MNEMONIC_LENGTHS = [12, 15, 18, 21, 24];

/**
 * Checks a secret URI's form before it becomes a key: polkadot-js would turn any short string into a padded seed and a
 * cut-off `0x` seed into some other account, so `garbage` or `0x1234` would sign as a stranger. Accepted: a valid
 * BIP39 mnemonic, a 32-byte `0x` seed, or a bare `//derivation` of the dev phrase — each with optional derivation
 * and `///password`. The messages describe the input's shape, never its content. Returns whether it is a dev key.
 */
export function checkSuri(suri: string): { dev: boolean } {
  const invalid = (why: string) =>
    new KeyError(
      'InvalidSuri',
      `${ENV.suri} is not a valid secret URI (mnemonic, 0x seed, or //derivation): ${why}`,
    );
  const text = suri.trim();
  if (text.startsWith('//')) {
    if (!/^(\/\/?[^/]+)+(\/\/\/.*)?$/.test(text)) throw invalid('the derivation path is malformed');
    return { dev: true };
  }
  let phrase: string;
  try {
    phrase = keyExtractSuri(text).phrase;
  } catch {
    throw invalid('it is neither words separated by single spaces nor a 0x seed, with //derivation after it');
  }
  if (isHex(phrase)) {
    const digits = phrase.length - 2;
    if (digits !== 64) throw invalid(`a 0x seed has 64 hex digits (32 bytes), this one has ${digits}`);
    return { dev: false };
  }
  if (phrase.startsWith('0x')) throw invalid('a 0x seed is 0x and 64 hex digits (32 bytes); this one is not');
  const words = phrase.split(' ').length;
  if (!MNEMONIC_LENGTHS.includes(words))
    throw invalid(`a mnemonic has ${MNEMONIC_LENGTHS.join(', ')} words, this one has ${words}`);
  if (!mnemonicValidate(phrase))
    throw invalid(`the ${words} words are not a valid BIP39 mnemonic (checksum or an unknown word)`);
  return { dev: phrase === DEV_PHRASE };
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
  if (keystore !== undefined && keystore !== '') {
    if (looksLikeMnemonic(keystore))
      throw new KeyError(
        'MisplacedSecret',
        `${options.keystore === undefined ? ENV.keystore : '--keystore'} holds what looks like a secret phrase, not a file: give the phrase as ${ENV.suri}, or a keystore file`,
      );
    return keystoreKey(keyring, keystore, io, options);
  }
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
  registerSecret(suri);
  const { dev } = checkSuri(suri);
  let pair: KeyringPair;
  try {
    pair = keyring.addFromUri(suri.trim());
  } catch {
    // the library's message may quote the input; the secret must not reach a terminal or a log
    throw new KeyError(
      'InvalidSuri',
      `${ENV.suri} is not a valid secret URI (mnemonic, 0x seed, or //derivation)`,
    );
  }
  return { address: pair.address, origin: ENV.suri, dev, unlock: async () => pair };
}

/**
 * Warns on stderr when a file holding a secret can be read by other users of the machine: a keystore is only as
 * safe as its password, and a password file not at all. (Not an error: the operator may have reasons, e.g. a
 * container.)
 */
export async function warnIfLoose(file: string, what: string, io: CliIo): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const { mode } = await stat(file);
    if ((mode & 0o077) === 0) return;
    const octal = (mode & 0o777).toString(8).padStart(4, '0');
    io.stderr.write(
      `phala-mining: warning: ${what} ${file} can be read by other users (mode ${octal}); run chmod 600 ${file}\n`,
    );
  } catch {
    // an unreadable file is reported by the read that follows
  }
}

async function keystoreKey(
  keyring: Keyring,
  file: string,
  io: CliIo,
  options: KeyOptions,
): Promise<KeySource> {
  await warnIfLoose(file, 'keystore', io);
  // read (and so redact from all output) the password file now, not only at unlock: a command that fails earlier
  // must not print the password either, e.g. one pasted where an argument goes
  const passwordFile = options.passwordFile ?? (io.env[ENV.keystorePasswordFile] || undefined);
  const preread = passwordFile === undefined ? undefined : readPasswordFile(passwordFile, io);
  // an unreadable file is reported at unlock, where the password is needed; a dry run goes on without it
  await preread?.catch(() => undefined);
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
      const password = preread ? await preread : await keystorePassword(file, io);
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
  if (fromEnv !== undefined) {
    registerSecret(fromEnv);
    return fromEnv;
  }
  if (!io.stdin.isTTY || typeof io.stdin.setRawMode !== 'function') {
    throw new KeyError(
      'PasswordRequired',
      `keystore ${file} is locked: give --password-file FILE (or ${ENV.keystorePasswordFile}) for non-interactive use`,
    );
  }
  const typed = await promptHidden(`Password for ${file}: `, io);
  registerSecret(typed);
  return typed;
}

/** The first line of a password file (a trailing newline, as `echo` writes it, is not part of the password). */
async function readPasswordFile(file: string, io: CliIo): Promise<string> {
  await warnIfLoose(file, 'password file', io);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new KeyError(
      'PasswordFileUnreadable',
      `cannot read password file ${file}${code ? ` (${code})` : ''}`,
    );
  }
  const password = text.replace(/\r?\n[\s\S]*$/, '');
  registerSecret(password);
  return password;
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
