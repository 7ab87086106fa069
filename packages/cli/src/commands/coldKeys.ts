import {
  formatPha,
  type MultisigSigner,
  PROXY_TYPES,
  type ProxyRelation,
  type ProxyTypeName,
  type TxResult,
  type TxSubmission,
} from '@phala-mining/core';
import { Command, Option } from 'commander';
import { parseAccount } from '../args.js';
import { actingAccount, multisigLine, multisigSigner, signerMode } from '../coldKeys.js';
import { UsageError } from '../errors.js';
import { trackStages } from '../progress.js';
import type { Session } from '../session.js';
import { execute, paidFee } from '../tx.js';
import type { Action } from './action.js';

function relationOptions(opts: { type?: string; delay?: string }): ProxyRelation {
  const delay =
    opts.delay === undefined ? 0 : /^\d+$/.test(opts.delay.trim()) ? Number(opts.delay) : Number.NaN;
  if (!Number.isSafeInteger(delay))
    throw new UsageError(`--delay must be a whole number of blocks, got ${JSON.stringify(opts.delay)}`);
  return { type: (opts.type ?? 'StakePoolManager') as ProxyTypeName, delay };
}

const typeOption = () =>
  new Option('--type <type>', 'proxy type')
    .choices(PROXY_TYPES as unknown as string[])
    .default('StakePoolManager');

/** `proxy add | remove | list`: hot keys that may act for a cold owner within their proxy type's filter. */
export function proxyCommand(action: Action): Command {
  const proxy = new Command('proxy').description(
    'proxies of the signer: let a hot key run the pools (StakePoolManager) while the owner key stays cold',
  );
  proxy
    .command('add')
    .description('make <delegate> a proxy of the signer (the signer reserves the deposit)')
    .argument('<delegate>', 'the account that may act for the signer')
    .addOption(typeOption())
    .option('--delay <blocks>', 'blocks an announced call must wait before the proxy may execute it', '0')
    .action(
      action(async (s, delegateText: string, opts: { type?: string; delay?: string }) => {
        const delegate = parseAccount(delegateText, s.ss58);
        const relation = relationOptions(opts);
        await execute(s, (c) => c.addProxy(delegate, relation), {
          summary: () => `${delegate} is now a ${relation.type} proxy (delay ${relation.delay})`,
          json: () => ({ delegate, proxyType: relation.type, delay: relation.delay }),
        });
      }),
    );
  proxy
    .command('remove')
    .description('end a proxy relation of the signer (same type and delay as added); the deposit returns')
    .argument('<delegate>', 'the proxy account')
    .addOption(typeOption())
    .option('--delay <blocks>', 'the delay it was added with', '0')
    .action(
      action(async (s, delegateText: string, opts: { type?: string; delay?: string }) => {
        const delegate = parseAccount(delegateText, s.ss58);
        const relation = relationOptions(opts);
        await execute(s, (c) => c.removeProxy(delegate, relation), {
          summary: () => `${delegate} is no longer a ${relation.type} proxy`,
          json: () => ({ delegate, proxyType: relation.type, delay: relation.delay }),
        });
      }),
    );
  proxy
    .command('list')
    .description("an account's proxies (default: the signer's)")
    .argument('[account]', 'the delegating account')
    .action(
      action(async (s, accountText: string | undefined) => {
        const account =
          accountText === undefined
            ? actingAccount(s.options, (await s.signingKey()).address, s.ss58)
            : parseAccount(accountText, s.ss58);
        const client = await s.client();
        const proxies = await s.first(client.proxies$(account));
        s.print(
          () =>
            proxies.length === 0
              ? `${account} has no proxies`
              : [
                  `proxies of ${account}:`,
                  ...proxies.map((p) => `  ${p.delegate}  ${p.proxyType}  delay ${p.delay}`),
                ].join('\n'),
          () => ({ account, proxies }),
        );
      }),
    );
  return proxy;
}

/** Follows a submission the way `execute` does and prints its outcome. */
async function follow(
  s: Session,
  label: string,
  signer: string,
  submission: TxSubmission<void>,
  summary: string,
): Promise<void> {
  const stop = s.quiet ? () => undefined : trackStages(label, submission, s.io.stderr);
  let result: TxResult<void>;
  try {
    result = await submission;
  } finally {
    stop();
  }
  const fee = paidFee(result.events);
  s.print(
    () =>
      `✓ ${summary} — block #${result.blockNumber}${result.finalized ? ' (finalized)' : ''}${fee === undefined ? '' : `, fee ${formatPha(fee, { group: true, unit: true })}`}${multisigLine(result)}`,
    () => ({
      ok: true,
      signer,
      hash: result.hash,
      blockHash: result.blockHash,
      blockNumber: result.blockNumber,
      finalized: result.finalized,
      fee,
      multisig: result.multisig,
      events: result.events.map((e) => ({ section: e.section, method: e.method, data: e.data })),
    }),
  );
}

function refuseDryRun(s: Session): void {
  // these commands sign at once; a dry run must never send
  if (s.dryRun)
    throw new UsageError('--dry-run is not available here: `multisig pending` shows what would be approved');
}

function callHashArg(text: string): string {
  const hash = text.trim().toLowerCase();
  if (!/^0x[0-9a-f]{64}$/.test(hash))
    throw new UsageError(`not a call hash (0x + 64 hex): ${JSON.stringify(text)}`);
  return hash;
}

/** `multisig pending | approve | cancel`, with the multisig named by `--multisig-threshold` and `--multisig-others`. */
export function multisigCommand(action: Action): Command {
  const multisig = new Command('multisig').description(
    'operations of a multisig owner: list what waits for approvals, approve by call hash, cancel',
  );
  multisig
    .command('pending')
    .description(
      'operations of a multisig account waiting for approvals (default: the one of the --multisig-* flags)',
    )
    .argument('[account]', 'the multisig account')
    .action(
      action(async (s, accountText: string | undefined) => {
        let account: string;
        if (accountText !== undefined) account = parseAccount(accountText, s.ss58);
        else
          account = multisigSigner(
            signerMode(s.options, s.ss58),
            (await s.signingKey()).address,
            s.ss58,
          ).address;
        const client = await s.client();
        const pending = await s.first(client.pendingMultisigs$(account));
        s.print(
          () =>
            pending.length === 0
              ? `${account} has no pending multisig operations`
              : [
                  `pending operations of ${account}:`,
                  ...pending.map(
                    (p) =>
                      `  ${p.callHash}  at ${p.when.height}-${p.when.index}  ${p.approvals.length} approval(s): ${p.approvals.join(', ')}  deposit ${formatPha(p.deposit, { group: true, unit: true })} by ${p.depositor}`,
                  ),
                ].join('\n'),
          () => ({ account, pending }),
        );
      }),
    );
  multisig
    .command('approve')
    .description('approve a pending operation by call hash; the last approval executes it and needs --call')
    .argument('<callHash>', 'blake2-256 of the call, 0x-hex')
    .option('--call <hex>', 'the call data (SCALE, 0x-hex), needed by the approval that executes it')
    .action(
      action(async (s, hashText: string, opts: { call?: string }) => {
        const hash = callHashArg(hashText);
        refuseDryRun(s);
        if (opts.call !== undefined && !/^0x([0-9a-f]{2})+$/i.test(opts.call.trim()))
          throw new UsageError('--call must be 0x-hex call data');
        const mode = signerMode(s.options, s.ss58);
        const key = await s.signingKey();
        const client = await s.client();
        const signer: MultisigSigner = multisigSigner(mode, await key.unlock(), s.ss58);
        await follow(
          s,
          'multisig approve',
          key.address,
          client.approveMultisig(signer, hash, opts.call?.trim()),
          `approved ${hash} for ${signer.address}`,
        );
      }),
    );
  multisig
    .command('cancel')
    .description('cancel a pending operation (only the signatory who opened it); its deposit returns')
    .argument('<callHash>', 'blake2-256 of the call, 0x-hex')
    .action(
      action(async (s, hashText: string) => {
        const hash = callHashArg(hashText);
        refuseDryRun(s);
        const mode = signerMode(s.options, s.ss58);
        const key = await s.signingKey();
        const client = await s.client();
        const signer = multisigSigner(mode, await key.unlock(), s.ss58);
        await follow(
          s,
          'multisig cancel',
          key.address,
          client.cancelMultisig(signer, hash),
          `cancelled ${hash}`,
        );
      }),
    );
  return multisig;
}
