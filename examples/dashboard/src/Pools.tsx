import type { MiningSigner } from '@phala-mining/core';
import { useCreatePool, usePools } from '@phala-mining/react';
import { amount, shares, short } from './format.js';
import { Card, OpStatus } from './ui.js';

interface Props {
  account: string | undefined;
  signer: MiningSigner | undefined;
  selected: bigint | undefined;
  showOnly: bigint | undefined;
  onSelect: (pid: bigint) => void;
  onShowOnly: (pid: bigint) => void;
}

/** The Stakepool list with the Phala App's columns. */
export function Pools({ account, signer, selected, showOnly, onSelect, onShowOnly }: Props) {
  const pools = usePools();
  const create = useCreatePool({ signer });
  const createPool = async () => {
    const result = await create.send();
    if (result) onSelect(result.value);
  };
  const list = pools.data ?? [];
  return (
    <Card
      title="Stake pools"
      testId="pools"
      actions={
        <>
          <button
            type="button"
            data-testid="create-pool"
            onClick={createPool}
            disabled={!account || create.status === 'pending'}
          >
            Create Pool
          </button>
          <OpStatus op={create} testId="create-pool-status" />
        </>
      }
    >
      {pools.status === 'loading' ? <p className="muted">loading pools…</p> : null}
      {pools.error ? <p className="status error">{pools.error.message}</p> : null}
      {pools.status === 'success' && list.length === 0 ? (
        <p className="muted">No pools yet: "Create Pool" makes the first one.</p>
      ) : null}
      {list.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th>Pool</th>
              <th>Owner</th>
              <th className="num">Owner Reward</th>
              <th className="num">Commission</th>
              <th className="num">Cap</th>
              <th className="num">Total Shares</th>
              <th className="num">Free Stake</th>
              <th className="num">Releasing Stake</th>
              <th className="num">Workers</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((p) => (
              <tr
                key={String(p.pid)}
                className={p.pid === selected ? 'selected' : ''}
                data-testid={`pool-${p.pid}`}
              >
                <td>#{String(p.pid)}</td>
                <td title={p.owner}>
                  {short(p.owner)}
                  {p.owner === account ? <span className="tag">you</span> : null}
                </td>
                <td className="num" data-testid="owner-reward">
                  {amount(p.ownerReward)}
                </td>
                <td className="num" data-testid="commission">
                  {p.commission / 10_000} %
                </td>
                <td className="num" data-testid="cap">
                  {p.cap === undefined ? 'unlimited' : amount(p.cap)}
                </td>
                <td className="num">{shares(p.totalShares)}</td>
                <td className="num" data-testid="free-stake">
                  {amount(p.freeStake)}
                </td>
                <td className="num">{amount(p.releasingStake)}</td>
                <td className="num">{p.workers.length}</td>
                <td className="row-actions">
                  <button type="button" onClick={() => onSelect(p.pid)} data-testid="manage">
                    {p.pid === selected ? 'Selected' : 'Manage / Stake'}
                  </button>
                  <button
                    type="button"
                    className={showOnly === p.pid ? 'active' : ''}
                    onClick={() => onShowOnly(p.pid)}
                    data-testid="show-only"
                  >
                    {showOnly === p.pid ? 'Show all' : 'Show this only'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Card>
  );
}
