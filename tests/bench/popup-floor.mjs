/**
 * The floor under popupPaintMs: what the same measurement gives on this machine for an extension
 * page that does nothing but put an empty [data-testid="due-list"] in the document from one tiny
 * module script (no stylesheet, no message, no framework). The page is written into the bench's
 * copy of the build (lib.mjs snapshotBuild), never into the product build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { round, summary } from './lib.mjs';
import { dueListPaints } from './store.mjs';

export const FLOOR_PAGE = 'bench-popup-floor.html';
const FLOOR_SCRIPT = 'bench-popup-floor.js';

/** Adds the floor page to the build copied to `dist`. */
export function addFloorPage(dist) {
  // A module script, as the popup's own (the extension's CSP allows no inline script).
  fs.writeFileSync(
    path.join(dist, FLOOR_PAGE),
    `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>Rapport bench: popup floor</title>
    <script type="module" src="/${FLOOR_SCRIPT}"></script>
  </head>
  <body>
    <div id="app"></div>
  </body>
</html>
`,
  );
  fs.writeFileSync(
    path.join(dist, FLOOR_SCRIPT),
    `const list = document.createElement('ul');
list.dataset.testid = 'due-list';
document.getElementById('app').append(list);
`,
  );
}

/** The floor page timed as popupPaint times popup.html. */
export async function popupFloor(app, { runs = 7 } = {}) {
  const samples = await dueListPaints(app, FLOOR_PAGE, runs);
  return {
    ...summary(samples.map((s) => s.painted)),
    listInDomMs: summary(samples.map((s) => s.listInDom)),
    samples: samples.map((s) => round(s.painted)),
  };
}
