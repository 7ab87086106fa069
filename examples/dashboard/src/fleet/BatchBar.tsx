import type { MiningClient, OperationChain } from '@phala-mining/core';
import type { OperationHook } from '@phala-mining/react';
import { useState } from 'react';
import { amount, parsePha, short } from '../format.js';
import { ConfirmDialog, Facts, OpStatus } from '../ui.js';
import type { FleetRow } from './useAllWorkers.js';
import type { WorkerOp } from './WorkerRow.js';

export type StakeMode = 'row' | 'smin' | 'smax';

export interface Planned {
  kind: WorkerOp;
  rows: FleetRow[];
  /** per worker, for start */
  stakes: bigint[];
}

export function buildBatch(client: MiningClient, plan: Planned): OperationChain<void> {
  // one extrinsic for the whole selection, across pools (utility.batchAll: all or nothing)
  return plan.rows.reduce<OperationChain<void>>((chain, w, i) => {
    const c = chain.pool(w.pid);
    switch (plan.kind) {
      case 'start':
        return c.startMining(w.pubkey, plan.stakes[i]!);
      case 'stop':
        return c.stopMining(w.pubkey);
      case 'reclaim':
        return c.reclaimWorker(w.pubkey);
      default:
        return c.removeWorker(w.pubkey);
    }
  }, client.pool(plan.rows[0]!.pid));
}

const APPLIES: Record<WorkerOp, (w: FleetRow, account: string | undefined) => boolean> = {
  start: (w, a) => w.owner === a && w.state === 'Ready',
  stop: (w, a) => w.owner === a && (w.state === 'Mining' || w.state === 'Unresponsive'),
  reclaim: (w) => w.state === 'CoolingDown' && w.reclaimable,
  remove: (w, a) => w.owner === a && w.state === 'Ready',
};

const LABEL: Record<WorkerOp, string> = {
  start: 'Start',
  stop: 'Stop',
  reclaim: 'Reclaim',
  remove: 'Remove',
};

/** Batch actions on the selected workers; `onSent` lets the rows show the batch's outcome as theirs. */
export function BatchBar({
  selected,
  account,
  stakeDrafts,
  op,
  onSent,
}: {
  selected: FleetRow[];
  account: string | undefined;
  stakeDrafts: Record<string, string>;
  /** the batch operation (`useOperation(buildBatch)`), held by the list so the rows can show its outcome */
  op: OperationHook<[plan: Planned], void>;
  onSent: (keys: string[]) => void;
}) {
  const [mode, setMode] = useState<StakeMode>('smin');
  const [plan, setPlan] = useState<Planned>();
  const [local, setLocal] = useState<string>();

  const open = (kind: WorkerOp) => {
    const rows = selected.filter((w) => APPLIES[kind](w, account));
    if (rows.length === 0) return;
    const stakes: bigint[] = [];
    if (kind === 'start') {
      for (const w of rows) {
        const value =
          mode === 'smin' ? w.smin : mode === 'smax' ? w.smax : parseRowStake(stakeDrafts[w.pubkey]);
        if (value === undefined)
          return setLocal(
            mode === 'row'
              ? `Worker ${short(w.pubkey)}: type its stake in its row, or start at Smin/Smax.`
              : `Worker ${short(w.pubkey)} has no Smin/Smax (no benchmark yet).`,
          );
        stakes.push(value);
      }
    }
    setLocal(undefined);
    setPlan({ kind, rows, stakes });
  };

  const total = plan?.stakes.reduce((s, v) => s + v, 0n) ?? 0n;
  return (
    <div className="batchbar" data-testid="batch">
      <span data-testid="selected-count">{selected.length} selected</span>
      <label className="inline-label">
        Start with
        <select
          value={mode}
          onChange={(e) => setMode(e.target.value as StakeMode)}
          data-testid="batch-stake-mode"
        >
          <option value="smin">each worker's Smin</option>
          <option value="smax">each worker's Smax</option>
          <option value="row">the stake typed in each row</option>
        </select>
      </label>
      {(Object.keys(LABEL) as WorkerOp[]).map((kind) => {
        const n = selected.filter((w) => APPLIES[kind](w, account)).length;
        return (
          <button
            key={kind}
            type="button"
            disabled={n === 0 || op.status === 'pending'}
            onClick={() => open(kind)}
            data-testid={`batch-${kind}`}
          >
            {LABEL[kind]} {n}
          </button>
        );
      })}
      <OpStatus op={op} local={local} onDismissLocal={() => setLocal(undefined)} testId="batch-status" />
      {plan ? (
        <ConfirmDialog
          title={`${LABEL[plan.kind]} ${plan.rows.length} worker${plan.rows.length === 1 ? '' : 's'} in one transaction`}
          fee={() => op.estimateFee(plan)}
          onCancel={() => setPlan(undefined)}
          onConfirm={() => {
            const p = plan;
            setPlan(undefined);
            onSent(p.rows.map((w) => w.pubkey));
            void op.send(p);
          }}
        >
          <Facts
            testId="confirm-facts"
            rows={[
              ['Workers', String(plan.rows.length)],
              ...(plan.kind === 'start' ? ([['Total stake', amount(total)]] as [string, string][]) : []),
              ...(plan.kind === 'stop'
                ? ([['Stake cooling down', amount(plan.rows.reduce((s, w) => s + w.stake, 0n))]] as [
                    string,
                    string,
                  ][])
                : []),
            ]}
          />
          <ul className="plan small" data-testid="confirm-plan">
            {plan.rows.map((w, i) => (
              <li key={w.pubkey}>
                pool #{String(w.pid)} · {short(w.pubkey)}
                {plan.kind === 'start' ? ` · ${amount(plan.stakes[i])}` : ''}
              </li>
            ))}
          </ul>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function parseRowStake(text: string | undefined): bigint | undefined {
  if (!text) return undefined;
  const parsed = parsePha(text);
  return 'error' in parsed ? undefined : parsed.value;
}
