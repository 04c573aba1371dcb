/**
 * The host page's own colour scheme as the content script reads it (utils/content/page-theme.ts),
 * against the dated Gmail fixtures in the test's own document (computed styles need a window), and
 * the palette the sidebar then picks (utils/page/theme.ts): the page's, unless the setting names
 * one; the browser's when the page paints nothing. Pages that fake a dark theme, or break their own
 * styles, never break the read. (Colours are written as browsers compute them, rgb(): happy-dom
 * keeps a hex colour as written.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { luminance, pageTheme } from '@/utils/content/page-theme';
import { applyTheme, chooseTheme } from '@/utils/page/theme';
import { loadHostFixture } from './host-fixtures';
import { showPage } from './live-page';

/** A saved page in this document, with its body's own attributes (the dark theme's inline style). */
function show(state: string, date?: string) {
  const page = loadHostFixture('gmail', state, date ? { date } : {});
  showPage(page);
  document.body.setAttribute('style', page.doc.body.getAttribute('style') ?? '');
  document.body.className = page.doc.body.className;
}

afterEach(() => {
  document.body.removeAttribute('style');
  document.body.className = '';
  document.head.querySelectorAll('style').forEach((s) => s.remove());
});

describe('pageTheme()', () => {
  it("Gmail's dark theme (2026-12-05): dark, from the body's painted colour", () => {
    show('dark-theme', '2026-12-05');
    expect(getComputedStyle(document.body).backgroundColor).toBe('rgb(31, 31, 31)');
    expect(pageTheme(document)).toBe('dark');
  });

  it('the same thread in the default theme (2026-11-28): light', () => {
    show('thread');
    document.body.style.backgroundColor = 'rgb(246, 248, 252)';
    expect(pageTheme(document)).toBe('light');
  });

  it("the main region's own colour counts before the body's", () => {
    show('dark-theme', '2026-12-05');
    (document.querySelector('[role="main"]') as HTMLElement).style.backgroundColor =
      'rgb(255, 255, 255)';
    expect(pageTheme(document)).toBe('light');
  });

  it('a page that paints nothing, or a mid grey, or a faint veil: no answer', () => {
    show('thread');
    expect(pageTheme(document)).toBeUndefined();
    document.body.style.backgroundColor = 'rgb(128, 128, 128)';
    expect(pageTheme(document)).toBeUndefined();
    document.body.style.backgroundColor = 'rgba(0, 0, 0, 0.1)';
    expect(pageTheme(document)).toBeUndefined();
  });

  it('a page that fakes a dark theme by its class names alone stays light', () => {
    show('thread');
    document.body.className = 'dark-theme aAU dark';
    document.documentElement.setAttribute('data-theme', 'dark');
    document.body.style.backgroundColor = 'rgb(255, 255, 255)';
    expect(pageTheme(document)).toBe('light');
    document.documentElement.removeAttribute('data-theme');
  });

  it('a page that throws from its styles, or has no window, gives no answer and no exception', () => {
    show('dark-theme', '2026-12-05');
    const hostile = new Proxy(document, {
      get(target, prop) {
        if (prop === 'defaultView')
          return {
            getComputedStyle: () => {
              throw new Error('boom');
            },
          };
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    expect(pageTheme(hostile)).toBeUndefined();
    const parsed = new DOMParser().parseFromString('<body style="background:#000">', 'text/html');
    expect(pageTheme(parsed)).toBeUndefined();
  });

  it('a page nesting its main region 200 deep answers no slower than 40 steps', () => {
    show('thread');
    for (const main of Array.from(document.querySelectorAll('[role="main"]')))
      main.removeAttribute('role');
    let el: HTMLElement = document.body;
    for (let i = 0; i < 200; i++) el = el.appendChild(document.createElement('div'));
    el.setAttribute('role', 'main');
    document.body.style.backgroundColor = 'rgb(17, 17, 17)';
    // The body is 200 steps up: out of reach, so no answer rather than a long walk.
    expect(pageTheme(document)).toBeUndefined();
    (el.parentElement as HTMLElement).style.backgroundColor = 'rgb(17, 17, 17)';
    expect(pageTheme(document)).toBe('dark');
  });

  it('luminance follows WCAG', () => {
    expect(luminance({ r: 0, g: 0, b: 0 })).toBe(0);
    expect(luminance({ r: 255, g: 255, b: 255 })).toBe(1);
    expect(luminance({ r: 31, g: 31, b: 31 })).toBeCloseTo(0.0137, 3);
  });
});

describe('chooseTheme() and applyTheme()', () => {
  it('follows the page, then the browser, unless the setting names a palette', () => {
    expect(chooseTheme('page', 'dark', false)).toBe('dark');
    expect(chooseTheme('page', 'light', true)).toBe('light');
    expect(chooseTheme('page', undefined, true)).toBe('dark');
    expect(chooseTheme('page', undefined, false)).toBe('light');
    expect(chooseTheme('light', 'dark', true)).toBe('light');
    expect(chooseTheme('dark', 'light', false)).toBe('dark');
  });

  it('puts the palette on the root element', () => {
    applyTheme(document, 'dark');
    expect(document.documentElement.dataset.rpTheme).toBe('dark');
    applyTheme(document, 'light');
    expect(document.documentElement.dataset.rpTheme).toBe('light');
  });
});
