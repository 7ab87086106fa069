import { PROXY_TYPES } from '@phala-mining/core';
import { Command, CommanderError, Option } from 'commander';
import { makeAction } from './commands/action.js';
import { applyCommand } from './commands/apply.js';
import { balanceCommand } from './commands/balance.js';
import { multisigCommand, proxyCommand } from './commands/coldKeys.js';
import { exporterCommand } from './commands/exporter.js';
import { exportFleetCommand } from './commands/exportFleet.js';
import { historyCommand } from './commands/history.js';
import { poolCommand } from './commands/pool.js';
import { overviewCommand, stakeCommand } from './commands/read.js';
import { watchCommand } from './commands/watch.js';
import { workerCommand } from './commands/worker.js';
import { describeError, EXIT_CODES, errorJson, exitCodeOf } from './errors.js';
import { toJson } from './format.js';
import { keeperCommand } from './guardian/keeper.js';
import { type CliIo, processIo } from './io.js';
import { ENV } from './keys.js';
import { routeLibraryLogs } from './libraryLogs.js';
import { redactingIo, refuseSecretsInArgv } from './secrets.js';
import { NETWORK_NAMES } from './session.js';

/** The CLI's version (kept in step with package.json by the release). */
export const VERSION = '0.1.0';

const EXIT_HELP = `
Keys (never on the command line):
  ${ENV.suri}               secret URI (mnemonic or 0x seed, optional //derivation)
  --keystore FILE          polkadot-js account export; password from --password-file FILE
                           (env ${ENV.keystorePasswordFile}), else a prompt on a terminal
  --account NAME           alice, bob, charlie, dave, eve, ferdie — dev chains only

Cold owner keys (on every operation):
  --proxy-for ACCOUNT      act for ACCOUNT as its proxy (proxy.proxy); --proxy-type, default StakePoolManager;
                           a proxy with a delay: --announce first, the same command after the delay
  --multisig-threshold N --multisig-others A,B
                           sign as one signatory of an N-of-M multisig: opens, approves or executes

Environment: ${ENV.endpoint}, ${ENV.network}, ${ENV.keystore} stand in for the options.

Exit codes:
  0 ok · 1 unexpected · 2 usage · 3 validation (a rule refused before signing) · 4 on-chain error
  5 connection · 6 key/secret · 130 interrupted (after signing: the transaction may still land)`;

/** The `phala-mining` command tree, writing to `io`. */
export function createProgram(io: CliIo = processIo()): Command {
  const action = makeAction(io);
  const program = new Command('phala-mining')
    .description(
      "Operate Phala stake pools and workers from a shell: every operation of the Phala App's mining pages",
    )
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (t) => io.stdout.write(t), writeErr: (t) => io.stderr.write(t) })
    .showHelpAfterError('(run with --help for usage)')
    .option('-e, --endpoint <url>', `node WebSocket endpoint (env ${ENV.endpoint})`)
    .addOption(
      new Option(
        '-n, --network <name>',
        `network preset (env ${ENV.network}); default dev (ws://127.0.0.1:9944) — khala and phala v1 are gone`,
      ).choices(NETWORK_NAMES),
    )
    .option('--keystore <file>', `polkadot-js keystore JSON of the signer (env ${ENV.keystore})`)
    .option(
      '--password-file <file>',
      `file whose first line is the keystore password (env ${ENV.keystorePasswordFile}); chmod 600 it`,
    )
    .option('--account <name>', 'dev account (alice, bob, …) as signer; dev chains only')
    .option('--json', 'machine-readable output on stdout (amounts in planck as strings)')
    .option('--dry-run', 'check every rule and estimate the fee; sign nothing')
    .addOption(
      new Option('--wait-for <stage>', 'return once the transaction is')
        .choices(['inBlock', 'finalized'])
        .default('finalized'),
    )
    .option('--timeout <seconds>', 'connection and read timeout', '30')
    .option('-q, --quiet', 'no transaction progress on stderr')
    .option('--verbose', "also show the polkadot-js libraries' own log lines (connection drops, RPC errors)")
    .option(
      '--proxy-for <account>',
      'sign as a proxy of this account (the key pays; rules are checked as it)',
    )
    .addOption(
      new Option('--proxy-type <type>', 'proxy type of the relation (default StakePoolManager)').choices([
        ...PROXY_TYPES,
      ]),
    )
    .option('--multisig-threshold <n>', 'sign as one signatory of a multisig needing n approvals')
    .option('--multisig-others <accounts>', "the multisig's other signatories, comma-separated")
    .option(
      '--announce',
      'with --proxy-for and a proxy with a delay: announce the operation (send it after the delay)',
    )
    .addHelpText('after', EXIT_HELP);
  for (const sub of [
    poolCommand(action),
    workerCommand(action),
    stakeCommand(action),
    balanceCommand(action),
    overviewCommand(action),
    watchCommand(action),
    applyCommand(action),
    exportFleetCommand(action),
    exporterCommand(action),
    historyCommand(action),
    keeperCommand(action),
    proxyCommand(action),
    multisigCommand(action),
  ]) {
    program.addCommand(sub);
  }
  // settings made on the root are copied to commands created from it, not to ones added ready-made: apply them down
  const inherit = (cmd: Command) => {
    for (const sub of cmd.commands) {
      sub
        .exitOverride()
        .configureOutput({ writeOut: (t) => io.stdout.write(t), writeErr: (t) => io.stderr.write(t) })
        .showHelpAfterError('(run with --help for usage)')
        // `pool create --help` lists --endpoint, --json, --dry-run … too: they are given after the subcommand as often
        .configureHelp({ showGlobalOptions: true });
      inherit(sub);
    }
  };
  inherit(program);
  return program;
}

/**
 * Runs `phala-mining` with these arguments (without `node` and the script) and returns the exit code. Errors are
 * printed as one line on stderr (a JSON object with `--json`); nothing is thrown.
 */
export async function run(argv: readonly string[], rawIo: CliIo = processIo()): Promise<number> {
  // every byte written passes a filter that blanks the secrets this process has read (defence in depth: none is
  // ever put in a message on purpose)
  const io = redactingIo(rawIo);
  const program = createProgram(io);
  const restoreConsole = routeLibraryLogs(io, argv.includes('--verbose'));
  try {
    refuseSecretsInArgv(argv);
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT_CODES.usage;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_CODES.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has already printed its message (or the help / version)
      return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
    }
    const explicit = (error as { exitCode?: unknown }).exitCode;
    const code = typeof explicit === 'number' ? explicit : exitCodeOf(error);
    if (argv.includes('--json'))
      io.stderr.write(`${toJson({ error: { ...errorJson(error), exitCode: code } })}\n`);
    else io.stderr.write(`phala-mining: ${describeError(error)} [${codeName(error)}]\n`);
    return code;
  } finally {
    restoreConsole();
  }
}

function codeName(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'Unexpected';
}
