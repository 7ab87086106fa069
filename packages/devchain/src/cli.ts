import { Command, InvalidArgumentError } from 'commander';
import { parseBlockMode } from './node/blockMode.js';
import { startDevChain } from './node/devchain.js';
import { NODE_VERSION } from './node/rpc/methods/system.js';
import { isLoopback, parseCors } from './node/rpc/origins.js';

function integer(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min)
      throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}`);
    return n;
  };
}

const program = new Command()
  .name('phala-devchain')
  .description('A local Khala-compatible dev chain with a Substrate JSON-RPC endpoint')
  .version(NODE_VERSION)
  .option('-p, --port <port>', 'port to listen on (0 = any free port)', integer('port', 0), 9944)
  .option('--host <host>', 'address to bind', '127.0.0.1')
  .option(
    '--block-mode <mode>',
    'instant | interval | manual (chopsticks names Instant | Batch | Manual also work)',
    'instant',
  )
  .option('--interval <ms>', 'block period in interval mode', integer('interval', 1), 12_000)
  .option('--state <file>', 'load the chain from FILE (JSON) at start and save it there on exit')
  .option(
    '--db <file>',
    'keep the chain in a SQLite FILE: every block committed before clients hear of it; a restart resumes at the head',
  )
  .option(
    '--db-check',
    'with --db: read every page of the file before resuming (PRAGMA quick_check), and refuse it if any is damaged; without it a damaged page is met when that block is read',
  )
  .option(
    '--archive',
    "keep every block's state (default: the last 256), for indexers and historical queries",
  )
  .option(
    '--no-dev-rpc',
    'do not serve the dev_* and phala_* control methods, and start without a Sudo key (nothing but real extrinsics writes state)',
  )
  .option('--production', 'the same as --no-dev-rpc')
  .option(
    '--rpc-cors <origins>',
    'browser origins allowed: "all" or a comma list (default: http(s)://localhost:*, http(s)://127.0.0.1:*, https://polkadot.js.org)',
  )
  .option('--rpc-max-connections <n>', 'open connections at most', integer('rpc-max-connections', 1), 100)
  .option('--rpc-max-request-size <MiB>', 'largest request', integer('rpc-max-request-size', 1), 15)
  .option(
    '--rpc-max-response-size <MiB>',
    'largest reply (over it: -32008)',
    integer('rpc-max-response-size', 1),
    15,
  )
  .option(
    '--rpc-max-batch-request-len <n>',
    'calls in one batch (over it: -32010)',
    integer('rpc-max-batch-request-len', 1),
    1000,
  )
  .option(
    '--pool-limit <n>',
    'ready transactions in the pool (future: a tenth)',
    integer('pool-limit', 1),
    8192,
  )
  .option(
    '--pool-kbytes <kB>',
    "ready transactions' size in the pool (future: a tenth)",
    integer('pool-kbytes', 1),
    20480,
  )
  .option('--max-new-blocks <n>', 'blocks one dev_newBlock may build', integer('max-new-blocks', 1), 10_000)
  .option('--production-tokenomics', "use Khala's production tokenomic parameters instead of the dev chain's")
  .option(
    '--mining-disabled',
    "start with PhalaStakePool's mining switch off (live Khala at 1192 had it on; set_mining_enable turns it on)",
  )
  .option(
    '--genesis-timestamp <ms>',
    'unix milliseconds of the genesis block',
    integer('genesis timestamp', 0),
  );

async function main(): Promise<void> {
  program.parse();
  const opts = program.opts<{
    port: number;
    host: string;
    blockMode: string;
    interval: number;
    state?: string;
    db?: string;
    dbCheck?: boolean;
    archive?: boolean;
    devRpc: boolean;
    production?: boolean;
    rpcCors?: string;
    rpcMaxConnections: number;
    rpcMaxRequestSize: number;
    rpcMaxResponseSize: number;
    rpcMaxBatchRequestLen: number;
    poolLimit: number;
    poolKbytes: number;
    maxNewBlocks: number;
    productionTokenomics?: boolean;
    genesisTimestamp?: number;
    miningDisabled?: boolean;
  }>();
  let cors: ReturnType<typeof parseCors> | undefined;
  try {
    parseBlockMode(opts.blockMode, opts.interval);
    if (opts.rpcCors !== undefined) cors = parseCors(opts.rpcCors);
  } catch (error) {
    program.error((error as Error).message);
  }
  const devRpc = opts.devRpc && !opts.production;
  const MiB = 1024 * 1024;
  const chain = await startDevChain({
    port: opts.port,
    host: opts.host,
    blockMode: opts.blockMode,
    intervalMs: opts.interval,
    devRpc,
    ...(cors === undefined ? {} : { cors }),
    maxConnections: opts.rpcMaxConnections,
    maxRequestBytes: opts.rpcMaxRequestSize * MiB,
    maxResponseBytes: opts.rpcMaxResponseSize * MiB,
    maxBatchLength: opts.rpcMaxBatchRequestLen,
    maxNewBlocks: opts.maxNewBlocks,
    poolLimits: {
      readyCount: opts.poolLimit,
      readyBytes: opts.poolKbytes * 1024,
      futureCount: Math.max(1, Math.floor(opts.poolLimit / 10)),
      futureBytes: Math.max(1024, Math.floor((opts.poolKbytes * 1024) / 10)),
    },
    runtime: {
      tokenomics: opts.productionTokenomics ? 'production' : 'default',
      ...(opts.miningDisabled ? { miningEnabled: false } : {}),
    },
    ...(opts.state ? { stateFile: opts.state } : {}),
    ...(opts.db ? { db: opts.db } : {}),
    ...(opts.dbCheck ? { dbCheck: true } : {}),
    ...(opts.archive ? { archive: true } : {}),
    ...(opts.genesisTimestamp === undefined ? {} : { genesisTimestamp: opts.genesisTimestamp }),
  });
  // handlers first: a supervisor may signal as soon as it reads the listening line
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      // a second Ctrl-C means "now"
      process.exit(130);
    }
    stopping = true;
    console.log(`\n${signal}: saving and shutting down`);
    chain.close().then(
      () => process.exit(0),
      (error) => {
        console.error('shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  console.log(`phala-devchain listening on ${chain.endpoint}`);
  if (!isLoopback(opts.host)) {
    console.warn(
      devRpc
        ? `warning: listening on ${opts.host}, not loopback: anyone who can reach it can call dev_* methods (rewrite storage, move time) and sign as the Sudo key //Alice. Use --production to remove both.`
        : `warning: listening on ${opts.host}, not loopback: anyone who can reach it can submit transactions and read the chain.`,
    );
  }
  if (!devRpc) console.log('production mode: no dev_*/phala_* methods, no Sudo key');
  const file = opts.db ?? opts.state;
  if (file) {
    console.log(
      chain.restoredAt === undefined
        ? `${opts.db ? 'database' : 'state file'}: ${file} (new chain)`
        : `${opts.db ? 'database' : 'state file'}: ${file} (restored at block #${chain.restoredAt})`,
    );
  }
}

main().catch((error) => {
  console.error(`phala-devchain: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
