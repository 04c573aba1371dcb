/**
 * Controls that share a row and differ in height: a field with its button, a select beside them.
 * The pages give every such control one height (--rp-control-height in components/page-base.css
 * and components/sidebar-controls.css); a one-off size or a browser default shows up here.
 */

/** Controls further apart than this are not one row's, though level (two columns of a page). */
const NEIGHBOURS_WITHIN = 48;

/**
 * Runs in the page: every visible field, select and button, as `{ what, top, bottom, left,
 * right, height }`, in page coordinates. Checkboxes and radios are a different kind of control (a box beside its
 * label); textareas are as tall as their text; `ignore` (a selector) leaves out parts laid out
 * as a grid of tiles, not a row of controls.
 */
function visibleControls(ignore) {
  const selector =
    'button, select, input:not([type="checkbox"]):not([type="radio"]):not([type="hidden"])';
  return [...document.querySelectorAll(selector)]
    .filter((el) => !(ignore && el.closest(ignore)))
    .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
    .map((el) => {
      const box = el.getBoundingClientRect();
      const name = (el.textContent || el.getAttribute('placeholder') || el.id || '').trim();
      return {
        what: `${el.tagName.toLowerCase()} "${name.slice(0, 30)}"`,
        top: box.top + scrollY,
        bottom: box.bottom + scrollY,
        left: box.left,
        right: box.right,
        height: box.height,
      };
    })
    .filter((c) => c.height > 4);
}

/** `a`'s middle is within `b`'s height. */
const level = (a, b) => (a.top + a.bottom) / 2 > b.top && (a.top + a.bottom) / 2 < b.bottom;

/**
 * The pairs of neighbouring controls on one line (one's middle within the other's height, at
 * most NEIGHBOURS_WITHIN apart) whose heights
 * differ by more than a pixel, as readable lines; and how many pairs were compared, so that a test
 * can tell "all aligned" from "nothing to compare".
 */
export async function controlRows(page, { ignore = null } = {}) {
  const controls = await page.evaluate(visibleControls, ignore);
  const mismatches = [];
  let pairs = 0;
  for (let i = 0; i < controls.length; i++) {
    for (let j = i + 1; j < controls.length; j++) {
      const [a, b] = [controls[i], controls[j]];
      if (!level(a, b) && !level(b, a)) continue;
      const apart = Math.max(a.left, b.left) - Math.min(a.right, b.right);
      if (apart > NEIGHBOURS_WITHIN) continue;
      pairs++;
      if (Math.abs(a.height - b.height) > 1) {
        mismatches.push(
          `${a.what} ${a.height.toFixed(1)} px beside ${b.what} ${b.height.toFixed(1)} px`,
        );
      }
    }
  }
  return { pairs, mismatches };
}
