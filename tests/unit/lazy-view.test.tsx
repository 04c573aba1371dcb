// A part of the accounts page loaded when first shown (entrypoints/accounts/lazy-view.tsx): the
// loading line until its module is in (only once the wait is long enough to notice), then the
// part itself, and the error when it cannot load.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { lazyView } from '@/entrypoints/accounts/lazy-view';
import { LOADING_DELAY_MS } from '@/entrypoints/accounts/loading-line';

let host: HTMLElement;
beforeEach(() => {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string, subs?: string[]) =>
    key === 'accountsLoadFailed' ? `Could not load: ${subs?.[0]}` : key) as never);
  host = document.createElement('div');
  document.body.append(host);
});
afterEach(() => {
  render(null, host);
  host.remove();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

function Greeting({ name }: { name: string }) {
  return <p class="greeting">Hello {name}</p>;
}

describe('lazyView', () => {
  it('shows the part at once when its module comes quickly: no loading line flashes', async () => {
    const part = lazyView(() => Promise.resolve(Greeting));
    const seen: string[] = [];
    const watch = new MutationObserver(() => seen.push(host.textContent ?? ''));
    watch.observe(host, { childList: true, subtree: true, characterData: true });
    act(() => render(<part.View name="Ann" />, host));
    await settle();
    watch.disconnect();
    expect(host.querySelector('.greeting')?.textContent).toBe('Hello Ann');
    expect(seen.filter((text) => text.includes('accountsLoading'))).toEqual([]);
  });

  it('shows the loading line while a slow module comes, then the part; loads it once', async () => {
    vi.useFakeTimers();
    let arrive = (_view: typeof Greeting) => {};
    const load = vi.fn(() => new Promise<typeof Greeting>((resolve) => (arrive = resolve)));
    const part = lazyView(load);
    act(() => render(<part.View name="Ann" />, host));
    expect(host.textContent).toBe('');
    act(() => void vi.advanceTimersByTime(LOADING_DELAY_MS - 1));
    expect(host.textContent).toBe('');
    act(() => void vi.advanceTimersByTime(1));
    expect(host.textContent).toBe('accountsLoading');
    vi.useRealTimers();
    arrive(Greeting);
    await settle();
    expect(host.querySelector('.greeting')?.textContent).toBe('Hello Ann');
    act(() => render(null, host));
    act(() => render(<part.View name="Bob" />, host));
    // Loaded once: every later time it renders at once.
    expect(host.querySelector('.greeting')?.textContent).toBe('Hello Bob');
    part.preload();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('is ready at once after a preload', async () => {
    const part = lazyView(() => Promise.resolve(Greeting));
    part.preload();
    await settle();
    act(() => render(<part.View name="Ann" />, host));
    expect(host.querySelector('.greeting')?.textContent).toBe('Hello Ann');
  });

  it('says so when its module cannot be loaded', async () => {
    const part = lazyView<{ name: string }>(() => Promise.reject(new Error('chunk gone')));
    act(() => render(<part.View name="Ann" />, host));
    await settle();
    expect(host.querySelector('[role="alert"]')?.textContent).toBe('Could not load: chunk gone');
    expect(host.querySelector('.greeting')).toBeNull();
  });
});
