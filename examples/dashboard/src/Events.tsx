import { usePoolEvents } from '@phala-mining/indexer/react';
import { amount, short } from './format.js';
import { Card, Scroll } from './ui.js';

/** What happened in the pool, newest first, from the indexer: contributions, withdrawals, starts, stops, claims… */
export function Events({ pid, indexer }: { pid: bigint; indexer: string | undefined }) {
  return (
    <Card title="Pool events" testId="events">
      {indexer === undefined ? (
        <p className="muted">No indexer configured: the events timeline reads it too.</p>
      ) : (
        <Timeline pid={pid} indexer={indexer} />
      )}
    </Card>
  );
}

function Timeline({ pid, indexer }: { pid: bigint; indexer: string }) {
  const page = usePoolEvents(indexer, Number(pid), { limit: 200, refreshMs: 2_000 });
  // pool-level happenings; per-block payouts and per-staker credits belong to the chart
  const items = (page.data?.items ?? [])
    .filter((e) => !['worker-payout', 'staker-reward', 'owner-reward', 'pool-reward'].includes(e.kind))
    .reverse();
  if (page.error) return <p className="status error">The indexer did not answer: {page.error.message}</p>;
  if (page.loading && !page.data) return <p className="muted">loading events…</p>;
  if (items.length === 0) return <p className="muted">No events indexed yet.</p>;
  return (
    <Scroll>
      <ol className="timeline" data-testid="timeline">
        {items.map((e) => (
          <li key={`${e.blockHash}:${e.seq}`} data-kind={e.kind}>
            <span className="when small muted">
              #{e.block} · {new Date(e.timestamp).toLocaleString()}
            </span>{' '}
            <strong>{e.kind}</strong>
            {e.worker ? ` worker ${short(e.worker)}` : ''}
            {e.account ? ` by ${short(e.account)}` : ''}
            {e.amountPlanck > 0n ? ` · ${amount(e.amountPlanck)}` : ''}
          </li>
        ))}
      </ol>
    </Scroll>
  );
}
