import { Command, InvalidArgumentError } from 'commander';
import { parseBlockMode } from './node/blockMode.js';
import { startDevChain } from './node/devchain.js';
import { NODE_VERSION } from './node/rpc/methods/system.js';

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
  .option('--state <file>', 'load the chain from FILE at start and save it there on exit')
  .option('--no-dev-rpc', 'do not serve the dev_* control methods')
  .option('--production-tokenomics', "use Khala's production tokenomic parameters instead of the dev chain's")
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
    devRpc: boolean;
    productionTokenomics?: boolean;
    genesisTimestamp?: number;
  }>();
  try {
    parseBlockMode(opts.blockMode, opts.interval);
  } catch (error) {
    program.error((error as Error).message);
  }
  const chain = await startDevChain({
    port: opts.port,
    host: opts.host,
    blockMode: opts.blockMode,
    intervalMs: opts.interval,
    devRpc: opts.devRpc,
    runtime: { tokenomics: opts.productionTokenomics ? 'production' : 'default' },
    ...(opts.state ? { stateFile: opts.state } : {}),
    ...(opts.genesisTimestamp === undefined ? {} : { genesisTimestamp: opts.genesisTimestamp }),
  });
  console.log(`phala-devchain listening on ${chain.endpoint}`);
  if (opts.state) console.log(`state file: ${opts.state}`);

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
}

main().catch((error) => {
  console.error(`phala-devchain: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
