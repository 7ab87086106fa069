import type { AnySigner, PoolInfo } from '@phala-mining/core';
import { useCreatePool, usePools } from '@phala-mining/react';
import { useState } from 'react';
import { type FleetRow, needsAttention, useAllWorkers } from './fleet/useAllWorkers.js';
import { amount, message, shares, short } from './format.js';
import { Card, OpStatus, Scroll } from './ui.js';

interface Props {
  account: string | undefined;
  signer: AnySigner | undefined;
  selected: bigint | undefined;
  showOnly: bigint | undefined;
  /** the connection failed: nothing is loading any more */
  failed: boolean;
  onSelect: (pid: bigint) => void;
  onShowOnly: (pid: bigint) => void;
}

interface Totals {
  mining: number;
  attention: number;
  miningStake: bigint;
  mined: bigint;
}

function totalsOf(rows: FleetRow[] | undefined): Map<bigint, Totals> {
  const totals = new Map<bigint, Totals>();
  for (const w of rows ?? []) {
    const t = totals.get(w.pid) ?? { mining: 0, attention: 0, miningStake: 0n, mined: 0n };
    if (w.state === 'Mining' || w.state === 'Unresponsive') {
      t.mining += 1;
      t.miningStake += w.stake;
    }
    if (needsAttention(w)) t.attention += 1;
    t.mined += w.totalReward;
    totals.set(w.pid, t);
  }
  return totals;
}

type PoolSort = 'pid' | 'free' | 'workers' | 'reward';
const SORTS: Record<PoolSort, (a: PoolInfo, b: PoolInfo) => number> = {
  pid: (a, b) => (a.pid < b.pid ? -1 : 1),
  free: (a, b) => (a.freeStake > b.freeStake ? -1 : a.freeStake < b.freeStake ? 1 : 0),
  workers: (a, b) => b.workers.length - a.workers.length,
  reward: (a, b) => (a.ownerReward > b.ownerReward ? -1 : a.ownerReward < b.ownerReward ? 1 : 0),
};

/** The Stakepool list with the Phala App's columns and per-pool totals of the workers. */
export function Pools({ account, signer, selected, showOnly, failed, onSelect, onShowOnly }: Props) {
  const pools = usePools();
  const { rows } = useAllWorkers();
  const [sort, setSort] = useState<PoolSort>('pid');
  const [mine, setMine] = useState(false);
  const totals = totalsOf(rows);
  const list = (pools.data ?? []).filter((p) => !mine || p.owner === account).sort(SORTS[sort]);
  return (
    <Card
      title="Stake pools"
      testId="pools"
      wide
      actions={
        <>
          <label className="inline-label">
            <input
              type="checkbox"
              checked={mine}
              onChange={(e) => setMine(e.target.checked)}
              data-testid="pools-mine"
            />
            mine only
          </label>
          <label className="inline-label">
            Sort
            <select
              value={sort}
              onChange={(e) => setSort(e.target.value as PoolSort)}
              data-testid="pools-sort"
            >
              <option value="pid">by id</option>
              <option value="free">by free stake</option>
              <option value="workers">by workers</option>
              <option value="reward">by owner reward</option>
            </select>
          </label>
          {/* keyed by account: one account's "✓ done" or error never shows under another */}
          <CreatePool key={account ?? ''} account={account} signer={signer} onCreated={onSelect} />
        </>
      }
    >
      {pools.status === 'loading' && !failed ? <p className="muted">loading pools…</p> : null}
      {failed && pools.data === undefined ? (
        <p className="status error" data-testid="pools-failed">
          Not connected: check the endpoint above.
        </p>
      ) : null}
      {pools.error ? <p className="status error">{message(pools.error)}</p> : null}
      {pools.status === 'success' && list.length === 0 ? (
        <p className="muted">
          {mine ? 'You own no pool yet.' : 'No pools yet: "Create Pool" makes the first one.'}
        </p>
      ) : null}
      {list.length > 0 ? (
        <Scroll>
          <table className="pools-table">
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
                <th className="num">Mining stake</th>
                <th className="num">Mined</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.map((p) => {
                const t = totals.get(p.pid);
                return (
                  <tr
                    key={String(p.pid)}
                    className={p.pid === selected ? 'selected' : ''}
                    data-testid={`pool-${p.pid}`}
                  >
                    <td>#{String(p.pid)}</td>
                    <td title={p.owner} className="wrap">
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
                    <td className="num wrap" data-testid="worker-totals">
                      {t ? `${t.mining} of ${p.workers.length} mining` : String(p.workers.length)}
                      {t?.attention ? <span className="tag warn">{t.attention} need attention</span> : null}
                    </td>
                    <td className="num" data-testid="mining-stake">
                      {amount(t?.miningStake ?? 0n)}
                    </td>
                    <td className="num" data-testid="mined">
                      {amount(t?.mined ?? 0n)}
                    </td>
                    <td>
                      <div className="row-actions">
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
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Scroll>
      ) : null}
    </Card>
  );
}

function CreatePool({
  account,
  signer,
  onCreated,
}: {
  account: string | undefined;
  signer: AnySigner | undefined;
  onCreated: (pid: bigint) => void;
}) {
  const create = useCreatePool({ signer });
  return (
    <>
      <button
        type="button"
        className="primary"
        data-testid="create-pool"
        onClick={async () => {
          const result = await create.send();
          if (result) onCreated(result.value);
        }}
        disabled={!account || create.status === 'pending'}
      >
        Create Pool
      </button>
      <OpStatus op={create} testId="create-pool-status" />
    </>
  );
}
