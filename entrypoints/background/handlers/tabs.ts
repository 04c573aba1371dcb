/**
 * What a tab shows and what its sidebar keeps: the content script's report, the frame's question
 * about its own tab, the sidebar's drafts, focus given back to the page, and the page's snapshot.
 */
import { type Handlers, HandlerError, MAX_DRAFTS, write, senderTab } from './common';
import { resolveRead } from './resolve';

/** The name of the mark each resolve of a tab's report leaves in the worker's timeline. */
export const RESOLVE_MARK = 'rapport resolveRead';

export const tabHandlers = {
  async reportContext(req, ctx) {
    await ctx.tabs.report(senderTab(ctx), req, (read) => {
      // A mark per resolve, as each message gets a measure: what a browser test counts.
      performance.mark(RESOLVE_MARK);
      performance.clearMarks(RESOLVE_MARK);
      return resolveRead(read, ctx);
    });
    return { data: true, changed: [] };
  },

  async getTabState(_req, ctx) {
    const tabId = senderTab(ctx);
    const data = ctx.frame ? await ctx.tabs.attach(tabId, ctx.frame) : await ctx.tabs.get(tabId);
    return { data, changed: [] };
  },

  async keepDraft(req, ctx) {
    await write(ctx, ['drafts'], async (tx) => {
      const store = tx.objectStore('drafts');
      if (req.value === null) await store.delete(req.key);
      else await store.put({ key: req.key, value: req.value, at: ctx.now() });
      // A bounded store: past MAX_DRAFTS, the oldest go.
      const count = await store.count();
      if (count > MAX_DRAFTS) {
        let cursor = await store.index('byAt').openCursor();
        for (let extra = count - MAX_DRAFTS; cursor && extra > 0; extra--) {
          await cursor.delete();
          cursor = await cursor.continue();
        }
      }
    });
    return { data: true, changed: [] };
  },

  async listDrafts(_req, ctx) {
    const drafts = await ctx.db.getAllFromIndex('drafts', 'byAt');
    return { data: drafts.reverse(), changed: [] };
  },

  /**
   * Only a sidebar frame (ctx.frame), and only for the tab it is framed into: the tab comes from
   * the sender, never from the request, so no page or other tab can be named.
   */
  async snapshotPage(_req, ctx) {
    if (!ctx.frame) throw new HandlerError('invalid', 'Only the sidebar can save its page.');
    const snapshot = await ctx.tabs.snapshot(senderTab(ctx));
    if (!snapshot)
      throw new HandlerError(
        'not_found',
        'The page did not answer. Reload it and try again; nothing was saved.',
      );
    return { data: snapshot, changed: [] };
  },

  async returnFocus(_req, ctx) {
    await ctx.tabs.returnFocus(senderTab(ctx));
    return { data: true, changed: [] };
  },
} satisfies Partial<Handlers>;
