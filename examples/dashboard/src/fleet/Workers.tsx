import type { AnySigner, PoolInfo } from '@phala-mining/core';
import { useOperation, usePools } from '@phala-mining/react';
import { useMemo, useState } from 'react';
import { Card, Scroll } from '../ui.js';
import { BatchBar, buildBatch } from './BatchBar.js';
import { nextSeq } from './seq.js';
import { arrange, type FleetFilter, type SortKey, useAllWorkers } from './useAllWorkers.js';
import { WorkerRow } from './WorkerRow.js';

interface Props {
  account: string | undefined;
  signer: AnySigner | undefined;
  /** the pool filter ("Show this only" in the pool list sets it) */
  pool: bigint | undefined;
  onPool: (pid: bigint | undefined) => void;
  /** the connection failed: nothing is loading any more */
  failed: boolean;
}

const STATES = ['Unresponsive', 'Mining', 'CoolingDown', 'Ready'];
const COLUMNS: [SortKey | undefined, string, boolean][] = [
  ['key', 'Worker', false],
  ['pool', 'Pool', false],
  ['cores', 'Mining Core', true],
  ['state', 'State', false],
  ['stake', 'Stake', true],
  ['reward', 'Total Reward', true],
  [undefined, 'Smin – Smax', false],
  [undefined, 'Cooldown ends', false],
];

/**
 * The fleet: every pool's workers in one list with sort, filter by state and pool, search by key, and a selection
 * for batch actions. Workers needing attention are pinned at the top. Mounted with `key={account}`.
 */
export function Workers({ account, signer, pool, onPool, failed }: Props) {
  const { rows } = useAllWorkers();
  const pools = usePools().data ?? [];
  const [filter, setFilter] = useState<Omit<FleetFilter, 'pool'>>({
    state: '',
    search: '',
    sort: 'pool',
    descending: false,
  });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [stakes, setStakes] = useState<Record<string, string>>({});
  const batchOp = useOperation(buildBatch, { signer });
  const [batch, setBatch] = useState<{ seq: number; keys: Set<string> }>();

  const shown = useMemo(() => arrange([...(rows ?? [])], { ...filter, pool }), [rows, filter, pool]);
  const byPid = new Map<bigint, PoolInfo>(pools.map((p) => [p.pid, p]));
  const selectedRows = shown.filter((w) => selected.has(w.pubkey));
  const allShownSelected = shown.length > 0 && shown.every((w) => selected.has(w.pubkey));
  const toggle = (key: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  const sortBy = (key: SortKey) =>
    setFilter((f) => ({ ...f, sort: key, descending: f.sort === key ? !f.descending : false }));

  return (
    <Card
      title={pool === undefined ? 'Workers' : `Workers of pool #${pool}`}
      testId="workers"
      wide
      actions={
        <span className="muted small" data-testid="workers-count">
          {shown.length} of {rows?.length ?? 0} shown
        </span>
      }
    >
      <div className="toolbar">
        <label className="inline-label">
          Search
          <input
            type="search"
            value={filter.search}
            onChange={(e) => setFilter((f) => ({ ...f, search: e.target.value }))}
            placeholder="public key"
            spellCheck={false}
            data-testid="worker-search"
          />
        </label>
        <label className="inline-label">
          State
          <select
            value={filter.state}
            onChange={(e) => setFilter((f) => ({ ...f, state: e.target.value }))}
            data-testid="state-filter"
          >
            <option value="">all</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-label">
          Pool
          <select
            value={pool === undefined ? '' : String(pool)}
            onChange={(e) => onPool(e.target.value === '' ? undefined : BigInt(e.target.value))}
            data-testid="pool-filter"
          >
            <option value="">all</option>
            {pools.map((p) => (
              <option key={String(p.pid)} value={String(p.pid)}>
                #{String(p.pid)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <BatchBar
        selected={selectedRows}
        account={account}
        stakeDrafts={stakes}
        op={batchOp}
        onSent={(keys) => setBatch({ seq: nextSeq(), keys: new Set(keys) })}
      />
      {rows === undefined && !failed ? <p className="muted">loading workers…</p> : null}
      {rows === undefined && failed ? <p className="muted">Not connected: no workers to show.</p> : null}
      {rows !== undefined && shown.length === 0 ? (
        <p className="muted">
          {rows.length === 0
            ? 'No workers: "Add Worker" in a pool you own adds them by their miner public keys.'
            : 'No worker matches the filter.'}
        </p>
      ) : null}
      {shown.length > 0 ? (
        <Scroll tall>
          <table>
            <thead>
              <tr>
                <th>
                  <input
                    type="checkbox"
                    checked={allShownSelected}
                    onChange={(e) =>
                      setSelected(e.target.checked ? new Set(shown.map((w) => w.pubkey)) : new Set())
                    }
                    aria-label="Select all shown workers"
                    data-testid="select-all"
                  />
                </th>
                {COLUMNS.map(([key, label, num]) => (
                  <th
                    key={label}
                    className={num ? 'num' : ''}
                    aria-sort={
                      key && filter.sort === key
                        ? filter.descending
                          ? 'descending'
                          : 'ascending'
                        : undefined
                    }
                  >
                    {key ? (
                      <button
                        type="button"
                        className="sort"
                        onClick={() => sortBy(key)}
                        data-testid={`sort-${key}`}
                      >
                        {label}
                        {filter.sort === key ? (filter.descending ? ' ▼' : ' ▲') : ''}
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                ))}
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((w) => (
                <WorkerRow
                  key={`${account}:${w.pid}:${w.pubkey}`}
                  row={w}
                  account={account}
                  signer={signer}
                  freeStake={byPid.get(w.pid)?.freeStake ?? 0n}
                  stake={stakes[w.pubkey] ?? ''}
                  onStake={(text) => setStakes((s) => ({ ...s, [w.pubkey]: text }))}
                  selected={selected.has(w.pubkey)}
                  onSelect={(on) => toggle(w.pubkey, on)}
                  batch={batch?.keys.has(w.pubkey) ? { seq: batch.seq, op: batchOp } : undefined}
                />
              ))}
            </tbody>
          </table>
        </Scroll>
      ) : null}
    </Card>
  );
}
