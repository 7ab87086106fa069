import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { mnemonicGenerate } from '@polkadot/util-crypto';
import { describe, expect } from 'vitest';
import { test as chainTest, type Runner } from './chainTest.js';
import { BIN, type CliResult, cli, json, nonceOf, on } from './helpers.js';
import { startRpcProxy } from './rpcProxy.js';

const PLANCK = 1_000_000_000_000n;

const secretWords = mnemonicGenerate(12);
const password = 'correct horse battery staple 42';

interface Secrets {
  /** a pool of Alice's */
  pid: string;
  /** the account of `secretWords`, funded with 10 000 PHA */
  address: string;
  dir: string;
  /** its keystore file, encrypted with `password` (mode 0600) */
  keystore: string;
  /** a file holding `password` (mode 0600) */
  passwordFile: string;
}

/**
 * The file's chain (the testing package's fixture), Alice's runner with `--quiet`, and an operator key whose
 * phrase and password must never reach any output.
 */
const test = chainTest.extend<{ quiet: Runner; secrets: Secrets }>({
  quiet: [
    async ({ fileChain }, use) => use(on(fileChain, '--account', 'alice', '--quiet')),
    { scope: 'file' },
  ],
  secrets: [
    async ({ fileChain: chain, quiet: alice }, use) => {
      const pid: string = json(await alice(['pool', 'create', '--json'])).pid;
      const pair = new Keyring({ type: 'sr25519', ss58Format: 30 }).addFromUri(secretWords);
      const address = pair.address;
      await chain.fund(address, 10_000n * PLANCK);
      const dir = mkdtempSync(join(tmpdir(), 'phala-mining-safety-'));
      const keystore = join(dir, 'operator.json');
      writeFileSync(keystore, JSON.stringify(pair.toJson(password)), { mode: 0o600 });
      const passwordFile = join(dir, 'password');
      writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
      await use({ pid, address, dir, keystore, passwordFile });
    },
    { scope: 'file', auto: true },
  ],
});

/** No output contains the phrase, three consecutive words of it, or the password. */
function secretFree(r: CliResult): void {
  const words = secretWords.split(' ');
  for (const t of [r.stdout, r.stderr]) {
    expect(t).not.toContain(secretWords);
    for (let i = 0; i + 3 <= words.length; i++) expect(t).not.toContain(words.slice(i, i + 3).join(' '));
    expect(t).not.toContain(password);
  }
}

describe('secrets never reach any output', () => {
  test('refuses every wrong way of giving a secret (exit 6 or 2), printing none of it, human and --json', async ({
    chain,
    secrets,
  }) => {
    const { pid, keystore, passwordFile } = secrets;
    const ep = ['--endpoint', chain.endpoint];
    const cases: { args: string[]; env?: Record<string, string>; code: number }[] = [
      { args: [...ep, `--suri=${secretWords}`, 'pool', 'create'], code: 6 },
      { args: [...ep, '--suri', secretWords, 'pool', 'create'], code: 6 },
      { args: [...ep, '--seed', secretWords, 'pool', 'list'], code: 6 },
      { args: [...ep, `--password=${password}`, 'pool', 'list'], code: 6 },
      { args: [...ep, 'stake', 'show', pid, secretWords], code: 6 },
      { args: [...ep, 'overview', secretWords], code: 6 },
      { args: [...ep, '--account', 'alice', 'worker', 'add', '-p', pid, secretWords], code: 6 },
      { args: [...ep, '--keystore', secretWords, 'pool', 'create'], code: 6 },
      { args: [...ep, '--account', secretWords, 'pool', 'create'], code: 6 },
      { args: [...ep, 'pool', 'create'], env: { PHALA_KEYSTORE: secretWords }, code: 6 },
      { args: [...ep, 'pool', 'create'], env: { PHALA_SURI: `${secretWords} extra` }, code: 6 },
      {
        args: [...ep, 'pool', 'create'],
        env: { PHALA_SURI: secretWords.split(' ').slice(0, 11).join(' ') },
        code: 6,
      },
      { args: [...ep, 'pool', 'create'], env: { PHALA_SURI: `${secretWords}//bad/` }, code: 6 },
      // a valid key, then a wrong password; a keystore with a password file, then a secret where a pid goes
      {
        args: [...ep, '--keystore', keystore, 'pool', 'create'],
        env: { PHALA_KEYSTORE_PASSWORD: `${password}!` },
        code: 6,
      },
      {
        args: [...ep, '--keystore', keystore, '--password-file', passwordFile, 'pool', 'show', password],
        code: 2,
      },
      { args: [...ep, 'pool', 'set-cap', pid, secretWords], env: { PHALA_SURI: secretWords }, code: 6 },
      { args: [...ep, 'pool', 'set-payout', pid, '500'], env: { PHALA_SURI: secretWords }, code: 2 },
      { args: [...ep, 'frobnicate', secretWords], code: 6 },
    ];
    // a few at a time: each is a node process starting up, on a machine shared with other suites
    const runs = cases.flatMap((c) => [() => cli(c.args, c.env), () => cli([...c.args, '--json'], c.env)]);
    const results: CliResult[] = [];
    for (let i = 0; i < runs.length; i += 4)
      results.push(...(await Promise.all(runs.slice(i, i + 4).map((r) => r()))));
    for (const [i, r] of results.entries()) {
      const c = cases[Math.floor(i / 2)]!;
      expect({ args: c.args.slice(2), env: c.env, code: r.code }).toEqual({
        args: c.args.slice(2),
        env: c.env,
        code: c.code,
      });
      secretFree(r);
    }
    // the refusal says what to do instead, by position, never the value
    const refused = results[0]!;
    expect(refused.stderr).toMatch(
      /argument 3 \(--suri\) would carry a secret: .*set PHALA_SURI.*\[MisplacedSecret\]/,
    );
    expect(results[8]!.stderr).toMatch(/argument 6 looks like a secret phrase.*\[MisplacedSecret\]/);
  });

  test('refuses a malformed PHALA_SURI with exit 6 before connecting (even to an unreachable node)', async ({
    chain,
  }) => {
    const unreachable = ['--endpoint', 'ws://127.0.0.1:9', '--dry-run', 'pool', 'create'];
    for (const [suri, why] of [
      ['garbage', /a mnemonic has 12, 15, 18, 21, 24 words, this one has 1/],
      ['0x1234', /a 0x seed has 64 hex digits \(32 bytes\), this one has 4/],
      [`0x${'ab'.repeat(31)}zz`, /a 0x seed is 0x and 64 hex digits/],
      [Array(12).fill('abandon').join(' '), /not a valid BIP39/],
    ] as const) {
      const r = await cli(unreachable, { PHALA_SURI: suri });
      expect({ suri, code: r.code }).toEqual({ suri, code: 6 });
      expect(r.stderr).toMatch(why);
      expect(r.stderr).toContain('[InvalidSuri]');
      if (suri.length > 8) expect(r.stderr).not.toContain(suri);
    }
    // a read-only command refuses it too: a bad secret in the environment is always a mistake
    expect((await cli(['--endpoint', chain.endpoint, 'pool', 'list'], { PHALA_SURI: 'garbage' })).code).toBe(
      6,
    );
    // a bare //derivation is a dev key (allowed on the dev chain only)
    const dev = await cli(['--endpoint', chain.endpoint, '--dry-run', '--json', 'pool', 'create'], {
      PHALA_SURI: '//Alice',
    });
    expect(dev.code).toBe(0);
    expect(json(dev).signer).toBe(chain.accounts.alice.address);
  });

  test('reads the keystore password from --password-file (or its variable) and warns about loose permissions', async ({
    chain,
    secrets,
  }) => {
    const { address, dir, keystore, passwordFile } = secrets;
    const ok = await cli(
      [
        '--endpoint',
        chain.endpoint,
        '--keystore',
        keystore,
        '--password-file',
        passwordFile,
        'pool',
        'create',
      ],
      {},
    );
    expect(ok.code).toBe(0);
    expect(ok.stderr).not.toContain('warning');
    secretFree(ok);
    const viaEnv = await cli(['--endpoint', chain.endpoint, '--json', 'pool', 'create'], {
      PHALA_KEYSTORE: keystore,
      PHALA_KEYSTORE_PASSWORD_FILE: passwordFile,
    });
    expect(viaEnv.code).toBe(0);
    expect(json(viaEnv).signer).toBe(address);

    const loose = join(dir, 'loose.json');
    writeFileSync(loose, JSON.stringify(JSON.parse(await readText(keystore))));
    chmodSync(loose, 0o644);
    const warned = await cli([
      '--endpoint',
      chain.endpoint,
      '--keystore',
      loose,
      '--dry-run',
      'pool',
      'create',
    ]);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain(
      `warning: keystore ${loose} can be read by other users (mode 0644); run chmod 600 ${loose}`,
    );
    const missing = await cli(
      [
        '--endpoint',
        chain.endpoint,
        '--keystore',
        keystore,
        '--password-file',
        join(dir, 'nope'),
        'pool',
        'create',
      ],
      {},
    );
    expect(missing.code).toBe(6);
    expect(missing.stderr).toContain('(ENOENT) [PasswordFileUnreadable]');
  });
});

async function readText(file: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return readFile(file, 'utf8');
}

describe('before signing', () => {
  test('checks that the balance covers the fee: a typed error with both amounts, nothing signed', async ({
    chain,
  }) => {
    const empty = mnemonicGenerate(12);
    const who = new Keyring({ type: 'sr25519', ss58Format: 30 }).addFromUri(empty).address;
    for (const extra of [[], ['--dry-run']]) {
      const r = await cli(['--endpoint', chain.endpoint, ...extra, '--json', 'pool', 'create'], {
        PHALA_SURI: empty,
      });
      expect(r.code).toBe(3);
      const e = JSON.parse(r.stderr).error;
      expect(e).toMatchObject({
        code: 'InsufficientFeeBalance',
        class: 'validation',
        exitCode: 3,
        payer: who,
        deposit: '0',
        available: '0',
      });
      expect(BigInt(e.fee)).toBeGreaterThan(0n);
      expect(e.message).toMatch(/cannot pay the fee: estimated fee [\d.]+ PHA > spendable 0 PHA/);
    }
    expect(await nonceOf(chain, who)).toBe(0);
  });

  test('estimates the fee and reads the balance once per transaction: the check before signing is reused by send', async ({
    chain,
  }) => {
    const proxy = await startRpcProxy(chain.endpoint);
    try {
      const { alice } = chain.accounts;
      const balanceKey = chain.api.query.system.account.key(alice.address);
      // one-shot reads of Alice's System.Account (the fee check's); the estimate's own nonce look-up subscribes to it
      const balanceReads = () =>
        proxy.calls.filter(
          (c) =>
            (c.method === 'state_queryStorageAt' || c.method === 'state_getStorage') &&
            JSON.stringify(c.params).includes(balanceKey),
        ).length;
      for (const extra of [['--dry-run'], []]) {
        proxy.calls.length = 0;
        const r = await cli([
          '--endpoint',
          proxy.endpoint,
          '--account',
          'alice',
          '--json',
          ...extra,
          'pool',
          'create',
        ]);
        expect(r.code, r.stderr).toBe(0);
        const out = json(r);
        if (extra.length) expect(BigInt(out.estimatedFee)).toBeGreaterThan(0n);
        else expect(out.ok).toBe(true);
        // TransactionPaymentApi_query_info is the runtime call behind payment info (payment_queryInfo its old RPC)
        expect({
          extra,
          estimates:
            proxy.count('state_call', 'TransactionPaymentApi_query_info') + proxy.count('payment_queryInfo'),
          balanceReads: balanceReads(),
        }).toEqual({ extra, estimates: 1, balanceReads: 1 });
      }
    } finally {
      await proxy.close();
    }
  });

  test('a gone network preset fails at once and points to the dev chain', async () => {
    for (const network of ['khala', 'phala']) {
      const r = await cli(['--network', network, 'pool', 'list']);
      expect(r.code).toBe(5);
      expect(r.stderr).toMatch(/stake pool v1 is gone .* use a dev chain: --network dev/);
    }
  });

  test('shows the global options in every subcommand help', async () => {
    for (const args of [['pool', 'create'], ['worker', 'start'], ['pool', 'whitelist', 'add'], ['balance']]) {
      const r = await cli([...args, '--help']);
      expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code: 0, stderr: '' });
      expect(r.stdout).toMatch(/Global Options:[\s\S]*--endpoint <url>[\s\S]*--json[\s\S]*--dry-run/);
    }
  });
});

describe('phala-mining balance', () => {
  test('shows free, transferable, stake-locked and the stake per pool', async ({ chain, secrets }) => {
    const { pid } = secrets;
    const bob = on(chain, '--account', 'bob', '--quiet');
    expect((await bob(['pool', 'contribute', pid, '1,500'])).code).toBe(0);
    const j = json(await bob(['balance', '--json']));
    expect(j.account).toBe(chain.accounts.bob.address);
    expect(BigInt(j.stakeLocked)).toBe(1500n * PLANCK);
    expect(BigInt(j.transferable)).toBe(BigInt(j.free) - 1500n * PLANCK);
    expect(j.pools).toEqual([
      expect.objectContaining({ pid, locked: String(1500n * PLANCK), shares: String(1500n * PLANCK) }),
    ]);
    const human = await cli(['--endpoint', chain.endpoint, 'balance', chain.accounts.bob.address]);
    expect(human.stdout).toMatch(/Stake-locked\s+1,500 PHA/);
    expect(human.stdout).toMatch(new RegExp(`\\n${pid}\\s+1,500 PHA\\s+1,500 PHA\\s+0 PHA`));
  });
});

describe('Ctrl-C after broadcast', () => {
  test('prints the hash and that the transaction may still land, exits 130; it then lands', async ({
    chain,
    quiet: alice,
  }) => {
    await chain.rpc('dev_setBlockBuildMode', ['manual']);
    try {
      const child = spawn(
        process.execPath,
        [BIN, '--endpoint', chain.endpoint, '--account', 'alice', 'pool', 'create'],
        {
          env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
          stdio: ['pipe', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`never broadcast:\n${stderr}`)), 60_000);
        child.stderr.on('data', (d) => {
          stderr += d;
          if (stderr.includes('broadcast')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      child.kill('SIGINT');
      expect(await closed).toBe(130);
      const hash = /signed (0x[0-9a-f]+)…/.exec(stderr);
      expect(hash).not.toBeNull();
      expect(stderr).toMatch(
        /interrupted: transaction 0x[0-9a-f]{64} was signed and sent and may still land — look it up before sending it again \[Interrupted\]/,
      );
      const before = json(await alice(['pool', 'list', '--json'])).length;
      await chain.newBlocks(1);
      expect(json(await alice(['pool', 'list', '--json'])).length).toBe(before + 1);
    } finally {
      await chain.rpc('dev_setBlockBuildMode', ['instant']);
    }
  });
});
