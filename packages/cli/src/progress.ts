import type { TxStage } from '@phala-mining/core';
import type { Observable } from 'rxjs';
import { shortKey } from './format.js';
import type { OutStream } from './io.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** What a stage means to an operator. */
export function stageText(stage: TxStage): string {
  switch (stage.stage) {
    case 'signed':
      return `signed ${shortKey(stage.hash, 10, 8)} (nonce ${stage.nonce})`;
    case 'broadcast':
      return 'broadcast, waiting for a block';
    case 'inBlock':
      return `in block #${stage.blockNumber} ${shortKey(stage.blockHash, 10, 8)}`;
    case 'finalized':
      return `finalized in block #${stage.blockNumber}`;
    case 'failed':
      return 'failed';
  }
}

/**
 * Shows a transaction's stages on stderr: a spinner line rewritten in place on a terminal, one plain line per stage
 * otherwise (cron mail and log files get no escape codes). Call the returned function once the result is in.
 */
export function trackStages(label: string, stages: Observable<TxStage>, err: OutStream): () => void {
  const tty = err.isTTY === true;
  let current = 'signing';
  let frame = 0;
  let stopped = false;
  const draw = () => err.write(`\r\u001b[2K${FRAMES[frame++ % FRAMES.length]} ${label}: ${current}`);
  const timer = tty ? setInterval(draw, 80) : undefined;
  if (tty) draw();
  const subscription = stages.subscribe({
    next: (s) => {
      if (s.stage === 'failed' || stopped) return;
      current = stageText(s);
      if (tty) draw();
      else err.write(`${label}: ${current}\n`);
    },
  });
  return () => {
    if (stopped) return;
    stopped = true;
    subscription.unsubscribe();
    if (timer) clearInterval(timer);
    if (tty) err.write('\r\u001b[2K');
  };
}
