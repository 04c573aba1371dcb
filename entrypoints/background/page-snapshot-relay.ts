/**
 * The worker's half of "Save this page for a report": it asks a tab's top frame (the content
 * script, which has the page's DOM) for the sanitised snapshot, and lets through only an answer of
 * the expected shape and size. The worker keeps nothing: the answer goes back to the sidebar frame
 * that asked, and from there only to the user's own downloads.
 */
import { browser } from 'wxt/browser';
import { SNAPSHOT_PAGE_EVENT } from '@/utils/contract/events';
import { PageSnapshot } from '@/utils/schemas/page-read';

/** The snapshot of the tab's page, or null when its content script did not answer as expected. */
export async function requestPageSnapshot(tabId: number): Promise<PageSnapshot | null> {
  const answer: unknown = await browser.tabs
    .sendMessage(tabId, { rapport: 1, event: SNAPSHOT_PAGE_EVENT }, { frameId: 0 })
    .catch(() => null); // No content script there (turned off, navigated away).
  const parsed = PageSnapshot.safeParse(answer);
  return parsed.success ? parsed.data : null;
}
