import type { TxResult, TxStage, TxSubmission } from '@phala-mining/core';

/** Where narration goes: `process.stdout.write` by default, a collector in tests. */
export type Write = (text: string) => void;

/**
 * Prints the demo as a story: numbered steps, indented facts, and one line per transaction that fills in as its
 * stages arrive (signed → broadcast → in block → finalized), so a slow node shows where it is waiting.
 */
export class Narrator {
  private step = 0;

  constructor(
    private readonly write: Write,
    private readonly total: number,
  ) {}

  title(text: string): void {
    this.write(`\n${text}\n${'═'.repeat(Math.min(text.length, 100))}\n`);
  }

  heading(text: string): void {
    this.step++;
    this.write(`\n[${this.step}/${this.total}] ${text}\n`);
  }

  say(text: string): void {
    this.write(`    ${text}\n`);
  }

  /** A small aligned table, indented under the step. */
  table(header: string[], rows: string[][]): void {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: string[]) =>
      `    ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')}\n`;
    this.write(line(header));
    this.write(`    ${widths.map((w) => '─'.repeat(w)).join('  ')}\n`);
    for (const row of rows) this.write(line(row));
  }

  /** Follows a transaction's stages on one line and returns its result (rejecting with its typed error). */
  async tx<V>(label: string, submission: TxSubmission<V>): Promise<TxResult<V>> {
    this.write(`  ⧗ ${label}: `);
    let last: string | undefined;
    const subscription = submission.subscribe((stage) => {
      const text = stageText(stage);
      // a block can be announced twice (best block, then again as a new head): say it once
      if (text === last) return;
      this.write(`${last === undefined ? '' : ' → '}${text}`);
      last = text;
    });
    try {
      const result = await submission;
      this.write(' ✓\n');
      return result;
    } catch (error) {
      this.write(' ✗\n');
      throw error;
    } finally {
      subscription.unsubscribe();
    }
  }
}

function stageText(stage: TxStage): string {
  switch (stage.stage) {
    case 'signed':
      return `signed (nonce ${stage.nonce})`;
    case 'broadcast':
      return 'broadcast';
    case 'inBlock':
      return `in block #${stage.blockNumber}`;
    case 'finalized':
      return 'finalized';
    case 'failed':
      return `failed: ${stage.error.message}`;
  }
}
