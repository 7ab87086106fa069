import { type AnySigner, isColdSigner } from '@phala-mining/core';
import { usePool } from '@phala-mining/react';
import { PoolDescription } from './PoolDescription.js';
import { PoolSettings } from './PoolSettings.js';
import { type AccountChoice, Claim, Contribute, Withdraw } from './StakerActions.js';
import { Card } from './ui.js';

interface Props {
  pid: bigint;
  account: string | undefined;
  signer: AnySigner | undefined;
  accounts: AccountChoice[];
}

/**
 * The selected pool's operations. Every rule is checked against chain state before the wallet is asked to sign,
 * so a bad input shows the SDK's reason (below Smin, over the cap gap, not the owner …) and never a signing prompt.
 * The parent mounts it with `key={account:pid}`: a result or an error belongs to the account and pool it was made
 * for, and switching either starts with a clean card.
 */
export function PoolActions({ pid, account, signer, accounts }: Props) {
  const pool = usePool(pid).data;
  const isOwner = pool !== undefined && pool.owner === account;
  return (
    <Card title={`Pool #${pid}`} testId="pool-actions" wide>
      <p className="muted">
        {isOwner && signer && isColdSigner(signer)
          ? `You act for this pool's owner ${signer.coldKey === 'proxy' ? `as its ${signer.proxyType} proxy` : 'as one signatory of its multisig'}: what the chain lets that do is checked before signing.`
          : isOwner
            ? 'You own this pool: settings, workers and the owner reward are yours.'
            : 'Stake in this pool, withdraw, and claim your rewards.'}
      </p>
      {pool === undefined ? null : <PoolDescription description={pool.description} />}
      {pool === undefined ? (
        <p className="muted">loading the pool…</p>
      ) : (
        <div className="forms">
          {/* the owner's settings; the chain would refuse them from anyone else */}
          {isOwner ? <PoolSettings pool={pool} signer={signer} /> : null}
          <Contribute pool={pool} signer={signer} />
          <Withdraw pool={pool} signer={signer} />
          <Claim pool={pool} account={account} signer={signer} accounts={accounts} />
        </div>
      )}
    </Card>
  );
}
