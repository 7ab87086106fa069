import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLANCK_PER_PHA } from '@phala-mining/core';
import { Keyring } from '@polkadot/keyring';
import { mnemonicGenerate } from '@polkadot/util-crypto';
import { describe, expect } from 'vitest';
import { test as chainTest } from './chainTest.js';
import { cli, json, nonceOf, on } from './helpers.js';

// pools created by one test are read by the next: the file's tests share one chain, in order
let pid: string;

const secretWords = mnemonicGenerate(12);
const password = 'correct horse battery staple 42';

/** An operator key of `secretWords`, funded with 10 000 PHA, and its keystore encrypted with `password`. */
const test = chainTest.extend<{ operator: { address: string; dir: string; keystore: string } }>({
  operator: [
    async ({ fileChain: chain }, use) => {
      const keyring = new Keyring({ type: 'sr25519', ss58Format: 30 });
      const pair = keyring.addFromUri(secretWords);
      await chain.fund(pair.address, 10_000n * PLANCK_PER_PHA);
      const dir = mkdtempSync(join(tmpdir(), 'phala-mining-cli-'));
      const keystore = join(dir, 'operator.json');
      writeFileSync(keystore, JSON.stringify(pair.toJson(password)));
      await use({ address: pair.address, dir, keystore });
    },
    { scope: 'file' },
  ],
});

describe('phala-mining pool …', () => {
  test('creates a pool: human line with the pid, stages on stderr, exit 0', async ({ alice }) => {
    const r = await alice(['pool', 'create']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^✓ created pool (\d+) — block #\d+ \(finalized\), fee [\d.]+ PHA\n$/);
    // not a terminal: one plain line per stage, no escape codes
    expect(r.stderr).toMatch(
      /createPool: signed 0x[0-9a-f]+…[0-9a-f]+ \(nonce \d+\)\ncreatePool: broadcast, waiting for a block\ncreatePool: in block #\d+/,
    );
    expect(r.stderr).not.toContain('\u001b');
  });

  test('creates a pool with --json: parseable, pid and fee as strings, nothing on stderr', async ({
    alice,
  }) => {
    const r = await alice(['pool', 'create', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = json(r);
    expect(out).toMatchObject({
      ok: true,
      operations: ['createPool'],
      finalized: true,
      pid: expect.stringMatching(/^\d+$/),
    });
    expect(BigInt(out.fee)).toBeGreaterThan(0n);
    expect(out.events.some((e: any) => e.method === 'PoolCreated')).toBe(true);
    pid = out.pid;
  });

  test('sets payout, cap, description and whitelist; show reflects them (human and --json)', async ({
    chain,
    alice,
  }) => {
    expect((await alice(['pool', 'set-payout', pid, '12.5'])).stdout).toContain(
      `pool ${pid} payout set to 12.5 %`,
    );
    expect((await alice(['pool', 'set-cap', pid, '50_000 PHA'])).stdout).toContain(
      `pool ${pid} cap set to 50,000 PHA`,
    );
    // amounts as the CLI prints them are accepted back
    expect((await alice(['pool', 'set-cap', pid, '50,000 PHA'])).stdout).toContain(
      `pool ${pid} cap set to 50,000 PHA`,
    );
    expect((await alice(['pool', 'set-description', pid, 'cron-run pool'])).code).toBe(0);
    const wl = await alice([
      'pool',
      'whitelist',
      'add',
      pid,
      chain.accounts.bob.address,
      chain.accounts.charlie.address,
      '--json',
    ]);
    expect(wl.code).toBe(0);
    expect(json(wl).operations).toEqual(['whitelistAdd', 'whitelistAdd']);
    expect(json(wl).events.some((e: any) => e.section === 'utility' && e.method === 'BatchCompleted')).toBe(
      true,
    );

    const shown = await alice(['pool', 'show', pid]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`Pool ${pid}`);
    expect(shown.stdout).toMatch(/Payout \(commission\)\s+12\.5 %/);
    expect(shown.stdout).toMatch(/Cap\s+50,000 PHA/);
    expect(shown.stdout).toMatch(/Description\s+cron-run pool/);
    expect(shown.stdout).toContain(chain.accounts.charlie.address);
    const pool = json(await alice(['pool', 'show', pid, '--json'])).pool;
    expect(pool).toMatchObject({
      pid,
      commission: 125_000,
      cap: String(50_000n * PLANCK_PER_PHA),
      description: { kind: 'text', text: 'cron-run pool' },
    });
    expect(pool.whitelist).toEqual([chain.accounts.bob.address, chain.accounts.charlie.address]);

    const rm = await alice(['pool', 'whitelist', 'rm', pid, chain.accounts.charlie.address]);
    expect(rm.stdout).toContain(`removed 1 account(s) from the whitelist of pool ${pid}`);
  });

  test("sets the Phala App's description fields or file; show lists them; a bad file is a typed input error", async ({
    alice,
  }) => {
    const set = await alice([
      'pool',
      'set-description',
      pid,
      '--telegram',
      'cronpool',
      '--ann',
      'two more workers',
    ]);
    expect(set.code).toBe(0);
    const shown = await alice(['pool', 'show', pid]);
    expect(shown.stdout).toMatch(/Telegram\s+cronpool/);
    expect(shown.stdout).toMatch(/Announcement\s+two more workers/);
    expect(shown.stdout).not.toMatch(/Discord/);
    const pool = json(await alice(['pool', 'show', pid, '--json'])).pool;
    expect(pool.description).toMatchObject({
      kind: 'app',
      value: { telegram: 'cronpool', ann: 'two more workers', discord: '', version: 1 },
    });

    const dir = mkdtempSync(join(tmpdir(), 'phala-desc-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ wechat: 'cron_wx', email: 'ops@example.org', version: 1 }));
    expect((await alice(['pool', 'set-description', pid, '--description-file', good])).code).toBe(0);
    expect(json(await alice(['pool', 'show', pid, '--json'])).pool.description.value).toMatchObject({
      wechat: 'cron_wx',
      email: 'ops@example.org',
      telegram: '',
    });

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ telegram: 'x', version: 2 }));
    const refused = await alice(['--json', 'pool', 'set-description', pid, '--description-file', bad]);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stderr).error).toMatchObject({
      code: 'InvalidPoolDescription',
      reason: 'UnknownVersion',
    });
    const both = await alice(['--json', 'pool', 'set-description', pid, 'text', '--telegram', 'x']);
    expect(both.code).toBe(2);
    expect(JSON.parse(both.stderr).error.code).toBe('Usage');
    // nothing of the refused ones was written
    expect(json(await alice(['pool', 'show', pid, '--json'])).pool.description.value.wechat).toBe('cron_wx');
  });

  test('lists pools, all or one owner’s', async ({ chain, alice, bob }) => {
    const all = await cli(['--endpoint', chain.endpoint, 'pool', 'list']);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/PID\s+OWNER\s+PAYOUT\s+CAP\s+TOTAL STAKE/);
    expect(all.stdout).toMatch(new RegExp(`\\n\\s*${pid}\\s+\\S+\\s+12\\.5 %\\s+50,000 PHA`));
    const mine = json(await alice(['pool', 'list', '--mine', '--json']));
    expect(mine.every((p: any) => p.owner === chain.accounts.alice.address)).toBe(true);
    expect(json(await bob(['pool', 'list', '--mine', '--json']))).toEqual([]);
  });

  test('contributes, shows the stake, withdraws and reports nothing to claim', async ({
    chain,
    alice,
    bob,
  }) => {
    const c = await bob(['pool', 'contribute', pid, '1000', '--json']);
    expect(c.code).toBe(0);
    expect(BigInt(json(c).sharesMinted)).toBe(1000n * PLANCK_PER_PHA);
    const stake = await bob(['stake', 'show', pid]);
    expect(stake.stdout).toMatch(/Locked\s+1,000 PHA/);
    expect(stake.stdout).toMatch(/Queued withdrawal\s+none/);
    // another account's stake by address, no key needed
    const other = json(
      await cli(['--endpoint', chain.endpoint, 'stake', 'show', pid, chain.accounts.bob.address, '--json']),
    );
    expect(other).toMatchObject({ pid, locked: String(1000n * PLANCK_PER_PHA) });

    expect((await bob(['pool', 'withdraw', pid, '400'])).code).toBe(0);
    expect(json(await bob(['stake', 'show', pid, '--json'])).locked).toBe(String(600n * PLANCK_PER_PHA));
    expect((await bob(['pool', 'withdraw', pid, '--all'])).code).toBe(0);
    expect(json(await bob(['stake', 'show', pid, '--json'])).locked).toBe('0');

    const claim = await alice(['pool', 'claim', pid]);
    expect(claim.code).toBe(3);
    expect(claim.stderr).toMatch(/no reward to claim in pool \d+ \[NoRewardToClaim\]/);
  });

  test('shows an overview of an owner', async ({ chain, alice }) => {
    const r = await alice(['overview']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Overview of ${chain.accounts.alice.address}`);
    expect(r.stdout).toMatch(/Pools\s+2/);
    const o = json(
      await cli(['--endpoint', chain.endpoint, 'overview', chain.accounts.alice.address, '--json']),
    );
    expect(o.totals.pools).toBe(2);
    expect(o.pools.map((p: any) => p.pool.pid)).toContain(pid);
  });

  test('--dry-run checks the rules and estimates the fee without signing', async ({ chain, alice }) => {
    const before = await nonceOf(chain, chain.accounts.alice.address);
    const r = await alice(['pool', 'set-payout', pid, '30', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dry run: every rule passes for');
    expect(r.stdout).toContain(`1. setPayout pool ${pid} commission 30 %`);
    expect(r.stdout).toMatch(/estimated fee\s+[\d.]+ PHA/);
    const j = json(
      await alice([
        '--dry-run',
        '--json',
        'pool',
        'whitelist',
        'add',
        pid,
        chain.accounts.dave.address,
        chain.accounts.eve.address,
      ]),
    );
    expect(j).toMatchObject({
      dryRun: true,
      batched: true,
      calls: ['phalaStakePool.addStakerToWhitelist', 'phalaStakePool.addStakerToWhitelist'],
    });
    expect(BigInt(j.estimatedFee)).toBeGreaterThan(0n);
    expect(await nonceOf(chain, chain.accounts.alice.address)).toBe(before);
    expect(json(await alice(['pool', 'show', pid, '--json'])).pool.commission).toBe(125_000);
  });
});

describe('refusals before signing, with exit codes', () => {
  test('usage errors exit 2', async ({ chain, alice }) => {
    const before = await nonceOf(chain, chain.accounts.alice.address);
    const cases: [string[], RegExp][] = [
      [['pool', 'set-payout', pid, '101'], /between 0 and 100.*got 101 \[InvalidPercent\]/],
      [['pool', 'set-payout', pid, 'lots'], /not a percentage: "lots"/],
      [
        ['pool', 'set-cap', pid, '-5'],
        /not a PHA amount: "-5" — an amount cannot be negative \[InvalidAmount\]/,
      ],
      [
        ['pool', 'set-cap', pid, '1.0000000000001'],
        /PHA has at most 12 decimals \(amounts are never rounded\)/,
      ],
      [['pool', 'set-cap', pid, '1,5'], /commas only group thousands/],
      [['pool', 'show', 'seven'], /not a pool id: seven \[InvalidPoolId\]/],
      [['pool', 'withdraw', pid], /exactly one of: an amount, --shares N, --all \[Usage\]/],
      [
        ['pool', 'whitelist', 'add', pid, 'not-an-address'],
        /not a valid account address: not-an-address \[InvalidAddress\]/,
      ],
      [
        ['worker', 'add', '-p', pid, '0x1234'],
        /not a 32-byte worker public key: 0x1234 \[InvalidWorkerKey\]/,
      ],
      [['pool', 'frobnicate'], /unknown command 'frobnicate'/],
      [['pool', 'set-cap', pid], /missing required argument 'amount'/],
      [['worker', 'start', '--pool', pid, '--all'], /give --stake <amount\|smin\|smax> or --stake-file FILE/],
      [['--network', 'moon', 'pool', 'list'], /argument 'moon' is invalid/],
    ];
    // nothing here touches chain state: run them side by side
    const results = await Promise.all(cases.map(([args]) => alice(args)));
    for (const [i, [args, message]] of cases.entries()) {
      const r = results[i]!;
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
    expect((await cli([])).code).toBe(2);
    expect((await cli(['--help'])).code).toBe(0);
    expect((await cli(['--help'])).stdout).toMatch(/Exit codes:[\s\S]*2 usage · 3 validation/);
    expect((await cli(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(await nonceOf(chain, chain.accounts.alice.address)).toBe(before);
  });

  test('rules broken by chain state exit 3 with the rule and the numbers in PHA', async ({
    chain,
    alice,
    bob,
  }) => {
    const before = await nonceOf(chain, chain.accounts.bob.address);
    await alice(['pool', 'contribute', pid, '2000']);
    const cap = await alice(['pool', 'set-cap', pid, '100']);
    expect(cap.code).toBe(3);
    expect(cap.stderr.trim()).toBe(
      "phala-mining: the cap must be at least the pool's total stake: cap 100 PHA < total stake 2,000 PHA [CapBelowTotalStake]",
    );
    expect(cap.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    const owner = await bob(['pool', 'set-payout', pid, '10']);
    expect(owner.code).toBe(3);
    expect(owner.stderr).toContain(
      `only the owner ${chain.accounts.alice.address} of pool ${pid} may do this, not ${chain.accounts.bob.address} [NotPoolOwner]`,
    );
    const gap = await bob(['pool', 'contribute', pid, '49000']);
    expect(gap.code).toBe(3);
    expect(gap.stderr).toContain(
      'a contribution must fit the pool cap gap: 49,000 PHA > gap 48,000 PHA (cap 50,000 PHA − total stake 2,000 PHA) [ContributionExceedsCap]',
    );
    const listed = await on(chain, '--account', 'ferdie')(['pool', 'contribute', pid, '10']);
    expect(listed.code).toBe(3);
    expect(listed.stderr).toContain('[NotWhitelisted]');
    expect((await alice(['pool', 'show', '9999'])).code).toBe(3);

    const j = await bob(['--json', 'pool', 'set-payout', pid, '10']);
    expect(j.code).toBe(3);
    expect(j.stdout).toBe('');
    expect(JSON.parse(j.stderr)).toMatchObject({
      error: { code: 'NotPoolOwner', class: 'validation', exitCode: 3, pid },
    });
    // the refused commands signed nothing
    expect(await nonceOf(chain, chain.accounts.bob.address)).toBe(before);
  });

  test('an unreachable endpoint exits 5 quickly', async () => {
    const t0 = Date.now();
    const r = await cli(['--endpoint', 'ws://127.0.0.1:9', 'pool', 'list']);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/cannot connect to ws:\/\/127\.0\.0\.1:9: .*\[ConnectionFailed\]/);
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect((await cli(['--endpoint', 'http://example', 'pool', 'list'])).code).toBe(2);
  });
});

describe('keys and secrets', () => {
  const secretFree = (...texts: string[]) => {
    for (const t of texts) {
      expect(t).not.toContain(secretWords);
      // Single BIP39 words are ordinary English ("system" is also an event section), so a leak is
      // looked for as any three consecutive words of the phrase, which output never has by chance.
      const words = secretWords.split(' ');
      for (let i = 0; i + 3 <= words.length; i++) expect(t).not.toContain(words.slice(i, i + 3).join(' '));
      expect(t).not.toContain(password);
    }
  };

  test('signs with PHALA_SURI from the environment, never printing it', async ({ chain, operator }) => {
    const { address } = operator;
    const r = await cli(['--endpoint', chain.endpoint, 'pool', 'create', '--json'], {
      PHALA_SURI: secretWords,
    });
    expect(r.code).toBe(0);
    expect(json(r).signer).toBe(address);
    secretFree(r.stdout, r.stderr);
    const bad = await cli(['--endpoint', chain.endpoint, 'pool', 'create'], {
      PHALA_SURI: `${secretWords} extra`,
    });
    expect(bad.code).toBe(6);
    expect(bad.stderr).toMatch(/PHALA_SURI is not a valid secret URI .*\[InvalidSuri\]/);
    secretFree(bad.stdout, bad.stderr);
  });

  test('signs with a keystore and PHALA_KEYSTORE_PASSWORD; refuses a wrong or missing password', async ({
    chain,
    operator,
  }) => {
    const { address, keystore } = operator;
    const ok = await cli(['--endpoint', chain.endpoint, '--keystore', keystore, 'pool', 'create'], {
      PHALA_KEYSTORE_PASSWORD: password,
    });
    expect(ok.code).toBe(0);
    secretFree(ok.stdout, ok.stderr);
    const wrong = await cli(['--endpoint', chain.endpoint, '--keystore', keystore, 'pool', 'create'], {
      PHALA_KEYSTORE_PASSWORD: 'guess',
    });
    expect(wrong.code).toBe(6);
    expect(wrong.stderr).toContain(`wrong password for keystore ${keystore} [WrongPassword]`);
    expect(wrong.stderr).not.toContain('guess');
    // no terminal to prompt on (cron): say which variable to set
    const none = await cli(['--endpoint', chain.endpoint, 'pool', 'create'], { PHALA_KEYSTORE: keystore });
    expect(none.code).toBe(6);
    expect(none.stderr).toContain(
      'give --password-file FILE (or PHALA_KEYSTORE_PASSWORD_FILE) for non-interactive use [PasswordRequired]',
    );
    // a dry run needs only the address, which the keystore holds in the clear
    const dry = await cli([
      '--endpoint',
      chain.endpoint,
      '--keystore',
      keystore,
      '--dry-run',
      '--json',
      'pool',
      'create',
    ]);
    expect(dry.code).toBe(0);
    expect(json(dry)).toMatchObject({ dryRun: true, signer: address });
  });

  test('refuses missing, unreadable and conflicting keys with exit 6', async ({ chain, operator }) => {
    const { dir, keystore } = operator;
    const none = await cli(['--endpoint', chain.endpoint, 'pool', 'create']);
    expect(none.code).toBe(6);
    expect(none.stderr).toMatch(/this command signs: set PHALA_SURI, or give --keystore FILE .* \[NoKey\]/);
    expect(
      (await cli(['--endpoint', chain.endpoint, '--keystore', join(dir, 'missing.json'), 'pool', 'create']))
        .stderr,
    ).toContain('(ENOENT) [KeystoreUnreadable]');
    writeFileSync(join(dir, 'junk.json'), '{"hello":1}');
    expect(
      (await cli(['--endpoint', chain.endpoint, '--keystore', join(dir, 'junk.json'), 'pool', 'create']))
        .code,
    ).toBe(6);
    expect(
      (await cli(['--endpoint', chain.endpoint, '--account', 'mallory', 'pool', 'create'])).stderr,
    ).toContain('[UnknownDevAccount]');
    expect(
      (
        await cli([
          '--endpoint',
          chain.endpoint,
          '--account',
          'bob',
          '--keystore',
          keystore,
          'pool',
          'create',
        ])
      ).code,
    ).toBe(6);
  });
});
