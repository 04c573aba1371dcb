/**
 * For tests that drive a host adapter through the shared watcher in the test's own happy-dom
 * document, as the content script runs it: a saved page put in place, the URL set, the app's
 * in-page navigation, and a wait for the watcher.
 */
const happyDOM = (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM;

/** Sets the page's URL without a load, as an app's history.pushState does. */
export function setPageUrl(href: string): void {
  happyDOM.setURL(href);
}

/** Lets the watcher see what changed: a task, then two frames. */
export async function settle(): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  for (let i = 0; i < 2; i++)
    await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
}

/** Puts a saved page into the test's document and sets the page URL, as a fresh load would. */
export function showPage(page: { doc: Document; url: URL }): URL {
  document.title = page.doc.title;
  document.body.replaceChildren(
    ...Array.from(page.doc.body.childNodes, (node) => document.importNode(node, true)),
  );
  setPageUrl(page.url.href);
  return page.url;
}

/**
 * What an app does to open another record without loading a page: the new URL pushed, and the
 * children of the element at `selector` (the app's content area) replaced by the other page's.
 */
export function swapContent(selector: string, page: { doc: Document; url: URL }): void {
  setPageUrl(page.url.href);
  document
    .querySelector(selector)
    ?.replaceChildren(
      ...Array.from(page.doc.querySelector(selector)?.childNodes ?? [], (n) =>
        document.importNode(n, true),
      ),
    );
}
