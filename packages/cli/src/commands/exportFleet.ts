import { writeFile } from 'node:fs/promises';
import { formatPha, permillToPercent } from '@phala-mining/core';
import { Command } from 'commander';
import { stringify } from 'yaml';
import { parseAccount } from '../args.js';
import { UsageError } from '../errors.js';
import { readFleetState } from '../fleet/applyFleet.js';
import type { FleetChainState } from '../fleet/plan.js';
import type { Action } from './action.js';

// exact decimals, no grouping: the file must read back to the same planck
const exact = (planck: bigint) => formatPha(planck, { group: false, unit: false });

/** The chain's pools and workers as a fleet file value (what `apply` of it would leave unchanged). */
export function fleetDocument(state: FleetChainState): unknown {
  return {
    pools: state.pools.map((p) => ({
      pid: Number(p.pid),
      payout: permillToPercent(p.commission),
      cap: p.cap === undefined ? 'unlimited' : exact(p.cap),
      // the stored text, the App's JSON included: applying the file writes back the same bytes
      description: p.description.text,
      ...(p.whitelist === undefined ? {} : { whitelist: p.whitelist }),
      workers: (state.workers.get(p.pid) ?? []).map((w) => {
        const mining = w.state === 'Mining' || w.state === 'Unresponsive';
        return mining ? { key: w.pubkey, stake: exact(w.stake), mining } : { key: w.pubkey, mining };
      }),
    })),
  };
}

/** `phala-mining export-fleet [--owner <addr>] [--output file]`. */
export function exportFleetCommand(action: Action): Command {
  return new Command('export-fleet')
    .description('write the pools and workers of an owner as a fleet file (for `phala-mining apply`)')
    .option('--owner <address>', "the pools' owner (default: the key's address)")
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(
      action(async (s, o: { owner?: string; output?: string }) => {
        let owner: string;
        if (o.owner !== undefined) owner = parseAccount(o.owner, s.ss58);
        else {
          const key = await s.key();
          if (!key) throw new UsageError('give --owner, or a key whose pools to export');
          owner = key.address;
        }
        const client = await s.client();
        const text = `# phala-mining fleet of ${owner}\n${stringify(fleetDocument(await readFleetState(client, owner)))}`;
        if (o.output === undefined) s.io.stdout.write(text);
        else await writeFile(o.output, text);
      }),
    );
}
