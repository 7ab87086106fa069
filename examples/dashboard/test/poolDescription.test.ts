import { parsePoolDescription } from '@phala-mining/core';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PoolDescription } from '../src/PoolDescription.js';

const html = (stored: string) =>
  renderToStaticMarkup(createElement(PoolDescription, { description: parsePoolDescription(stored) }));

describe('the pool header description', () => {
  it("shows the App's announcement and its non-empty contacts, linked as the App linked them", () => {
    const out = html(
      JSON.stringify({
        telegram: 'khala_pool',
        discord: '',
        wechat: 'wx1',
        ann: 'Two more workers',
        version: 1,
      }),
    );
    expect(out).toContain('<p data-testid="pool-announcement">Two more workers</p>');
    expect(out).toContain('href="https://t.me/khala_pool"');
    expect(out).toContain('WeChat: wx1');
    expect(out).not.toContain('Discord');
  });

  it('shows other text as text (never as HTML), and nothing when unset', () => {
    expect(html('<b>open</b> to all')).toContain('&lt;b&gt;open&lt;/b&gt; to all');
    expect(html('{"telegram":"x"')).toContain('{&quot;telegram&quot;:&quot;x&quot;');
    expect(html('')).toBe('');
  });
});
