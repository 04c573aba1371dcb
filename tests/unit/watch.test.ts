/**
 * watchContext() in happy-dom, with the real Gmail adapter on the saved Gmail pages: one call per
 * conversation, no work for mutations outside the watch root, nothing at all after abort.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { gmailAdapter, MAIN_VIEW } from '@/utils/content/hosts/gmail';
import type { HostAdapter, ReadResult } from '@/utils/content/hosts/types';
import { identityOf, watchContext } from '@/utils/content/watch';
import { setPageUrl, settle, showPage } from './live-page';
import { loadHostFixture } from './host-fixtures';

const fixture = (state: string) => loadHostFixture('gmail', state);

/** Puts a saved page into the test's document and sets the page URL, as a fresh load would. */
function show(state: string): string {
  return showPage(fixture(state)).href;
}

/** The active view of a saved page, ready to insert into the test's document. */
function viewOf(state: string): Element {
  const view = fixture(state).doc.querySelector(MAIN_VIEW);
  if (!view) throw new Error(`no main view in ${state}`);
  return document.importNode(view, true);
}

const tick = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function spied(adapter: HostAdapter = gmailAdapter) {
  const copy: HostAdapter = { ...adapter };
  const read = vi.spyOn(copy, 'read');
  const watchRoot = vi.spyOn(copy, 'watchRoot');
  return { adapter: copy, read, watchRoot };
}

const keys = (calls: ReadResult[]) => calls.map(identityOf);

let controller: AbortController;

beforeEach(async () => {
  controller = new AbortController();
  document.body.replaceChildren();
  setPageUrl('https://mail.google.com/mail/u/0/#inbox');
  await settle();
});

afterEach(() => {
  controller.abort();
});

describe('watchContext', () => {
  it('reads once at start and reports the open conversation', () => {
    show('thread');
    const { adapter, read } = spied();
    const calls: ReadResult[] = [];
    watchContext(adapter, document, window, (r) => calls.push(r), controller.signal);
    expect(read).toHaveBeenCalledTimes(1);
    expect(keys(calls)).toEqual(['open:1a2c4e6f80b1d3a5']);
    expect(
      calls[0]?.status === 'open' && calls[0].context.participants.map((p) => p.email),
    ).toEqual(['anna.keller@northwind.co.uk', 'tom.reyes@mail.northwind.co.uk']);
  });

  it('navigating between two conversations calls onChange exactly once per conversation', async () => {
    show('thread');
    const calls: ReadResult[] = [];
    watchContext(gmailAdapter, document, window, (r) => calls.push(r), controller.signal);
    await settle();
    expect(keys(calls)).toEqual(['open:1a2c4e6f80b1d3a5']);

    // Gmail changes the hash first; the old conversation is still on screen for a moment.
    window.location.hash = '#inbox/FMfcgzQctDjLbVmXwKsRgNhZqTpBfGcW';
    await settle();
    // It then retires the old view (the URL is now ahead of the DOM: unreadable, not reported)...
    const container = document.querySelector(MAIN_VIEW)?.parentElement as Element;
    const old = document.querySelector(MAIN_VIEW) as Element;
    old.removeAttribute('role');
    old.setAttribute('style', 'display: none;');
    await settle();
    // ...and renders the next conversation in steps: the view first, then its messages.
    const next = viewOf('unknown-sender');
    const list = next.querySelector('div[role="list"]') as Element;
    const messages = Array.from(list.children);
    list.replaceChildren();
    container.append(next);
    await settle();
    list.append(...messages);
    await settle();
    // More mutations inside the same conversation change nothing.
    for (let i = 0; i < 20; i++) list.append(document.createElement('div'));
    await settle();

    // Back to the inbox: the thread view goes, the list view comes back.
    window.location.hash = '#inbox';
    next.remove();
    const inbox = container.querySelector('div[style="display: none;"]') as Element;
    inbox.removeAttribute('style');
    inbox.setAttribute('role', 'main');
    await settle();

    // Forward again to the first conversation (Gmail shows its cached view again).
    window.location.hash = '#inbox/FMfcgzQcqHVtRzBkXkWbNfLqSxPmGjDd';
    inbox.removeAttribute('role');
    inbox.setAttribute('style', 'display: none;');
    old.removeAttribute('style');
    old.setAttribute('role', 'main');
    await settle();

    expect(keys(calls)).toEqual([
      'open:1a2c4e6f80b1d3a5',
      'open:1a2b97e0c4d51f3b',
      'none',
      'open:1a2c4e6f80b1d3a5',
    ]);
    const second = calls[1];
    expect(second?.status === 'open' && second.context.thread?.subject).toBe(
      'Introduction: Initech Systems',
    );
  });

  it('1000 mutations outside the watch root cause no read at all', async () => {
    show('split-pane');
    const { adapter, read, watchRoot } = spied();
    const onChange = vi.fn();
    watchContext(adapter, document, window, onChange, controller.signal);
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
    read.mockClear();
    watchRoot.mockClear();

    const nav = document.querySelector('[role="navigation"]') as Element;
    const header = document.querySelector('header') as Element;
    const panel = document.querySelector('[role="complementary"]') as Element;
    for (let i = 0; i < 1000; i++) {
      const span = document.createElement('span');
      span.setAttribute('email', `someone${i}@northwind.co.uk`);
      (i % 3 === 0 ? nav : i % 3 === 1 ? header : panel).append(span);
      header.setAttribute('style', `background-color: rgb(${i % 255}, 250, 253);`);
      if (i % 2) span.remove();
    }
    document.body.append(document.createElement('div'));
    await settle();
    await tick(20);

    expect(read).not.toHaveBeenCalled();
    expect(watchRoot).not.toHaveBeenCalled();
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('a burst of 1000 mutations inside the root is read once', async () => {
    show('split-pane');
    const { adapter, read } = spied();
    const onChange = vi.fn();
    watchContext(adapter, document, window, onChange, controller.signal);
    read.mockClear();

    const list = document.querySelector('table[role="grid"] tbody') as Element;
    for (let i = 0; i < 1000; i++) list.append(document.createElement('tr'));
    await settle();

    expect(read).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('after abort: no reads, no calls, no listeners', async () => {
    show('thread');
    const { adapter, read, watchRoot } = spied();
    const onChange = vi.fn();
    watchContext(adapter, document, window, onChange, controller.signal);
    expect(onChange).toHaveBeenCalledTimes(1);

    // A read is already queued for the next frame when the signal aborts.
    window.location.hash = '#inbox';
    document.querySelector(MAIN_VIEW)?.remove();
    controller.abort();
    read.mockClear();
    watchRoot.mockClear();

    await settle();
    window.location.hash = '#inbox/FMfcgzQcqHVtRzBkXkWbNfLqSxPmGjDd';
    window.dispatchEvent(new PopStateEvent('popstate'));
    document.body.replaceChildren();
    show('split-pane');
    await settle();
    await tick(20);

    expect(read).not.toHaveBeenCalled();
    expect(watchRoot).not.toHaveBeenCalled();
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('does nothing when the signal is already aborted', () => {
    show('thread');
    const { adapter, read } = spied();
    controller.abort();
    const onChange = vi.fn();
    watchContext(adapter, document, window, onChange, controller.signal);
    expect(read).not.toHaveBeenCalled();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('reports unreadable only when it lasts, and drops it on abort', async () => {
    show('thread');
    const calls: ReadResult[] = [];
    watchContext(gmailAdapter, document, window, (r) => calls.push(r), controller.signal, {
      unreadableAfterMs: 40,
    });
    const heading = document.querySelector('h2[data-thread-perm-id]') as Element;
    heading.removeAttribute('data-thread-perm-id');
    await settle();
    expect(keys(calls)).toEqual(['open:1a2c4e6f80b1d3a5']);
    await tick(60);
    expect(calls.map((c) => c.status)).toEqual(['open', 'unreadable']);
    expect(calls[1]).toEqual({
      status: 'unreadable',
      reason: 'the URL shows a conversation but no visible h2[data-thread-perm-id] was found',
    });

    // Same trouble again after a short recovery: the grace timer is cleared by the good read.
    heading.setAttribute('data-thread-perm-id', 'thread-f:1885968584768869285');
    await settle();
    heading.removeAttribute('data-thread-perm-id');
    await settle();
    controller.abort();
    await tick(60);
    expect(calls.map((c) => c.status)).toEqual(['open', 'unreadable', 'open']);
  });

  it('waits for a watch root that is not rendered yet, then stops watching the document', async () => {
    setPageUrl('https://mail.google.com/mail/u/0/#inbox/FMfcgzQcqHVtRzBkXkWbNfLqSxPmGjDd');
    document.body.replaceChildren(Object.assign(document.createElement('div'), { id: 'loading' }));
    const { adapter, read } = spied();
    const calls: ReadResult[] = [];
    watchContext(adapter, document, window, (r) => calls.push(r), controller.signal);
    await settle();
    expect(calls).toEqual([]); // unreadable for now, within the grace period

    // Gmail renders: the app's nodes arrive deep inside what is already attached.
    const { doc } = fixture('thread');
    const app = document.createElement('div');
    document.body.append(app);
    await settle();
    app.append(...Array.from(doc.body.childNodes, (node) => document.importNode(node, true)));
    await settle();
    expect(keys(calls)).toEqual(['open:1a2c4e6f80b1d3a5']);

    // From now on the document at large is not observed.
    read.mockClear();
    for (let i = 0; i < 100; i++) app.append(document.createElement('div'));
    document.querySelector('header')?.append(document.createElement('span'));
    await settle();
    expect(read).not.toHaveBeenCalled();
  });

  it('follows a replaced watch root', async () => {
    show('thread');
    const calls: ReadResult[] = [];
    watchContext(gmailAdapter, document, window, (r) => calls.push(r), controller.signal);
    await settle();
    const root = gmailAdapter.watchRoot(document) as Element;
    const fresh = document.createElement('div');
    fresh.className = 'nH';
    fresh.append(viewOf('several-companies'));
    window.history.replaceState(null, '', '#search/workshop/FMfcgzQcsWgZbxLRmTnHkDvJqPfCzNtS');
    root.replaceWith(fresh);
    await settle();
    expect(keys(calls)).toEqual(['open:1a2c4e6f80b1d3a5', 'open:1a2b3d5f7091c2e4']);

    // The new root is observed: a change inside it alone (no navigation event) is seen.
    fresh.replaceChildren(viewOf('freemail-sender'));
    await settle();
    expect(keys(calls)).toEqual([
      'open:1a2c4e6f80b1d3a5',
      'open:1a2b3d5f7091c2e4',
      'open:1a2bc4f18a2d6e09',
    ]);
  });

  it('survives an adapter that throws', async () => {
    const broken: HostAdapter = {
      host: 'gmail',
      matches: () => true,
      read: () => {
        throw new Error('markup changed');
      },
      watchRoot: () => {
        throw new Error('markup changed');
      },
    };
    const calls: ReadResult[] = [];
    expect(() =>
      watchContext(broken, document, window, (r) => calls.push(r), controller.signal, {
        unreadableAfterMs: 0,
      }),
    ).not.toThrow();
    expect(calls).toEqual([{ status: 'unreadable', reason: 'markup changed' }]);
  });
});
