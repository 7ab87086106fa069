import {
  asMultisig,
  type MiningClient,
  type MiningSigner,
  type PendingMultisig,
  type TxSubmission,
} from '@phala-mining/core';
import { useMiningClient, usePendingMultisigs } from '@phala-mining/react';
import { useEffect, useRef, useState } from 'react';
import { amount, message, short } from '../format.js';
import { Card, Scroll } from '../ui.js';
import { type Acting, othersOf, sameAccount } from './acting.js';

type Multisig = Extract<Acting, { kind: 'multisig' }>;

interface Props {
  multisig: Multisig;
  account: string;
  signer: MiningSigner | undefined;
  accounts: { address: string; label: string }[];
}

/**
 * What the multisig waits for: each pending operation with its approvals, depositor and timepoint, and Approve /
 * Cancel for this signatory. The approval that reaches the threshold executes the call and needs its call data
 * (paste it, or send the same operation again as a member); only the depositor may cancel.
 */
export function PendingMultisigs({ multisig, account, signer, accounts }: Props) {
  const pending = usePendingMultisigs(multisig.address);
  const list = pending.data ?? [];
  return (
    <Card
      title={`Multisig ${short(multisig.address)}: pending approvals`}
      testId="multisig-pending"
      wide
      actions={
        <span className="muted small" data-testid="multisig-summary">
          {multisig.threshold} of {multisig.signatories.length} signatories ·{' '}
          {multisig.signatories
            .map((s) => accounts.find((a) => a.address === s)?.label ?? short(s))
            .join(', ')}
        </span>
      }
    >
      {pending.error ? <p className="status error">{message(pending.error)}</p> : null}
      {pending.data === undefined && !pending.error ? <p className="muted">loading…</p> : null}
      {pending.data !== undefined && list.length === 0 ? (
        <p className="muted" data-testid="multisig-none">
          Nothing waits for approval.
        </p>
      ) : null}
      {list.length > 0 ? (
        <Scroll>
          <table>
            <thead>
              <tr>
                <th>Call hash</th>
                <th>Opened at</th>
                <th>Approvals</th>
                <th>Depositor</th>
                <th className="num">Deposit</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.map((p) => (
                <PendingRow
                  // keyed by the signatory too: a result belongs to the account that sent it
                  key={`${account}:${p.callHash}`}
                  pending={p}
                  multisig={multisig}
                  account={account}
                  signer={signer}
                  name={(a) => accounts.find((x) => sameAccount(x.address, a))?.label ?? short(a)}
                />
              ))}
            </tbody>
          </table>
        </Scroll>
      ) : null}
    </Card>
  );
}

function PendingRow({
  pending: p,
  multisig,
  account,
  signer,
  name,
}: {
  pending: PendingMultisig;
  multisig: Multisig;
  account: string;
  signer: MiningSigner | undefined;
  name: (address: string) => string;
}) {
  const run = useSubmission();
  const [callData, setCallData] = useState('');
  const approved = p.approvals.some((a) => sameAccount(a, account));
  const signatory = () =>
    signer
      ? asMultisig(signer, { threshold: multisig.threshold, others: othersOf(multisig, account) })
      : undefined;
  return (
    <tr data-testid={`pending-${p.callHash}`}>
      <td title={p.callHash}>{short(p.callHash)}</td>
      <td>
        #{p.when.height}-{p.when.index}
      </td>
      <td data-testid="approvals">
        {p.approvals.length} of {multisig.threshold}: {p.approvals.map(name).join(', ')}
        {approved ? <span className="tag">you approved</span> : null}
      </td>
      <td data-testid="depositor">{name(p.depositor)}</td>
      <td className="num">{amount(p.deposit)}</td>
      <td className="actions-cell">
        <div className="row-actions">
          <input
            value={callData}
            onChange={(e) => setCallData(e.target.value)}
            placeholder={p.callData ? 'call data on chain' : 'call data (0x…)'}
            aria-label="Call data, needed by the approval that executes the call"
            spellCheck={false}
            data-testid="call-data"
          />
          <button
            type="button"
            disabled={run.pending}
            onClick={() =>
              run.start((client) => {
                const s = signatory();
                return s ? client.approveMultisig(s, p.callHash, callData.trim() || undefined) : undefined;
              })
            }
            data-testid="approve"
          >
            Approve
          </button>
          <button
            type="button"
            disabled={run.pending}
            onClick={() =>
              run.start((client) => {
                const s = signatory();
                return s ? client.cancelMultisig(s, p.callHash) : undefined;
              })
            }
            data-testid="cancel"
          >
            Cancel
          </button>
        </div>
        {run.text ? (
          <p
            className={`status ${run.error ? 'error' : run.pending ? 'pending' : 'ok'}`}
            role={run.error ? 'alert' : undefined}
            data-testid="pending-status"
          >
            {run.text}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

/** Follows one `TxSubmission` (approve, cancel): its stage while pending, ✓ or the typed error's message. */
function useSubmission() {
  const { client } = useMiningClient();
  const [state, setState] = useState<{ text?: string; error?: boolean; pending: boolean }>({
    pending: false,
  });
  const live = useRef(true);
  useEffect(() => {
    // set again on mount: StrictMode runs the cleanup once before the real mount
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  const start = (build: (client: MiningClient) => TxSubmission<unknown> | undefined) => {
    let submission: TxSubmission<unknown> | undefined;
    try {
      submission = client ? build(client) : undefined;
    } catch (error) {
      // a signer built from bad arguments (InvalidColdSigner) is a message, like any refusal
      return setState({ text: message(error), error: true, pending: false });
    }
    if (!submission)
      return setState({ text: 'Choose an account to sign with. (NoSigner)', error: true, pending: false });
    setState({ text: 'checking…', pending: true });
    submission.subscribe((s) => {
      if (live.current && s.stage !== 'failed')
        setState({ text: s.stage === 'signed' ? 'signed' : 'sent, waiting for a block…', pending: true });
    });
    submission.result().then(
      (r) =>
        live.current &&
        setState({
          text: `✓ ${r.multisig?.status ?? 'done'} in block #${r.blockNumber}`,
          pending: false,
        }),
      (error: unknown) => live.current && setState({ text: message(error), error: true, pending: false }),
    );
  };
  return { ...state, start };
}
