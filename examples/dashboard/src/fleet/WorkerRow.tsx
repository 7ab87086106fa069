import { type AnySigner, formatPha } from '@phala-mining/core';
import {
  type OperationHook,
  useReclaimWorker,
  useRemoveWorker,
  useStartMining,
  useStopMining,
  useTokenomics,
} from '@phala-mining/react';
import { type FormEvent, useState } from 'react';
import { useChainNow } from '../chain.js';
import { amount, date, duration, parsePha, short } from '../format.js';
import { ConfirmDialog, Facts, OpStatus } from '../ui.js';
import { nextSeq } from './seq.js';
import { type FleetRow, needsAttention } from './useAllWorkers.js';

export type WorkerOp = 'start' | 'stop' | 'reclaim' | 'remove';

/** The last batch that included this worker, to compare with the row's own last send. */
export interface BatchOutcome {
  seq: number;
  op: OperationHook<any, any>;
}

interface Props {
  row: FleetRow;
  account: string | undefined;
  signer: AnySigner | undefined;
  freeStake: bigint;
  stake: string;
  onStake: (text: string) => void;
  selected: boolean;
  onSelect: (on: boolean) => void;
  batch: BatchOutcome | undefined;
}

/**
 * One worker. Mounted with `key={account:pid:pubkey}`: its results belong to that account and worker. It shows the
 * outcome of the operation sent LAST — its own or a batch it was part of — so a failed Stop after a successful
 * Start reads as the failure.
 */
export function WorkerRow({
  row: w,
  account,
  signer,
  freeStake,
  stake,
  onStake,
  selected,
  onSelect,
  batch,
}: Props) {
  const ops: Record<WorkerOp, OperationHook<any, any>> = {
    start: useStartMining(w.pid, { signer }),
    stop: useStopMining(w.pid, { signer }),
    reclaim: useReclaimWorker(w.pid, { signer }),
    remove: useRemoveWorker(w.pid, { signer }),
  };
  const [last, setLast] = useState<{ kind: WorkerOp; seq: number }>();
  const [local, setLocal] = useState<string>();
  const [confirm, setConfirm] = useState<'stop' | 'remove'>();
  const cooldown = useTokenomics().data?.coolDownPeriod;
  const now = useChainNow();
  const owner = w.owner === account;
  const attention = needsAttention(w);

  const run = (kind: WorkerOp, ...args: unknown[]) => {
    setLocal(undefined);
    setLast({ kind, seq: nextSeq() });
    void ops[kind].send(w.pubkey, ...args);
  };
  const startMining = (e: FormEvent) => {
    e.preventDefault();
    // no silent default: an empty field is a question, not Smin
    if (stake.trim() === '')
      return setLocal(`Enter a stake between Smin ${amount(w.smin)} and Smax ${amount(w.smax)}.`);
    const parsed = parsePha(stake);
    if ('error' in parsed) return setLocal(`Stake: ${parsed.error}`);
    run('start', parsed.value);
  };

  const own = last === undefined ? undefined : ops[last.kind];
  const shown = batch && (!last || batch.seq > last.seq) ? batch.op : own;

  return (
    <tr data-testid={`worker-${w.pubkey}`} className={attention ? 'attention' : ''}>
      <td>
        <input
          type="checkbox"
          checked={selected}
          onChange={(e) => onSelect(e.target.checked)}
          aria-label={`Select worker ${short(w.pubkey)}`}
          data-testid="select"
        />
      </td>
      <td title={w.pubkey}>
        {short(w.pubkey)}
        {attention ? (
          <span className="tag warn" data-testid="attention" title={attention}>
            needs attention
          </span>
        ) : null}
      </td>
      <td>#{String(w.pid)}</td>
      <td className="num" data-testid="cores">
        {w.cores ?? '—'}
      </td>
      <td>
        <span className={`state ${w.state}`} data-testid="state">
          {w.state}
        </span>
      </td>
      <td className="num" data-testid="stake">
        {amount(w.stake)}
      </td>
      <td className="num" data-testid="total-reward">
        {amount(w.totalReward)}
      </td>
      <td className="small">
        {amount(w.smin)} – {amount(w.smax)}
      </td>
      <td className="small" data-testid="cooldown">
        {w.cooldownEnd === undefined
          ? '—'
          : `${date(w.cooldownEnd)} (${w.reclaimable ? 'over' : `${duration(w.cooldownRemaining ?? 0n)} left`})`}
      </td>
      <td className="actions-cell">
        <div className="row-actions">
          {owner && w.state === 'Ready' ? (
            <form onSubmit={startMining} className="inline">
              <input
                value={stake}
                onChange={(e) => onStake(e.target.value)}
                placeholder="stake (PHA)"
                aria-label={`Stake for worker ${short(w.pubkey)}, between Smin and Smax, at most the pool's free stake ${amount(freeStake)}`}
                data-testid="start-stake"
              />
              {w.smin !== undefined ? (
                <button
                  type="button"
                  className="mini"
                  onClick={() => onStake(formatPha(w.smin!))}
                  data-testid="fill-smin"
                  title="Fill in this worker's Smin"
                >
                  Smin
                </button>
              ) : null}
              {w.smax !== undefined ? (
                <button
                  type="button"
                  className="mini"
                  onClick={() => onStake(formatPha(w.smax!))}
                  data-testid="fill-smax"
                  title="Fill in this worker's Smax"
                >
                  Smax
                </button>
              ) : null}
              <button type="submit" data-testid="start">
                Start
              </button>
              <button type="button" onClick={() => setConfirm('remove')} data-testid="remove">
                Remove
              </button>
            </form>
          ) : null}
          {owner && (w.state === 'Mining' || w.state === 'Unresponsive') ? (
            <button type="button" onClick={() => setConfirm('stop')} data-testid="stop">
              Stop
            </button>
          ) : null}
          {w.state === 'CoolingDown' ? (
            <button
              type="button"
              onClick={() => run('reclaim')}
              data-testid="reclaim"
              title="Anyone may reclaim once the cooldown is over"
            >
              Reclaim
            </button>
          ) : null}
        </div>
        <OpStatus
          op={shown}
          local={local}
          onDismissLocal={() => setLocal(undefined)}
          testId="worker-status"
        />
        {confirm === 'stop' ? (
          <ConfirmDialog
            title={`Stop worker ${short(w.pubkey)}`}
            confirmLabel="Stop mining"
            fee={() => ops.stop.estimateFee(w.pubkey)}
            onCancel={() => setConfirm(undefined)}
            onConfirm={() => {
              setConfirm(undefined);
              run('stop');
            }}
          >
            <Facts
              testId="confirm-facts"
              rows={[
                ['Stake cooling down', amount(w.stake)],
                ['Cooldown', cooldown === undefined ? '7 days' : duration(cooldown)],
                ['Cooldown ends', now === undefined || cooldown === undefined ? '—' : date(now + cooldown)],
              ]}
            />
            <p className="muted small">
              The worker earns nothing while it cools down; its stake is free again after a Reclaim.
            </p>
          </ConfirmDialog>
        ) : null}
        {confirm === 'remove' ? (
          <ConfirmDialog
            title={`Remove worker ${short(w.pubkey)} from pool #${w.pid}`}
            confirmLabel="Remove"
            fee={() => ops.remove.estimateFee(w.pubkey)}
            onCancel={() => setConfirm(undefined)}
            onConfirm={() => {
              setConfirm(undefined);
              run('remove');
            }}
          >
            <Facts
              testId="confirm-facts"
              rows={[
                ['Worker', short(w.pubkey)],
                ['Total reward so far', amount(w.totalReward)],
              ]}
            />
            <p className="muted small">It leaves the pool; adding it again needs its operator's key.</p>
          </ConfirmDialog>
        ) : null}
      </td>
    </tr>
  );
}
