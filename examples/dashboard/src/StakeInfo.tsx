import { useStake, useWithdrawQueue } from '@phala-mining/react';
import { amount, date, duration, shares, short } from './format.js';
import { Card, Scroll } from './ui.js';

/** "Your Stake Info" in the selected pool, and the pool's Withdraw Queue with countdowns. */
export function StakeInfo({ pid, account }: { pid: bigint; account: string | undefined }) {
  const stake = useStake(pid, account).data;
  const queue = useWithdrawQueue(pid).data ?? [];
  return (
    <Card title="Staking info" testId="stake-info">
      {/* the queue scrolls inside the card on a narrow window */}
      <h3>Your Stake Info</h3>
      <dl className="facts">
        <dt>Locked</dt>
        <dd data-testid="locked">{amount(stake?.locked ?? 0n)}</dd>
        <dt>Shares</dt>
        <dd data-testid="shares">{shares(stake?.shares ?? 0n)}</dd>
        <dt>Value</dt>
        <dd>{amount(stake?.value ?? 0n)}</dd>
        <dt>Pending rewards</dt>
        <dd data-testid="pending">{amount(stake?.claimableRewards ?? 0n)}</dd>
      </dl>
      <h3>Withdraw Queue</h3>
      {queue.length === 0 ? (
        <p className="muted" data-testid="queue-empty">
          Empty.
        </p>
      ) : (
        <Scroll>
          <table data-testid="queue" className="queue-table">
            <thead>
              <tr>
                <th>Staker</th>
                <th className="num">Shares</th>
                <th className="num">Value</th>
                <th>Countdown</th>
                <th>Latest withdrawal</th>
              </tr>
            </thead>
            <tbody>
              {queue.map((q) => (
                <tr
                  key={`${q.user}:${q.startTime}`}
                  className={q.countdown === 0n ? 'overdue' : ''}
                  data-testid={`queue-${q.user}`}
                >
                  <td title={q.user}>
                    {short(q.user)}
                    {q.user === account ? <span className="tag">you</span> : null}
                  </td>
                  <td className="num">{shares(q.shares)}</td>
                  <td className="num">{amount(q.value)}</td>
                  <td title={`deadline ${date(q.deadline)}`} className="date" data-testid="countdown">
                    {q.countdown === 0n ? (
                      <span className="status error" role="alert">
                        overdue since {date(q.deadline)}: the pool's workers are stopped
                      </span>
                    ) : (
                      duration(q.countdown)
                    )}
                  </td>
                  <td
                    className="date"
                    data-testid="latest-withdrawal"
                    title="deadline + the 7-day cooldown of the stopped workers"
                  >
                    {date(q.latestCompletion)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      <p className="muted small">
        Requests still queued when their countdown ends force every worker of the pool to stop; the stake they
        free pays the request after their 7-day cooldown, by the "latest withdrawal" date.
      </p>
    </Card>
  );
}
