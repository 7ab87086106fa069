import { B, bmul } from '@phala-mining/math';

/** A decoded chain event with named fields (metadata field names, snake_case). */
export interface ChainEvent {
  section: string;
  method: string;
  /** extrinsic index, or undefined for initialization/finalization (forced stops happen in `on_finalize`) */
  extrinsic: number | undefined;
  fields: Record<string, unknown>;
}

export interface EntryRow {
  seq: number;
  kind: string;
  pool: number | null;
  worker: string | null;
  account: string | null;
  amount: bigint;
  detail?: Record<string, unknown>;
}

export interface PoolOnChain {
  owner: string;
  rewardAcc: bigint;
  totalStake: bigint;
  totalShares: bigint;
}

/** What the extractor carries from block to block (persisted with every batch). */
export interface IndexState {
  pools: Map<number, { owner: string; rewardAcc: bigint; ownerReward: bigint }>;
  /** `${pool}:${account}` → shares */
  stakers: Map<string, bigint>;
  miners: Map<string, { worker: string; pool: number | null }>;
}

/** Storage reads at the block's own hash: the chain's end-of-block values. */
export interface BlockReader {
  pool(pid: number): Promise<PoolOnChain | undefined>;
  stakerShares(pid: number, account: string): Promise<bigint>;
}

export interface ExtractedBlock {
  entries: EntryRow[];
  stake: { pool: number; totalStake: bigint; totalShares: bigint }[];
}

const str = (v: unknown) => String(v);
const big = (v: unknown) => BigInt(String(v));
const num = (v: unknown) => Number(String(v));
const stakerKey = (pid: number, account: string) => `${pid}:${account}`;

/**
 * Turns one block's events into history rows and advances `state`. Per-staker rewards are not events on chain: the
 * pallet credits stakers through the pool's reward accumulator, so a staker's share of a block's rewards is
 * bmul(shares, acc_after) − bmul(shares, acc_before) with the shares the staker held when the reward landed — which
 * telescopes to exactly the chain's `pending` (bmul(shares, acc) − reward_debt) over any run of constant shares.
 */
export async function extractBlock(
  events: readonly ChainEvent[],
  state: IndexState,
  read: BlockReader,
): Promise<ExtractedBlock> {
  const entries: EntryRow[] = [];
  const touchedPools = new Set<number>();
  const rewardedPools = new Set<number>();
  /** stakers whose shares changed, with whether the change came before the pool's first reward in this block */
  const changedStakers = new Map<string, { pid: number; account: string; beforeReward: boolean }>();
  const queueExtrinsics = new Set<number>();
  for (const e of events) {
    const id = `${e.section}.${e.method}`;
    if (
      e.extrinsic !== undefined &&
      (id === 'PhalaStakePool.Contribution' || id === 'PhalaStakePool.WorkerReclaimed')
    ) {
      queueExtrinsics.add(e.extrinsic);
    }
  }
  const push = (row: Omit<EntryRow, 'seq'>) => entries.push({ ...row, seq: entries.length });
  const minerOf = (miner: string) => state.miners.get(miner);
  const markStaker = (pid: number, account: string) => {
    const key = stakerKey(pid, account);
    if (!changedStakers.has(key))
      changedStakers.set(key, { pid, account, beforeReward: !rewardedPools.has(pid) });
  };

  for (const e of events) {
    const f = e.fields;
    const pid = f.pid === undefined ? null : num(f.pid);
    if (pid !== null) touchedPools.add(pid);
    switch (`${e.section}.${e.method}`) {
      case 'PhalaMining.MinerBound':
        state.miners.set(str(f.miner), { worker: str(f.worker), pool: minerOf(str(f.miner))?.pool ?? null });
        break;
      case 'PhalaMining.MinerSettled': {
        const m = minerOf(str(f.miner));
        push({
          kind: 'worker-payout',
          pool: m?.pool ?? null,
          worker: m?.worker ?? null,
          account: str(f.miner),
          amount: B(big(f.payout_bits)),
          detail: { v_bits: str(f.v_bits) },
        });
        break;
      }
      case 'PhalaMining.MinerSettlementDropped': {
        const m = minerOf(str(f.miner));
        push({
          kind: 'settlement-dropped',
          pool: m?.pool ?? null,
          worker: m?.worker ?? null,
          account: str(f.miner),
          amount: 0n,
        });
        break;
      }
      case 'PhalaMining.MinerStopped': {
        const m = minerOf(str(f.miner));
        // the pool's on_finalize stops every worker of a pool whose withdrawal expired: no extrinsic asked for it
        push({
          kind: e.extrinsic === undefined ? 'forced-stop' : 'worker-stopped',
          pool: m?.pool ?? null,
          worker: m?.worker ?? null,
          account: str(f.miner),
          amount: 0n,
        });
        break;
      }
      case 'PhalaMining.MinerEnterUnresponsive':
      case 'PhalaMining.MinerExitUnresponsive': {
        const m = minerOf(str(f.miner));
        push({
          kind: e.method === 'MinerEnterUnresponsive' ? 'worker-unresponsive' : 'worker-recovered',
          pool: m?.pool ?? null,
          worker: m?.worker ?? null,
          account: str(f.miner),
          amount: 0n,
        });
        break;
      }
      case 'PhalaStakePool.PoolCreated':
        state.pools.set(pid!, { owner: str(f.owner), rewardAcc: 0n, ownerReward: 0n });
        push({ kind: 'pool-created', pool: pid, worker: null, account: str(f.owner), amount: 0n });
        break;
      case 'PhalaStakePool.PoolCommissionSet':
        push({
          kind: 'commission-set',
          pool: pid,
          worker: null,
          account: null,
          amount: 0n,
          detail: { commission: num(f.commission) },
        });
        break;
      case 'PhalaStakePool.PoolCapacitySet':
        push({ kind: 'cap-set', pool: pid, worker: null, account: null, amount: big(f.cap) });
        break;
      case 'PhalaStakePool.PoolWorkerAdded':
        state.miners.set(str(f.miner), { worker: str(f.worker), pool: pid });
        push({ kind: 'worker-added', pool: pid, worker: str(f.worker), account: str(f.miner), amount: 0n });
        break;
      case 'PhalaStakePool.PoolWorkerRemoved':
        push({ kind: 'worker-removed', pool: pid, worker: str(f.worker), account: null, amount: 0n });
        break;
      case 'PhalaStakePool.MiningStarted':
        push({
          kind: 'worker-started',
          pool: pid,
          worker: str(f.worker),
          account: null,
          amount: big(f.amount),
        });
        break;
      case 'PhalaStakePool.WorkerReclaimed':
        push({
          kind: 'worker-reclaimed',
          pool: pid,
          worker: str(f.worker),
          account: null,
          amount: big(f.original_stake),
        });
        break;
      case 'PhalaStakePool.Contribution':
        markStaker(pid!, str(f.user));
        push({
          kind: 'contribution',
          pool: pid,
          worker: null,
          account: str(f.user),
          amount: big(f.amount),
          detail: { shares: str(f.shares) },
        });
        break;
      case 'PhalaStakePool.Withdrawal': {
        markStaker(pid!, str(f.user));
        // a withdrawal paid inside someone's contribution or a reclaim is the queue being served
        const fromQueue = e.extrinsic !== undefined && queueExtrinsics.has(e.extrinsic);
        push({
          kind: 'withdrawal',
          pool: pid,
          worker: null,
          account: str(f.user),
          amount: big(f.amount),
          detail: { shares: str(f.shares), from: fromQueue ? 'queue' : 'immediate' },
        });
        break;
      }
      case 'PhalaStakePool.WithdrawalQueued':
        markStaker(pid!, str(f.user));
        push({
          kind: 'withdrawal-queued',
          pool: pid,
          worker: null,
          account: str(f.user),
          amount: 0n,
          detail: { shares: str(f.shares) },
        });
        break;
      case 'PhalaStakePool.RewardReceived': {
        rewardedPools.add(pid!);
        const toOwner = big(f.to_owner);
        const pool = state.pools.get(pid!);
        if (pool) pool.ownerReward += toOwner;
        push({
          kind: 'pool-reward',
          pool: pid,
          worker: null,
          account: null,
          amount: toOwner + big(f.to_stakers),
        });
        push({
          kind: 'owner-reward',
          pool: pid,
          worker: null,
          account: pool?.owner ?? null,
          amount: toOwner,
          detail: { to_stakers: str(f.to_stakers) },
        });
        break;
      }
      case 'PhalaStakePool.OwnerRewardsWithdrawn':
      case 'PhalaStakePool.StakerRewardsWithdrawn':
      case 'PhalaStakePool.RewardsWithdrawn': {
        const amount = big(f.amount);
        const pool = state.pools.get(pid!);
        // claim_rewards pays the owner's commission and their staker rewards in one transfer: split it
        let ownerPart = 0n;
        if (e.method === 'OwnerRewardsWithdrawn') ownerPart = amount;
        else if (e.method === 'RewardsWithdrawn' && pool && pool.owner === str(f.user)) {
          ownerPart = pool.ownerReward < amount ? pool.ownerReward : amount;
        }
        if (pool) pool.ownerReward -= ownerPart;
        if (ownerPart > 0n)
          push({
            kind: 'claim',
            pool: pid,
            worker: null,
            account: str(f.user),
            amount: ownerPart,
            detail: { part: 'owner' },
          });
        if (amount - ownerPart > 0n) {
          markStaker(pid!, str(f.user));
          push({
            kind: 'claim',
            pool: pid,
            worker: null,
            account: str(f.user),
            amount: amount - ownerPart,
            detail: { part: 'staker' },
          });
        }
        break;
      }
      case 'PhalaStakePool.PoolSlashed':
        push({ kind: 'slash', pool: pid, worker: null, account: null, amount: big(f.amount) });
        break;
      case 'PhalaStakePool.SlashSettled':
        push({ kind: 'slash', pool: pid, worker: null, account: str(f.user), amount: big(f.amount) });
        break;
      case 'PhalaStakePool.DustRemoved':
        push({ kind: 'dust', pool: null, worker: null, account: str(f.user), amount: big(f.amount) });
        break;
      case 'PhalaStakePool.RewardDismissedNotInPool':
        push({
          kind: 'reward-dismissed',
          pool: null,
          worker: str(f.worker),
          account: null,
          amount: big(f.amount),
        });
        break;
      case 'PhalaStakePool.RewardDismissedNoShare':
      case 'PhalaStakePool.RewardDismissedDust':
        push({ kind: 'reward-dismissed', pool: pid, worker: null, account: null, amount: big(f.amount) });
        break;
      default:
        break;
    }
  }

  const stake: ExtractedBlock['stake'] = [];
  const pids = [...touchedPools].sort((a, b) => a - b);
  // read together: a settlement block touches every pool, and one round trip each in turn is what bounds ingestion
  const pools = await Promise.all(pids.map((pid) => read.pool(pid)));
  for (const [i, pid] of pids.entries()) {
    const onChain = pools[i];
    if (!onChain) continue;
    stake.push({ pool: pid, totalStake: onChain.totalStake, totalShares: onChain.totalShares });
    let pool = state.pools.get(pid);
    if (!pool) {
      // indexing started after the pool was created: adopt the chain's state at this block
      pool = { owner: onChain.owner, rewardAcc: onChain.rewardAcc, ownerReward: 0n };
      state.pools.set(pid, pool);
    }
    if (rewardedPools.has(pid) && onChain.rewardAcc !== pool.rewardAcc) {
      const before = pool.rewardAcc;
      const after = onChain.rewardAcc;
      for (const [key, shares] of state.stakers) {
        if (!key.startsWith(`${pid}:`)) continue;
        const account = key.slice(key.indexOf(':') + 1);
        const change = changedStakers.get(key);
        // a staker who joined (or changed shares) before the reward landed earns on the new shares: read below
        if (change?.beforeReward) continue;
        const amount = bmul(shares, after) - bmul(shares, before);
        if (amount > 0n) push({ kind: 'staker-reward', pool: pid, worker: null, account, amount });
      }
      for (const change of changedStakers.values()) {
        if (change.pid !== pid || !change.beforeReward) continue;
        const shares = await read.stakerShares(pid, change.account);
        const amount = bmul(shares, after) - bmul(shares, before);
        if (amount > 0n)
          push({ kind: 'staker-reward', pool: pid, worker: null, account: change.account, amount });
      }
    }
    pool.rewardAcc = onChain.rewardAcc;
  }
  const changes = [...changedStakers.values()];
  const held = await Promise.all(changes.map((c) => read.stakerShares(c.pid, c.account)));
  for (const [i, change] of changes.entries()) {
    const key = stakerKey(change.pid, change.account);
    const shares = held[i]!;
    if (shares === 0n) state.stakers.delete(key);
    else state.stakers.set(key, shares);
  }
  return { entries, stake };
}
