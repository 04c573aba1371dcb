/**
 * Whether the host page is in a dark theme (Gmail's and Outlook's own dark themes, a CRM's dark
 * mode), so that the docked sidebar can follow it. Read from the colour the page actually paints
 * behind its content, never from a class name or a setting the page claims: the computed
 * background of its main region or, where that is transparent, of the first ancestor that paints
 * one. Cheap (a few getComputedStyle calls, no layout) and safe: anything odd gives no answer, and
 * the sidebar then follows the browser's own colour scheme.
 */
import type { PageTheme } from '@/utils/contract/enums';

/** Where the page's content sits, most specific first: its main landmark, or the body. */
const CONTENT = ['[role="main"]', 'main', 'body'];

/** Under this relative luminance the page is dark (#1f1f1f is 0.014); over LIGHT it is light. */
const DARK = 0.2;
const LIGHT = 0.4;

/** `rgb(31, 31, 31)` or `rgba(0, 0, 0, 0.5)` as channels 0-255 and alpha, or null. */
function parseColour(value: string): { r: number; g: number; b: number; a: number } | null {
  const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(
    value.trim(),
  );
  if (!m) return null;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : Number(m[4]);
  const [r, g, b] = [m[1], m[2], m[3]].map(Number) as [number, number, number];
  return [r, g, b, alpha].every(Number.isFinite) ? { r, g, b, a: alpha } : null;
}

/** WCAG relative luminance of an sRGB colour. */
export function luminance({ r, g, b }: { r: number; g: number; b: number }): number {
  const lin = (v: number) => {
    const c = Math.min(Math.max(v, 0), 255) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/**
 * 'dark' or 'light' as the page paints itself behind its content, or undefined when it cannot
 * tell: nothing painted (a background image only), a mid grey, a colour it cannot parse, or any
 * error. Walks at most 40 ancestors: a page cannot make it slow by nesting.
 */
export function pageTheme(doc: Document): PageTheme | undefined {
  try {
    const view = doc.defaultView;
    const start = CONTENT.map((s) => doc.querySelector(s)).find((el) => el !== null);
    if (!view || !start) return undefined;
    let depth = 0;
    for (let el: Element | null = start; el && depth < 40; el = el.parentElement, depth++) {
      const colour = parseColour(view.getComputedStyle(el).backgroundColor);
      if (!colour || colour.a < 0.5) continue;
      const l = luminance(colour);
      return l < DARK ? 'dark' : l > LIGHT ? 'light' : undefined;
    }
    return undefined;
  } catch {
    return undefined;
  }
}
