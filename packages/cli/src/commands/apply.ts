import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { UsageError } from '../errors.js';
import {
  type ApplyProgress,
  applyFleet,
  chunkSteps,
  readFleetState,
  renderPlan,
} from '../fleet/applyFleet.js';
import { parseFleetFile } from '../fleet/fleetFile.js';
import { planFleet, planSize } from '../fleet/plan.js';
import type { Action } from './action.js';

interface ApplyOptions {
  yes?: boolean;
  chunkSize: string;
}

// 64 calls of the stake pool pallet stay far below a Khala block's normal-class weight; operators with a busier
// chain can lower it
const DEFAULT_CHUNK = '64';

/** `phala-mining apply <fleet.yaml>`: the fleet file as a plan, sent with `--yes`. */
export function applyCommand(action: Action): Command {
  return new Command('apply')
    .description(
      'make the chain match a fleet file (pools, payout, cap, whitelist, workers and stakes): print the plan; send it with --yes',
    )
    .argument('<file>', 'fleet file (YAML; schema: fleet.schema.json shipped with the CLI)')
    .option('-y, --yes', 'send the plan (without it, only the plan is printed)')
    .option('--chunk-size <n>', 'operations per utility.batchAll transaction', DEFAULT_CHUNK)
    .action(
      action(async (s, file: string, o: ApplyOptions) => {
        const chunkSize = Number(o.chunkSize);
        if (!Number.isInteger(chunkSize) || chunkSize < 1)
          throw new UsageError(`--chunk-size must be a positive integer, got ${JSON.stringify(o.chunkSize)}`);
        let text: string;
        try {
          text = await readFile(file, 'utf8');
        } catch (error) {
          throw new UsageError(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
        }
        // the file is refused before any connection or key is touched
        const fleet = parseFleetFile(text, file);
        const key = await s.signingKey();
        const client = await s.client();
        const plans = planFleet(fleet, await readFleetState(client, key.address));
        const size = planSize(plans);
        const changes = size.steps + size.creates > 0;
        if (!o.yes || !changes) {
          s.print(
            () => `${renderPlan(plans)}${changes ? '\n(nothing sent: run again with --yes to apply)' : ''}`,
            () => ({
              ok: true,
              changes,
              sent: false,
              plan: plans,
              chunks: chunkSteps(plans, chunkSize).length,
            }),
          );
          return;
        }
        if (!s.quiet) s.io.stderr.write(`${renderPlan(plans)}\n`);
        const pair = await key.unlock();
        const progress: ApplyProgress[] = [];
        const final = await applyFleet(fleet, {
          client,
          owner: key.address,
          signer: pair,
          chunkSize,
          waitFor: s.waitFor,
          onChunkFailed: (chunk, index, of, error) => {
            // batchAll is atomic: name every operation of the chunk, none of which took effect
            s.io.stderr.write(
              `✗ chunk ${index}/${of} failed and was rolled back (utility.batchAll): ${(error as Error).message}\n${chunk
                .map(
                  ({ pid, step }) =>
                    `    pool ${pid}: ${step.op}${'worker' in step ? ` ${step.worker}` : ''}`,
                )
                .join('\n')}\n`,
            );
          },
          onProgress: (p) => {
            progress.push(p);
            if (s.quiet) return;
            const where = `block #${p.result.blockNumber}`;
            s.io.stderr.write(
              p.kind === 'created'
                ? `✓ created pool ${p.pid} — ${where} (write "pid: ${p.pid}" in the file)\n`
                : `✓ chunk ${p.index}/${p.of}: ${p.operations} operation${p.operations === 1 ? '' : 's'} — ${where}\n`,
            );
          },
        });
        const left = planSize(final);
        s.print(
          () =>
            left.steps + left.creates === 0
              ? `applied: ${progress.length} transaction${progress.length === 1 ? '' : 's'}${left.waits ? `\n${renderPlan(final)}` : ''}`
              : `applied ${progress.length} transactions; still to do:\n${renderPlan(final)}`,
          () => ({
            ok: true,
            changes: true,
            sent: true,
            transactions: progress.map((p) => ({
              kind: p.kind,
              pid: p.pid,
              operations: p.operations,
              workers: p.workers,
              hash: p.result.hash,
              blockNumber: p.result.blockNumber,
            })),
            remaining: final,
          }),
        );
      }),
    );
}
