import { type FormEvent, useState } from 'react';
import { short } from '../format.js';
import { type Acting, actingKey, type KnownMultisig, knownMultisig } from './acting.js';

interface Props {
  account: string | undefined;
  /** the wallet's accounts, offered as the other signatories */
  accounts: { address: string; label: string }[];
  /** yourself first, then the owners the account is a proxy of, then the multisigs it is a signatory of */
  options: Acting[];
  acting: Acting;
  onActing: (key: string) => void;
  onAddMultisig: (multisig: KnownMultisig) => void;
}

/** The label of a name the user knows: a wallet account's name, else the short address. */
function nameOf(address: string, accounts: Props['accounts']): string {
  return accounts.find((a) => a.address === address)?.label ?? short(address);
}

export function describeActing(acting: Acting, accounts: Props['accounts']): string {
  switch (acting.kind) {
    case 'self':
      return 'yourself';
    case 'proxy':
      return `act as ${nameOf(acting.real, accounts)} via proxy (${acting.proxyType})${acting.delay > 0 ? ` · ${acting.delay}-block delay` : ''}`;
    case 'multisig':
      return `as multisig member of ${short(acting.address)} (${acting.threshold} of ${acting.signatories.length})`;
  }
}

/**
 * "Acting as": when the signing account is a proxy of a pool owner, or one signatory of a multisig that owns a pool,
 * the operations can sign that way. A multisig is told by its signatories and threshold (the chain stores only the
 * account they hash to).
 */
export function ActingAs({ account, accounts, options, acting, onActing, onAddMultisig }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <label className="account acting">
        Acting as
        <select
          data-testid="acting-as"
          aria-label="Whom the signing account acts as"
          value={actingKey(acting)}
          onChange={(e) => onActing(e.target.value)}
          disabled={!account}
        >
          {options.map((o) => (
            <option key={actingKey(o)} value={actingKey(o)}>
              {describeActing(o, accounts)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="mini" onClick={() => setOpen((v) => !v)} data-testid="multisig-open">
        {open ? 'Close' : 'Multisig…'}
      </button>
      {open && account ? (
        <MultisigForm
          account={account}
          accounts={accounts}
          onAdd={(m) => {
            onAddMultisig(m);
            setOpen(false);
          }}
        />
      ) : null}
    </>
  );
}

function MultisigForm({
  account,
  accounts,
  onAdd,
}: {
  account: string;
  accounts: Props['accounts'];
  onAdd: (m: KnownMultisig) => void;
}) {
  const [threshold, setThreshold] = useState('2');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const others = [
      ...picked,
      ...pasted
        .split(/[\s,;]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ];
    const checked = knownMultisig(account, others, Number(threshold));
    if ('error' in checked) return setError(checked.error);
    setError(undefined);
    onAdd(checked.multisig);
  };
  return (
    <form className="multisig-form" onSubmit={submit} data-testid="multisig-form">
      <p className="small muted">
        You are one signatory of a multisig: name the others and the threshold (the chain keeps only the
        account they make).
      </p>
      <label className="inline-label">
        Threshold
        <input
          value={threshold}
          onChange={(e) => setThreshold(e.target.value)}
          inputMode="numeric"
          data-testid="multisig-threshold"
        />
      </label>
      <fieldset>
        <legend className="small">Other signatories</legend>
        {accounts
          .filter((a) => a.address !== account)
          .map((a) => (
            <label key={a.address} className="inline-label">
              <input
                type="checkbox"
                checked={picked.has(a.address)}
                onChange={(e) =>
                  setPicked((s) => {
                    const next = new Set(s);
                    if (e.target.checked) next.add(a.address);
                    else next.delete(a.address);
                    return next;
                  })
                }
                data-testid={`multisig-other-${a.label.toLowerCase()}`}
              />
              {a.label} {short(a.address)}
            </label>
          ))}
        <label className="inline-label">
          Other addresses
          <input
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
            placeholder="SS58, comma separated"
            spellCheck={false}
            data-testid="multisig-pasted"
          />
        </label>
      </fieldset>
      <button type="submit" data-testid="multisig-add">
        Use this multisig
      </button>
      {error ? (
        <p className="status error" role="alert" data-testid="multisig-form-status">
          {error}
        </p>
      ) : null}
    </form>
  );
}
