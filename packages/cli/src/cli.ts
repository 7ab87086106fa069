#!/usr/bin/env node
import { processIo } from './io.js';
import { run } from './program.js';

const listeners = new Set<() => void>();
const onSignal = () => {
  // a command that took over interruption (watch) restores the terminal and exits 0; anything else stops now
  if (listeners.size === 0) process.exit(130);
  for (const l of [...listeners]) l();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const io = {
  ...processIo(),
  onInterrupt(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener) && undefined;
  },
};

run(process.argv.slice(2), io).then(
  // @polkadot/api keeps timers and sockets alive after disconnecting; the work is done, so leave
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`phala-mining: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
