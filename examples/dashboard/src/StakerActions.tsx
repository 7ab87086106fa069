import type { AnySigner, PoolInfo } from '@phala-mining/core';
import { useClaim, useContribute, useStake, useTokenomics, useWithdraw } from '@phala-mining/react';
import { type FormEvent, useState } from 'react';
import { useChainNow, useGracePeriod } from './chain.js';
import { amount, date, parsePha, short } from './format.js';
import { ConfirmDialog, Facts, OpStatus } from './ui.js';

export interface AccountChoice {
  address: string;
  label: string;
}

export function Contribute({ pool, signer }: { pool: PoolInfo; signer: AnySigner | undefined }) {
  const op = useContribute(pool.pid, { signer });
  const [text, setText] = useState('');
  const [local, setLocal] = useState<string>();
  const capGap = pool.cap === undefined ? undefined : pool.cap - pool.totalStake;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parsePha(text);
    if ('error' in parsed) return setLocal(`Contribution: ${parsed.error}`);
    setLocal(undefined);
    // cleared once staked, so a second click cannot stake the same amount again by accident
    void op.send(parsed.value).then((r) => r && setText(''));
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
      <OpStatus op={op} local={local} onDismissLocal={() => setLocal(undefined)} testId="contribute-status" />
    </form>
  );
}

/** The immediate/queued split of a withdrawal: the pool pays from its free stake now, the rest waits in the queue. */
export function withdrawalSplit(requested: bigint, freeStake: bigint): { now: bigint; queued: bigint } {
  const now = requested < freeStake ? requested : freeStake;
  return { now, queued: requested - now };
}

export function Withdraw({ pool, signer }: { pool: PoolInfo; signer: AnySigner | undefined }) {
  const op = useWithdraw(pool.pid, { signer });
  const stake = useStake(pool.pid, signer?.address).data;
  const now = useChainNow();
  const grace = useGracePeriod();
  const cooldown = useTokenomics().data?.coolDownPeriod;
  const [text, setText] = useState('');
  const [local, setLocal] = useState<string>();
  const [confirming, setConfirming] = useState<bigint>();
  const [sentSplit, setSentSplit] = useState<{ now: bigint; queued: bigint }>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parsePha(text);
    if ('error' in parsed) return setLocal(`Withdrawal: ${parsed.error}`);
    setLocal(undefined);
    setConfirming(parsed.value);
  };
  const split = confirming === undefined ? undefined : withdrawalSplit(confirming, pool.freeStake);
  const deadline = now !== undefined && grace !== undefined ? now + grace : undefined;
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
      <OpStatus
        op={op}
        local={local}
        onDismissLocal={() => setLocal(undefined)}
        testId="withdraw-status"
        done={
          sentSplit
            ? `${amount(sentSplit.now)} paid now${sentSplit.queued > 0n ? `, ${amount(sentSplit.queued)} queued` : ''}`
            : undefined
        }
      />
      {confirming === undefined || split === undefined ? null : (
        <ConfirmDialog
          title={`Withdraw ${amount(confirming)} from pool #${pool.pid}`}
          fee={() => op.estimateFee({ amount: confirming })}
          onCancel={() => setConfirming(undefined)}
          onConfirm={() => {
            setConfirming(undefined);
            setSentSplit(split);
            void op.send({ amount: confirming }).then((r) => r && setText(''));
          }}
        >
          <Facts
            testId="confirm-facts"
            rows={[
              ['Paid now', amount(split.now)],
              ['Queued', amount(split.queued)],
              ...(split.queued > 0n
                ? ([
                    [
                      'If not covered by',
                      deadline === undefined
                        ? '7 days from now'
                        : `${date(deadline)}: every worker of the pool is stopped`,
                    ],
                    [
                      'Latest withdrawal',
                      deadline === undefined || cooldown === undefined ? '—' : date(deadline + cooldown),
                    ],
                  ] as [string, string][])
                : []),
            ]}
          />
          {split.queued > 0n ? (
            <p className="muted small">
              A new request replaces your earlier one in this pool's queue, with a fresh 7-day countdown.
            </p>
          ) : null}
        </ConfirmDialog>
      )}
    </form>
  );
}

export function Claim({
  pool,
  account,
  signer,
  accounts,
}: {
  pool: PoolInfo;
  account: string | undefined;
  signer: AnySigner | undefined;
  /** the wallet's accounts, offered as the target ("choose your account") */
  accounts: AccountChoice[];
}) {
  const op = useClaim(pool.pid, { signer });
  const stake = useStake(pool.pid, account).data;
  const ownerReward = pool.owner === account ? pool.ownerReward : 0n;
  const stakerReward = stake?.claimableRewards ?? 0n;
  const [confirming, setConfirming] = useState(false);
  const [target, setTarget] = useState<string>('');
  const [other, setOther] = useState('');
  const [claimedTo, setClaimedTo] = useState<string>();
  const to = target === 'other' ? other.trim() : target || account || '';
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setConfirming(true);
      }}
      data-testid="form-claim"
    >
      <label>
        Rewards
        <output data-testid="claimable">
          Owner Reward {amount(ownerReward)} · Staker Reward {amount(stakerReward)}
        </output>
      </label>
      <button type="submit">Claim</button>
      <OpStatus
        op={op}
        testId="claim-status"
        done={
          op.result
            ? `${amount(op.result.value)} claimed to ${claimedTo ? short(claimedTo) : 'you'}`
            : undefined
        }
      />
      {confirming ? (
        <ConfirmDialog
          title={`Claim from pool #${pool.pid}`}
          fee={() => op.estimateFee('both', to || undefined)}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            setClaimedTo(to);
            void op.send('both', to || undefined);
          }}
        >
          <Facts
            testId="confirm-facts"
            rows={[
              ['Amount', amount(ownerReward + stakerReward)],
              ['Owner Reward', amount(ownerReward)],
              ['Staker Reward', amount(stakerReward)],
            ]}
          />
          <label className="field">
            Pay to
            <select
              value={target}
              onChange={(e) => setTarget(e.target.value)}
              data-testid="claim-target"
              aria-label="Account the rewards are paid to"
            >
              <option value="">the signing account {account ? short(account) : ''}</option>
              {accounts
                .filter((a) => a.address !== account)
                .map((a) => (
                  <option key={a.address} value={a.address}>
                    {a.label} {short(a.address)}
                  </option>
                ))}
              <option value="other">another address…</option>
            </select>
          </label>
          {target === 'other' ? (
            <label className="field">
              Address
              <input
                value={other}
                onChange={(e) => setOther(e.target.value)}
                spellCheck={false}
                data-testid="claim-other"
              />
            </label>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </form>
  );
}
