import type { MiningSigner } from '@phala-mining/core';
import {
  useAddWorker,
  useClaim,
  useContribute,
  usePool,
  useSetCap,
  useSetPayout,
  useStake,
  useWithdraw,
} from '@phala-mining/react';
import { type FormEvent, useState } from 'react';
import { amount, parsePha } from './format.js';
import { Card, OpStatus } from './ui.js';

interface Props {
  pid: bigint;
  account: string | undefined;
  signer: MiningSigner | undefined;
}

/**
 * The selected pool's operations. Every rule is checked against chain state before the wallet is asked to sign,
 * so a bad input shows the SDK's reason (below Smin, over the cap gap, not the owner …) and never a signing prompt.
 */
export function PoolActions({ pid, account, signer }: Props) {
  const pool = usePool(pid).data;
  const isOwner = pool !== undefined && pool.owner === account;
  return (
    <Card title={`Pool #${pid}`} testId="pool-actions">
      <p className="muted">
        {isOwner
          ? 'You own this pool: settings, workers and the owner reward are yours.'
          : 'Stake in this pool, withdraw, and claim your rewards.'}
      </p>
      <div className="forms">
        {/* the owner's settings; the chain would refuse them from anyone else */}
        {isOwner ? (
          <>
            <SetPayout pid={pid} signer={signer} />
            <SetCap pid={pid} signer={signer} />
            <AddWorker pid={pid} signer={signer} />
          </>
        ) : null}
        <Contribute
          pid={pid}
          signer={signer}
          capGap={pool?.cap === undefined ? undefined : pool.cap - pool.totalStake}
        />
        <Withdraw pid={pid} signer={signer} />
        <Claim pid={pid} account={account} signer={signer} ownerReward={isOwner ? pool.ownerReward : 0n} />
      </div>
    </Card>
  );
}

function SetPayout({ pid, signer }: { pid: bigint; signer: MiningSigner | undefined }) {
  const op = useSetPayout(pid, { signer });
  const [text, setText] = useState('20');
  const [local, setLocal] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const percent = Number(text);
    if (text.trim() === '' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
      setLocal('The payout is a percentage between 0 and 100.');
      return;
    }
    setLocal(undefined);
    void op.send(percent);
  };
  return (
    <form onSubmit={submit} data-testid="form-payout">
      <label>
        Payout (commission %)
        <input
          value={text}
          onChange={(e) => setText(e.target.value)}
          inputMode="decimal"
          data-testid="payout-input"
        />
      </label>
      <button type="submit">Set Payout Pref</button>
      <OpStatus op={op} local={local} testId="payout-status" />
    </form>
  );
}

function SetCap({ pid, signer }: { pid: bigint; signer: MiningSigner | undefined }) {
  const op = useSetCap(pid, { signer });
  const [text, setText] = useState('');
  const [local, setLocal] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parsePha(text);
    if ('error' in parsed) return setLocal(`Cap: ${parsed.error}`);
    setLocal(undefined);
    void op.send(parsed.value);
  };
  return (
    <form onSubmit={submit} data-testid="form-cap">
      <label>
        Staking capacity (PHA)
        <input
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="e.g. 50000"
          data-testid="cap-input"
        />
      </label>
      <button type="submit">Set Cap</button>
      <OpStatus op={op} local={local} testId="cap-status" />
    </form>
  );
}

function AddWorker({ pid, signer }: { pid: bigint; signer: MiningSigner | undefined }) {
  const op = useAddWorker(pid, { signer });
  const [text, setText] = useState('');
  const [local, setLocal] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!/^0x[0-9a-fA-F]{64}$/.test(text.trim()))
      return setLocal('The miner public key is 0x followed by 64 hex digits.');
    setLocal(undefined);
    void op.send(text.trim()).then((r) => r && setText(''));
  };
  return (
    <form onSubmit={submit} data-testid="form-add-worker">
      <label>
        Miner public key
        <input
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="0x…"
          spellCheck={false}
          data-testid="worker-input"
        />
      </label>
      <button type="submit">Add Worker</button>
      <OpStatus op={op} local={local} testId="add-worker-status" />
    </form>
  );
}

function Contribute({
  pid,
  signer,
  capGap,
}: {
  pid: bigint;
  signer: MiningSigner | undefined;
  capGap: bigint | undefined;
}) {
  const op = useContribute(pid, { signer });
  const [text, setText] = useState('');
  const [local, setLocal] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parsePha(text);
    if ('error' in parsed) return setLocal(`Contribution: ${parsed.error}`);
    setLocal(undefined);
    void op.send(parsed.value);
  };
  return (
    <form onSubmit={submit} data-testid="form-contribute">
      <label>
        Stake (PHA){capGap === undefined ? '' : ` — pool cap gap ${amount(capGap)}`}
        <input
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="e.g. 1000"
          data-testid="contribute-input"
        />
      </label>
      <button type="submit">Contribute</button>
      <OpStatus op={op} local={local} testId="contribute-status" />
    </form>
  );
}

function Withdraw({ pid, signer }: { pid: bigint; signer: MiningSigner | undefined }) {
  const op = useWithdraw(pid, { signer });
  const stake = useStake(pid, signer?.address).data;
  const [text, setText] = useState('');
  const [local, setLocal] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parsePha(text);
    if ('error' in parsed) return setLocal(`Withdrawal: ${parsed.error}`);
    setLocal(undefined);
    void op.send({ amount: parsed.value });
  };
  return (
    <form onSubmit={submit} data-testid="form-withdraw">
      <label>
        Withdraw (PHA){stake ? ` — your stake ${amount(stake.value)}` : ''}
        <input
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="what the pool cannot pay now is queued"
          data-testid="withdraw-input"
        />
      </label>
      <button type="submit">Withdraw</button>
      <OpStatus op={op} local={local} testId="withdraw-status" />
    </form>
  );
}

function Claim({
  pid,
  account,
  signer,
  ownerReward,
}: {
  pid: bigint;
  account: string | undefined;
  signer: MiningSigner | undefined;
  ownerReward: bigint;
}) {
  const op = useClaim(pid, { signer });
  const stake = useStake(pid, account).data;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void op.send('both');
      }}
      data-testid="form-claim"
    >
      <label>
        Rewards
        <output data-testid="claimable">
          Owner Reward {amount(ownerReward)} · Staker Reward {amount(stake?.claimableRewards ?? 0n)}
        </output>
      </label>
      <button type="submit">Claim</button>
      <OpStatus op={op} testId="claim-status" />
    </form>
  );
}
