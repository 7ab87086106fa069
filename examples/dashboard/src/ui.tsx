import type { MultisigOutcome } from '@phala-mining/core';
import type { OperationHook } from '@phala-mining/react';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { amount, message } from './format.js';

const STAGE: Record<string, string> = {
  validating: 'checking…',
  signing: 'waiting for the signature…',
  signed: 'signed',
  broadcast: 'sent, waiting for a block…',
  inBlock: 'in a block',
  finalized: 'finalized',
};

/**
 * What an operation is doing: its stage while pending, ✓ with the block, or the typed error's message. An error
 * stays until the user dismisses it (the ✕ resets the operation) or a new send supersedes it.
 */
export function OpStatus({
  op,
  local,
  onDismissLocal,
  testId,
  done,
}: {
  op: OperationHook<any, any> | undefined;
  local?: string | undefined;
  onDismissLocal?: () => void;
  testId: string;
  /** what "✓ done" says about the result, e.g. the amount claimed */
  done?: string | undefined;
}) {
  if (local) {
    return (
      <p className="status error" role="alert" data-testid={testId}>
        {local}
        {onDismissLocal ? <Dismiss onClick={onDismissLocal} /> : null}
      </p>
    );
  }
  if (!op) return null;
  if (op.status === 'error' && op.error) {
    return (
      <p className="status error" role="alert" data-testid={testId}>
        {message(op.error)}
        <Dismiss onClick={op.reset} />
      </p>
    );
  }
  if (op.status === 'pending') {
    return (
      <p className="status pending" data-testid={testId}>
        {STAGE[op.stage] ?? op.stage}
      </p>
    );
  }
  if (op.status === 'success') {
    return (
      <p className="status ok" data-testid={testId}>
        {multisigText(op.result?.multisig) ?? '✓ done'}
        {op.blockNumber === undefined ? '' : ` in block #${op.blockNumber}`}
        {done && (op.result?.multisig === undefined || op.result.multisig.status === 'executed')
          ? `: ${done}`
          : ''}
      </p>
    );
  }
  return null;
}

/** A multisig signatory's step: only the threshold-th approval runs the operation. */
function multisigText(outcome: MultisigOutcome | undefined): string | undefined {
  if (!outcome) return undefined;
  if (outcome.status === 'executed') return '✓ done: the multisig executed it';
  if (outcome.status === 'opened') return '✓ opened for the multisig: waiting for the other approvals';
  if (outcome.status === 'approved') return '✓ approved: waiting for the other approvals';
  return `✓ ${outcome.status}`;
}

function Dismiss({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" className="dismiss" onClick={onClick} aria-label="Dismiss" data-testid="dismiss">
      ✕
    </button>
  );
}

export function Card({
  title,
  children,
  actions,
  testId,
  wide,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  testId?: string;
  /** spans both grid columns */
  wide?: boolean;
}) {
  return (
    <section className={wide ? 'card wide' : 'card'} data-testid={testId} aria-label={title}>
      <header>
        <h2>{title}</h2>
        {actions ? <div className="card-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}

/**
 * A table that scrolls inside its card instead of pushing the page wider; `tall` also caps its height (a fleet of
 * 50 workers scrolls in its card, with the header kept in view, instead of making a 3,000 px page).
 */
export function Scroll({ children, tall }: { children: ReactNode; tall?: boolean }) {
  return <div className={tall ? 'table-scroll tall' : 'table-scroll'}>{children}</div>;
}

/**
 * The guide's pop-up with "Confirm": what will happen, in numbers, before anything is signed. `fee` asks the node
 * for the fee of exactly this transaction; a rule the inputs break shows up there, before the wallet is asked.
 */
export function ConfirmDialog({
  title,
  children,
  fee,
  confirmLabel = 'Confirm',
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  fee?: (() => Promise<bigint>) | undefined;
  confirmLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const titleId = useId();
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    confirmRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onCancel();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);
  return (
    <div className="overlay">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="confirm">
        <h2 id={titleId}>{title}</h2>
        <div className="dialog-body">{children}</div>
        {fee ? <Fee estimate={fee} /> : null}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel} data-testid="confirm-cancel">
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            ref={confirmRef}
            onClick={onConfirm}
            data-testid="confirm-ok"
          >
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}

function Fee({ estimate }: { estimate: () => Promise<bigint> }) {
  const [state, setState] = useState<{ fee?: bigint; error?: string }>({});
  // asked once per opening: the dialog is mounted when it opens
  // biome-ignore lint/correctness/useExhaustiveDependencies: the estimate of the dialog as it opened
  useEffect(() => {
    let live = true;
    estimate().then(
      (fee) => live && setState({ fee }),
      (error: unknown) => live && setState({ error: message(error) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return (
    <p className={state.error ? 'status error' : 'muted small'} data-testid="confirm-fee">
      {state.error
        ? state.error
        : state.fee === undefined
          ? 'estimating the fee…'
          : `Transaction fee about ${amount(state.fee)}`}
    </p>
  );
}

/** A label/value list inside a dialog or a card. */
export function Facts({ rows, testId }: { rows: [string, ReactNode][]; testId?: string }) {
  return (
    <dl className="facts" data-testid={testId}>
      {rows.map(([k, v]) => (
        <div key={k} className="fact">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
