// snapshotPage: only a sidebar frame may ask, only for the tab it is framed into, and only an
// answer of the expected shape reaches it.
import { describe, expect, it, vi } from 'vitest';
import { freshContext } from './helpers';
import { PageSnapshot, MAX_SNAPSHOT_CHARS } from '@/utils/schemas/page-read';
import { route } from '@/entrypoints/background/router';

describe('snapshotPage', () => {
  it("a sidebar frame gets its own tab's snapshot, and no tab is named in the request", async () => {
    const t = await freshContext();
    const frameCtx = { ...t.ctx, tabId: 12, frame: { frameId: 3 } };
    const result = await route(
      { rapport: 1, name: 'snapshotPage', request: {} },
      'sidebar-frame',
      frameCtx,
    );
    expect(result.result).toEqual({
      ok: true,
      data: { html: '<!-- url: https://example.com/ -->\n<html><body>tab 12</body></html>' },
    });
    expect(t.tabs.snapshotsAsked).toEqual([12]);
    // A tab named in the request is ignored: the tab is always the sender's.
    const named = await route(
      { rapport: 1, name: 'snapshotPage', request: { tabId: 5 } },
      'sidebar-frame',
      frameCtx,
    );
    expect(named.result.ok).toBe(true);
    expect(t.tabs.snapshotsAsked).toEqual([12, 12]);
  });

  it('an extension page that is not the sidebar frame, or a content script, is refused', async () => {
    const t = await freshContext();
    const page = await t.send('snapshotPage', {}, 'extension-page');
    expect(page).toMatchObject({ ok: false, code: 'invalid' });
    const content = await t.send('snapshotPage', {}, 'content-script');
    expect(content).toMatchObject({ ok: false, code: 'forbidden' });
    expect(t.tabs.snapshotsAsked).toEqual([]);
  });

  it('a page that does not answer as expected is reported, nothing else', async () => {
    const t = await freshContext();
    t.tabs.snapshot = vi.fn(async () => null);
    const r = await route({ rapport: 1, name: 'snapshotPage', request: {} }, 'sidebar-frame', {
      ...t.ctx,
      frame: { frameId: 3 },
    });
    expect(r.result).toMatchObject({ ok: false, code: 'not_found' });
  });

  it("the worker's check refuses an empty, oversized or misshapen answer", () => {
    expect(PageSnapshot.safeParse({ html: '<html></html>' }).success).toBe(true);
    expect(PageSnapshot.safeParse({ html: '' }).success).toBe(false);
    expect(PageSnapshot.safeParse({ html: 'x'.repeat(MAX_SNAPSHOT_CHARS + 1) }).success).toBe(
      false,
    );
    expect(PageSnapshot.safeParse({ html: 42 }).success).toBe(false);
    expect(PageSnapshot.safeParse('<html></html>').success).toBe(false);
    expect(PageSnapshot.safeParse(null).success).toBe(false);
  });
});
