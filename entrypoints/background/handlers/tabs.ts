/**
 * What a tab shows and what its sidebar keeps: the content script's report, the frame's question
 * about its own tab, the sidebar's drafts, and focus given back to the page.
 */
import { type Handlers, MAX_DRAFTS, write, senderTab } from './common';
import { resolveRead } from './accounts';

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

  async returnFocus(_req, ctx) {
    await ctx.tabs.returnFocus(senderTab(ctx));
    return { data: true, changed: [] };
  },
} satisfies Partial<Handlers>;
