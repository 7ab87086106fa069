import type { AnySigner, PoolInfo } from '@phala-mining/core';
import { useOperation, useSetCap, useSetPayout } from '@phala-mining/react';
import { type FormEvent, useState } from 'react';
import { amount, parsePha, short } from './format.js';
import { ConfirmDialog, Facts, OpStatus } from './ui.js';

interface Props {
  pool: PoolInfo;
  signer: AnySigner | undefined;
}

/** The owner's settings: commission, cap, and adding workers (one or a pasted list, in one transaction). */
export function PoolSettings({ pool, signer }: Props) {
  return (
    <>
      <SetPayout pool={pool} signer={signer} />
      <SetCap pool={pool} signer={signer} />
      <AddWorkers pool={pool} signer={signer} />
    </>
  );
}

function SetPayout({ pool, signer }: Props) {
  const op = useSetPayout(pool.pid, { signer });
  const current = pool.commission / 10_000;
  // the pool's own commission, never a made-up default: submitting unchanged changes nothing
  const [text, setText] = useState(String(current));
  const [local, setLocal] = useState<string>();
  const [confirming, setConfirming] = useState<number>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const percent = Number(text);
    if (text.trim() === '' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
      setLocal('The payout is a percentage between 0 and 100.');
      return;
    }
    setLocal(undefined);
    setConfirming(percent);
  };
  return (
    <form onSubmit={submit} data-testid="form-payout">
      <label>
        Payout (commission %) — now {current} %
        <input
          value={text}
          onChange={(e) => setText(e.target.value)}
          inputMode="decimal"
          data-testid="payout-input"
        />
      </label>
      <button type="submit">Set Payout Pref</button>
      <OpStatus op={op} local={local} onDismissLocal={() => setLocal(undefined)} testId="payout-status" />
      {confirming === undefined ? null : (
        <ConfirmDialog
          title={`Set the commission of pool #${pool.pid}`}
          fee={() => op.estimateFee(confirming)}
          onCancel={() => setConfirming(undefined)}
          onConfirm={() => {
            setConfirming(undefined);
            void op.send(confirming);
          }}
        >
          <Facts
            testId="confirm-facts"
            rows={[
              ['Commission', `${current} % → ${confirming} %`],
              ['Applies to', 'every reward from the next settlement on; stakers get the rest'],
            ]}
          />
        </ConfirmDialog>
      )}
    </form>
  );
}

function SetCap({ pool, signer }: Props) {
  const op = useSetCap(pool.pid, { signer });
  const [text, setText] = useState('');
  const [local, setLocal] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parsePha(text);
    if ('error' in parsed) return setLocal(`Cap: ${parsed.error}`);
    setLocal(undefined);
    void op.send(parsed.value).then((r) => r && setText(''));
  };
  return (
    <form onSubmit={submit} data-testid="form-cap">
      <label>
        Staking capacity (PHA) — now {pool.cap === undefined ? 'unlimited' : amount(pool.cap)}
        <input
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="e.g. 50000"
          data-testid="cap-input"
        />
      </label>
      <button type="submit">Set Cap</button>
      <OpStatus op={op} local={local} onDismissLocal={() => setLocal(undefined)} testId="cap-status" />
    </form>
  );
}

const KEY = /^0x[0-9a-fA-F]{64}$/;

/** Splits a pasted list (one key a line, or separated by commas/spaces) into keys; a bad entry is named. */
export function parseKeys(text: string): { keys: string[] } | { error: string } {
  const parts = text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) return { error: 'Paste one or more miner public keys.' };
  const bad = parts.find((p) => !KEY.test(p));
  if (bad) return { error: `${short(bad)}: a miner public key is 0x followed by 64 hex digits.` };
  return { keys: [...new Set(parts.map((p) => p.toLowerCase()))] };
}

function AddWorkers({ pool, signer }: Props) {
  // all keys in one extrinsic (utility.batchAll): each is checked against chain state first, all or none are added
  const op = useOperation(
    (client, keys: string[]) => keys.reduce((chain, key) => chain.addWorker(key), client.pool(pool.pid)),
    { signer },
  );
  const [text, setText] = useState('');
  const [local, setLocal] = useState<string>();
  const [sent, setSent] = useState(0);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseKeys(text);
    if ('error' in parsed) return setLocal(parsed.error);
    setLocal(undefined);
    setSent(parsed.keys.length);
    void op.send(parsed.keys).then((r) => r && setText(''));
  };
  return (
    <form onSubmit={submit} data-testid="form-add-worker">
      <label>
        Miner public keys (one, or a pasted list)
        <textarea
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="0x…"
          rows={2}
          spellCheck={false}
          data-testid="worker-input"
        />
      </label>
      <button type="submit">
        Add Worker{sent > 1 || text.trim().split(/[\s,;]+/).length > 1 ? 's' : ''}
      </button>
      <OpStatus
        op={op}
        local={local}
        onDismissLocal={() => setLocal(undefined)}
        testId="add-worker-status"
        done={sent > 1 ? `${sent} workers added in one transaction` : undefined}
      />
    </form>
  );
}
