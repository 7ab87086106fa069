import type { ApiPromise } from '@polkadot/api';
import { Command } from 'commander';
import { auditTime, combineLatest, filter, map, type Observable, startWith } from 'rxjs';
import { parsePid } from '../args.js';
import { toJson } from '../format.js';
import { renderWatch, type WatchState } from '../views.js';
import type { Action } from './action.js';

const ESC = '\u001b[';

/** Block number and time of the best head. */
function head$(api: ApiPromise): Observable<{ number: number; time: bigint | undefined }> {
  return combineLatest([
    api.rx.rpc.chain.subscribeNewHeads().pipe(map((h) => h.number.toNumber())),
    api.rx.query.timestamp.now().pipe(map((t) => t.toBigInt() / 1000n)),
  ]).pipe(map(([number, time]) => ({ number, time })));
}

/**
 * A live view of a pool. On a terminal: the alternate screen redrawn in place as the chain moves (countdowns tick
 * with every block), `q` or Ctrl-C to leave. Elsewhere: a frame printed whenever the pool, its workers or its queue
 * change (NDJSON with `--json`), so `watch … | tee log` records the pool's history.
 */
export function watchCommand(action: Action): Command {
  return new Command('watch')
    .description('a live, refreshing view of a pool, its workers and its withdraw queue')
    .argument('<pid>', 'pool id')
    .option('--once', 'draw one frame and exit')
    .action(
      action(async (s, pidText: string, opts: { once?: boolean }) => {
        const pid = parsePid(pidText);
        const client = await s.client();
        const state$: Observable<WatchState> = combineLatest([
          client.pool$(pid),
          client.workers$(pid),
          client.withdrawQueue$(pid),
          client.tokenomics$().pipe(startWith(undefined)),
          head$(client.api).pipe(startWith(undefined)),
          client.connection$,
        ]).pipe(
          map(([pool, workers, queue, tokenomics, head, connection]) => ({
            pid,
            pool,
            workers,
            queue,
            tokenomics,
            head,
            connection,
            endpoint: s.endpoint,
          })),
        );
        const out = s.io.stdout;
        const tty = out.isTTY === true && !s.json;
        if (opts.once) {
          // the live view starts drawing before the first block header arrives; a single frame waits for it
          const state = await s.first(
            state$.pipe(filter((x) => x.head !== undefined && x.tokenomics !== undefined)),
          );
          if (s.json) out.write(`${toJson(watchJson(state))}\n`);
          else out.write(`${renderWatch(state, out.columns ?? 120).join('\n')}\n`);
          return;
        }
        await new Promise<void>((resolve) => {
          let last: WatchState | undefined;
          let lastText = '';
          const draw = () => {
            if (!last) return;
            if (tty) {
              const lines = renderWatch(last, out.columns ?? 120).slice(0, out.rows ?? 1000);
              out.write(`${ESC}H${lines.map((l) => `${l}${ESC}K`).join('\n')}${ESC}J`);
              return;
            }
            // off a terminal the block header alone changes every block: print only when something real changed
            const body = s.json
              ? toJson({ ...watchJson(last), block: null })
              : renderWatch(last, out.columns ?? 120)
                  .slice(1)
                  .join('\n');
            if (body === lastText) return;
            lastText = body;
            out.write(
              s.json
                ? `${toJson(watchJson(last))}\n`
                : `${renderWatch(last, out.columns ?? 120).join('\n')}\n\n`,
            );
          };
          if (tty) out.write(`${ESC}?1049h${ESC}?25l${ESC}H${ESC}2J`);
          const stdin = s.io.stdin;
          const onKey = (chunk: Buffer | string) => {
            const text = chunk.toString();
            if (text === 'q' || text === 'Q' || text === '\u0003') stop();
          };
          const interactive = tty && stdin.isTTY === true && typeof stdin.setRawMode === 'function';
          if (interactive) {
            stdin.setRawMode!(true);
            stdin.resume();
            stdin.on('data', onKey);
          }
          out.on?.('resize', draw);
          const release = s.io.onInterrupt?.(() => stop());
          const sub = state$.pipe(auditTime(tty ? 100 : 250)).subscribe({
            next: (state) => {
              last = state;
              draw();
            },
            error: () => stop(),
          });
          function stop() {
            sub.unsubscribe();
            release?.();
            out.off?.('resize', draw);
            if (interactive) {
              stdin.removeListener('data', onKey);
              stdin.setRawMode!(false);
              stdin.pause();
            }
            if (tty) out.write(`${ESC}?25h${ESC}?1049l`);
            resolve();
          }
        });
      }),
    );
}

function watchJson(state: WatchState): Record<string, unknown> {
  return {
    block: state.head ?? null,
    connection: state.connection,
    pool: state.pool ?? null,
    workers: state.workers,
    withdrawQueue: state.queue,
  };
}
