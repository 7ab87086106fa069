import type { PoolDescriptionContent, PoolDescriptionField } from '@phala-mining/core';

/** The contact fields in the Phala App's order, with its labels and links (discord and wechat were copy-only). */
const CONTACTS: [PoolDescriptionField, string, ((v: string) => string) | undefined][] = [
  ['telegram', 'Telegram', (v) => `https://t.me/${encodeURIComponent(v)}`],
  ['discord', 'Discord', undefined],
  ['wechat', 'WeChat', undefined],
  ['twitter', 'Twitter', (v) => `https://twitter.com/${encodeURIComponent(v)}`],
  ['email', 'Email', (v) => `mailto:${v}`],
  ['forum', 'Forum', (v) => `https://forum.phala.network/u/${encodeURIComponent(v)}`],
];

/**
 * The pool header's description: the App's announcement and contacts when the owner wrote its format, else the text
 * as written (nothing when never set). Text only — never rendered as HTML.
 */
export function PoolDescription({ description }: { description: PoolDescriptionContent }) {
  if (description.kind === 'text')
    return description.text === '' ? null : (
      <p className="pool-description" data-testid="pool-description">
        {description.text}
      </p>
    );
  const { value } = description;
  const contacts = CONTACTS.filter(([field]) => (value[field] ?? '') !== '');
  return (
    <div className="pool-description" data-testid="pool-description">
      {value.ann ? <p data-testid="pool-announcement">{value.ann}</p> : null}
      {contacts.length > 0 ? (
        <ul className="contacts">
          {contacts.map(([field, label, link]) => (
            <li key={field}>
              {label}:{' '}
              {link ? (
                <a href={link(value[field]!)} rel="noopener noreferrer" target="_blank">
                  {value[field]}
                </a>
              ) : (
                value[field]
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
