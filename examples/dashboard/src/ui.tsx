import type { OperationHook } from '@phala-mining/react';
import type { ReactNode } from 'react';
import { message } from './format.js';

const STAGE: Record<string, string> = {
  validating: 'checking…',
  signing: 'waiting for the signature…',
  signed: 'signed',
  broadcast: 'sent, waiting for a block…',
  inBlock: 'in a block',
  finalized: 'finalized',
};

/** What an operation is doing: its stage while pending, ✓ with the block, or the typed error's message. */
export function OpStatus({
  op,
  local,
  testId,
}: {
  op: OperationHook<any, any>;
  local?: string | undefined;
  testId: string;
}) {
  if (local) {
    return (
      <p className="status error" role="alert" data-testid={testId}>
        {local}
      </p>
    );
  }
  if (op.status === 'error' && op.error) {
    return (
      <p className="status error" role="alert" data-testid={testId}>
        {message(op.error)}
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
        ✓ done{op.blockNumber === undefined ? '' : ` in block #${op.blockNumber}`}
      </p>
    );
  }
  return null;
}

export function Card({
  title,
  children,
  actions,
  testId,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  testId?: string;
}) {
  return (
    <section className="card" data-testid={testId}>
      <header>
        <h2>{title}</h2>
        {actions ? <div className="card-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}
