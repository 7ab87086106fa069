import { english } from '@polkadot/util-crypto/mnemonic/wordlists';
import { KeyError } from './errors.js';
import type { CliIo, OutStream } from './io.js';

/** Shown instead of a secret wherever one would have been printed. */
export const REDACTED = '‹redacted›';

const WORDS = new Set(english);

/**
 * True for text that reads like a BIP39 phrase (a mnemonic, perhaps mistyped or cut short): eight or more words,
 * nearly all from the English list. Ordinary sentences (a pool description) are full of words the list lacks
 * ("a", "the", "and", "of", "we"), so they never look like this.
 */
export function looksLikeMnemonic(text: string): boolean {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length < 8) return false;
  const known = words.filter((w) => WORDS.has(w.toLowerCase().replace(/\/.*$/, ''))).length;
  return known / words.length >= 0.85;
}

// option names under which people pass secrets to other tools (`subkey --suri`, `--seed`, `--password`, …)
const SECRET_OPTION = /^--?(suri|seed|mnemonic|phrase|secret|password|passphrase|pass|private-?key|pk|sk)$/i;

/**
 * Refuses an argument vector that carries a secret, before anything else runs: the secret is already in `ps` and
 * the shell history, but it must not also reach the terminal, a log or `--json`. The message names the position,
 * never the value.
 */
export function refuseSecretsInArgv(argv: readonly string[]): void {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (SECRET_OPTION.test(name)) {
      throw new KeyError(
        'MisplacedSecret',
        `argument ${i + 1} (${name}) would carry a secret: secrets are never given on the command line — set PHALA_SURI, or use --keystore with --password-file or the prompt (the value was not used; remove it from your shell history)`,
      );
    }
    if (looksLikeMnemonic(arg)) {
      throw new KeyError(
        'MisplacedSecret',
        `argument ${i + 1} looks like a secret phrase: secrets are never given on the command line — set PHALA_SURI, or use --keystore (the value was not used; remove it from your shell history)`,
      );
    }
  }
}

/** Every secret this process knows of, redacted from all output (set by the key loaders as they read them). */
const known = new Set<string>();

/** Registers a secret so that no output of this process ever contains it. */
export function registerSecret(secret: string | undefined): void {
  if (secret === undefined) return;
  const text = secret.trim();
  // very short strings (a one-letter password) would redact ordinary text; they are refused or warned about elsewhere
  if (text.length >= 4) known.add(text);
  // a SURI's phrase alone, without its //derivation or ///password
  const phrase = text.split('//')[0]!.trim();
  if (phrase.length >= 4) known.add(phrase);
}

/**
 * The text with every registered secret replaced by {@link REDACTED}. (A secret in the arguments never gets this far:
 * {@link refuseSecretsInArgv} stops the run first.)
 */
export function redact(text: string): string {
  let out = text;
  for (const s of known) if (out.includes(s)) out = out.split(s).join(REDACTED);
  return out;
}

function redacting(stream: OutStream): OutStream {
  const wrapped = Object.create(stream) as OutStream;
  wrapped.write = (chunk: string) => stream.write(redact(String(chunk)));
  return wrapped;
}

/** The same io with stdout and stderr passed through {@link redact}; the environment's secrets registered first. */
export function redactingIo(io: CliIo): CliIo {
  registerSecret(io.env.PHALA_SURI);
  registerSecret(io.env.PHALA_KEYSTORE_PASSWORD);
  return { ...io, stdout: redacting(io.stdout), stderr: redacting(io.stderr) };
}
