import { MiningProvider, useAccounts, useBalance, useConnection, useSigner } from '@phala-mining/react';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { ActingAs } from './acting/ActingAs.js';
import {
  type Acting,
  actingAddress,
  actingKey,
  actingSigner,
  type KnownMultisig,
  SELF,
  sameAccount,
} from './acting/acting.js';
import { PendingMultisigs } from './acting/PendingMultisigs.js';
import { useProxyOf } from './acting/useProxyOf.js';
import { Events } from './Events.js';
import { Workers } from './fleet/Workers.js';
import { amount, message, short } from './format.js';
import { GuardianBanners } from './Guardian.js';
import { PoolActions } from './PoolActions.js';
import { Pools } from './Pools.js';
import { RewardsChart } from './RewardsChart.js';
import { StakeInfo } from './StakeInfo.js';

const DEFAULT_ENDPOINT = 'ws://127.0.0.1:9944';

function endpointFromUrl(): string {
  return new URLSearchParams(window.location.search).get('endpoint') ?? DEFAULT_ENDPOINT;
}

/** The indexer's HTTP API (`phala-mining history serve`), from `?indexer=`; none by default. */
function indexerFromUrl(): string | undefined {
  const value = new URLSearchParams(window.location.search).get('indexer');
  return value ? value.replace(/\/+$/, '') : undefined;
}

function keepInUrl(name: string, value: string | undefined) {
  const url = new URL(window.location.href);
  if (value === undefined) url.searchParams.delete(name);
  else url.searchParams.set(name, value);
  window.history.replaceState(null, '', url);
}

/** The endpoint comes from `?endpoint=` or the field; changing it reconnects (and is kept in the URL to share). */
export function App() {
  const [endpoint, setEndpoint] = useState(endpointFromUrl);
  const [draft, setDraft] = useState(endpoint);
  const [indexer, setIndexer] = useState(indexerFromUrl);
  const [indexerDraft, setIndexerDraft] = useState(indexer ?? '');
  const connect = (event: FormEvent) => {
    event.preventDefault();
    const next = draft.trim();
    if (!/^wss?:\/\//.test(next)) return;
    keepInUrl('endpoint', next);
    setEndpoint(next);
  };
  const chooseIndexer = (event: FormEvent) => {
    event.preventDefault();
    const next = indexerDraft.trim().replace(/\/+$/, '');
    if (next !== '' && !/^https?:\/\//.test(next)) return;
    keepInUrl('indexer', next || undefined);
    setIndexer(next || undefined);
  };
  return (
    <div className="app">
      <header className="topbar">
        <h1>
          <span className="logo">◆</span> Phala Mining
        </h1>
        <form className="endpoint" onSubmit={connect}>
          <label>
            Endpoint
            <input
              data-testid="endpoint"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              spellCheck={false}
            />
          </label>
          <button type="submit">Connect</button>
          {!/^wss?:\/\//.test(draft.trim()) ? (
            <span className="status error">a ws:// or wss:// URL</span>
          ) : null}
        </form>
        <form className="endpoint" onSubmit={chooseIndexer}>
          <label>
            Indexer
            <input
              data-testid="indexer"
              value={indexerDraft}
              onChange={(e) => setIndexerDraft(e.target.value)}
              placeholder="http://127.0.0.1:8080 (optional)"
              spellCheck={false}
            />
          </label>
          <button type="submit">Use</button>
          {indexerDraft.trim() !== '' && !/^https?:\/\//.test(indexerDraft.trim()) ? (
            <span className="status error">an http:// or https:// URL</span>
          ) : null}
        </form>
      </header>
      {/* a new provider per endpoint: nothing of one chain leaks into the other's views */}
      <MiningProvider
        key={endpoint}
        endpoint={endpoint}
        clientOptions={{ waitFor: 'inBlock' }}
        wallet={{ appName: 'Phala Mining Dashboard' }}
      >
        <Dashboard indexer={indexer} />
      </MiningProvider>
    </div>
  );
}

function Dashboard({ indexer }: { indexer: string | undefined }) {
  const connection = useConnection();
  const wallet = useAccounts();
  const [account, setAccount] = useState<string | undefined>(undefined);
  const [selected, setSelected] = useState<bigint | undefined>(undefined);
  const [showOnly, setShowOnly] = useState<bigint | undefined>(undefined);
  const { signer: key } = useSigner(account);
  const balance = useBalance(account);
  const choices = wallet.accounts.map((a) => ({ address: a.address, label: a.name ?? short(a.address) }));
  // whom each account acts as, by choice key: the choice is part of every result's scope
  const [actingBy, setActingBy] = useState<Record<string, string>>({});
  const [multisigs, setMultisigs] = useState<KnownMultisig[]>([]);
  const proxyOf = useProxyOf(account);
  const options: Acting[] = [
    SELF,
    ...proxyOf.map((p) => ({ kind: 'proxy' as const, ...p })),
    ...multisigs
      .filter((m) => account !== undefined && m.signatories.some((s) => sameAccount(s, account)))
      .map((m) => ({ kind: 'multisig' as const, ...m })),
  ];
  const acting = options.find((o) => actingKey(o) === actingBy[account ?? '']) ?? SELF;
  // the operations act as the owner (or multisig); the selected key signs and pays
  const actor = actingAddress(acting, account);
  // biome-ignore lint/correctness/useExhaustiveDependencies: actingKey names the choice; the object is new each render
  const signer = useMemo(() => actingSigner(key, acting, account), [key, account, actingKey(acting)]);
  const scope = `${account ?? ''}:${actingKey(acting)}`;
  const chooseActing = (choice: string) => setActingBy((m) => ({ ...m, [account ?? '']: choice }));

  // the first account the wallet offers until the user picks one (an extension account before the dev ones)
  useEffect(() => {
    if (wallet.accounts.length === 0) return;
    if (account === undefined || !wallet.accounts.some((a) => a.address === account))
      setAccount(wallet.accounts[0]!.address);
  }, [wallet.accounts, account]);

  return (
    <>
      <div className="statusbar">
        <span className={`dot ${connection.status}`} />
        <span data-testid="connection">{connection.status}</span>
        {connection.error ? <span className="status error">{message(connection.error)}</span> : null}
        <label className="account">
          Account
          <select
            data-testid="account"
            aria-label="Signing account"
            value={account ?? ''}
            onChange={(e) => setAccount(e.target.value)}
          >
            {wallet.accounts.length === 0 ? (
              <option value="">
                {wallet.status === 'ready' || connection.status === 'error'
                  ? 'no accounts: install the Polkadot{.js} extension'
                  : 'loading accounts…'}
              </option>
            ) : null}
            {wallet.accounts.map((a) => (
              <option key={`${a.source}:${a.address}`} value={a.address}>
                {a.name ?? short(a.address)} ({a.source === 'dev' ? 'dev account' : a.source}){' '}
                {short(a.address)}
              </option>
            ))}
          </select>
        </label>
        <ActingAs
          account={account}
          accounts={choices}
          options={options}
          acting={acting}
          onActing={chooseActing}
          onAddMultisig={(m) => {
            setMultisigs((list) => [...list.filter((x) => x.address !== m.address), m]);
            chooseActing(actingKey({ kind: 'multisig', ...m }));
          }}
        />
        <span className="balance" data-testid="balance">
          {balance.data
            ? `free ${amount(balance.data.free)} · stakeable ${amount(balance.data.delegable)}`
            : ''}
        </span>
      </div>
      {acting.kind === 'self' || !actor ? null : (
        <p className="acting-note small" data-testid="acting-note">
          Rules are checked as {short(actor)}; {account ? short(account) : 'the selected account'} signs and
          pays the fee{acting.kind === 'multisig' ? ' (and the deposit of a first approval)' : ''}.
        </p>
      )}
      <GuardianBanners key={scope} account={actor} signer={signer} />
      <main className="grid">
        {acting.kind === 'multisig' && account ? (
          <PendingMultisigs
            key={`pending:${scope}`}
            multisig={acting}
            account={account}
            signer={key}
            accounts={choices}
          />
        ) : null}
        <Pools
          account={actor}
          signer={signer}
          selected={selected}
          showOnly={showOnly}
          failed={connection.status === 'error'}
          onSelect={setSelected}
          onShowOnly={(pid) => setShowOnly((current) => (current === pid ? undefined : pid))}
        />
        {selected === undefined ? null : (
          <>
            {/* keyed by account and pool: a result or error never shows under another account or pool */}
            <PoolActions
              key={`${scope}:${selected}`}
              pid={selected}
              account={actor}
              signer={signer}
              accounts={choices}
            />
            <StakeInfo pid={selected} account={actor} />
            <RewardsChart key={String(selected)} pid={selected} indexer={indexer} />
            <Events key={`events:${selected}`} pid={selected} indexer={indexer} />
          </>
        )}
        <Workers
          key={`workers:${scope}`}
          account={actor}
          signer={signer}
          pool={showOnly}
          onPool={setShowOnly}
          failed={connection.status === 'error'}
        />
      </main>
    </>
  );
}
