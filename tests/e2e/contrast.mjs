// Colour checks the dark-palette tests share (dark-theme.test.mjs for the sidebar and the popup,
// dark-pages.test.mjs for the full pages): the contrast of every piece of text, measured in the
// page from the browser's computed styles, and the colour scheme emulated through DevTools.

/**
 * Runs in the page: every visible element with text of its own, its colour, the colour it sits on
 * (its own and its ancestors' backgrounds composited) and their contrast ratio. Disabled controls
 * (drawn faded on purpose) are left out, as WCAG 1.4.3 leaves them out.
 */
export function textContrasts() {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1]
      .split(/[ ,/]+/)
      .filter(Boolean)
      .map(Number);
    return { r, g, b, a };
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const luminance = ({ r, g, b }) => {
    const f = (v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (x, y) => {
    const [hi, lo] = [luminance(x), luminance(y)].sort((a, b) => b - a);
    return (hi + 0.05) / (lo + 0.05);
  };
  const backdrop = (el) => {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.backgroundImage !== 'none') return null;
      const bg = parse(style.backgroundColor);
      if (bg && bg.a > 0) {
        layers.push(bg);
        if (bg.a === 1) break;
      }
    }
    // The canvas under everything: the page's own colour scheme decides it.
    let colour = matchMedia('(prefers-color-scheme: dark)').matches
      ? { r: 18, g: 18, b: 18, a: 1 }
      : { r: 255, g: 255, b: 255, a: 1 };
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const faded = (el) => {
    for (let node = el; node; node = node.parentElement) {
      if (Number(getComputedStyle(node).opacity) < 1) return true;
      if (node.matches(':disabled')) return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || faded(el)) continue;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (style.visibility !== 'visible' || box.width <= 1 || box.height <= 1) continue;
    const fg = parse(style.color);
    const bg = backdrop(el);
    if (!fg || !bg) continue;
    out.push({
      text: el.textContent.trim().slice(0, 40),
      cls: el.className,
      color: style.color,
      ratio: Math.round(ratio(over(fg, bg), bg) * 100) / 100,
    });
  }
  return out;
}

/** Emulates the colour scheme in the document of `target` (a page, or an out-of-process frame). */
export async function emulateScheme(app, target, value) {
  const cdp = await app.context.newCDPSession(target);
  await cdp.send('Emulation.setEmulatedMedia', {
    features: [{ name: 'prefers-color-scheme', value }],
  });
  return cdp;
}

/** `rgb(r, g, b)` as numbers. */
function rgb(colour) {
  const m = colour.match(/rgba?\(([^)]+)\)/);
  if (!m) throw new Error(`not an rgb colour: ${colour}`);
  return m[1]
    .split(/[ ,/]+/)
    .filter(Boolean)
    .map(Number)
    .slice(0, 3);
}

/** WCAG's contrast ratio of two opaque `rgb()` colours, to two decimals. */
export function contrast(one, two) {
  const luminance = (colour) => {
    const [r, g, b] = rgb(colour).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [luminance(one), luminance(two)].sort((a, b) => b - a);
  return Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
}

/**
 * Runs in the page: for each element matching `selector`, its computed `prop` (a stroke, a fill,
 * an outline or a border colour) and the first opaque background behind it, for `contrast`.
 */
export function paintOf([selector, prop]) {
  return [...document.querySelectorAll(selector)].map((el) => {
    let behind = 'rgb(255, 255, 255)';
    for (let node = el.parentElement; node; node = node.parentElement) {
      const bg = getComputedStyle(node).backgroundColor;
      if (!/rgba\(.*, 0\)$/.test(bg) && bg !== 'transparent') {
        behind = bg;
        break;
      }
    }
    return { selector, paint: getComputedStyle(el)[prop], behind };
  });
}
