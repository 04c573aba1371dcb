/**
 * `npm run screenshots`: the README's and the stores' screenshots (1280x800), made from the real
 * extension on the bundled sample data. Writes tests/screenshots/*.png, which are committed.
 *
 * The saved Gmail pages carry no Gmail stylesheet; a small stand-in makes them read like an inbox
 * so the picture is about the sidebar, not unstyled markup.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildOnce, expectText, launch, ROOT, sidebar } from '../e2e/harness.mjs';
import { OWN_DOMAIN, sampleBackup } from '../fixtures/sample-data.mjs';

const OUT = path.join(ROOT, 'tests', 'screenshots');
const INBOX_LOOK = `
  body { font: 14px/1.5 Arial, Helvetica, sans-serif; color: #202124; background: #f6f8fc; }
  svg, img, header, [role="navigation"], [role="complementary"], button { display: none !important; }
  div[role="main"] { max-width: 820px; margin: 24px 0 0 40px; padding: 24px 32px; background: #fff;
    border-radius: 16px; }
  h2 { font-size: 22px; font-weight: 400; margin: 0 0 16px; }
  a { color: #1a73e8; text-decoration: none; }
`;

async function shoot(page, name) {
  await page.addStyleTag({ content: INBOX_LOOK });
  await page.waitForTimeout(300); // let the style settle before the picture
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`screenshot: ${path.relative(ROOT, file)}`);
}

fs.mkdirSync(OUT, { recursive: true });
console.log(`build: ${buildOnce()}`);
const app = await launch();
try {
  await app.seed(sampleBackup(Date.now()));
  await app.call('updateSettings', { ownDomains: [OWN_DOMAIN] });

  const thread = await app.openGmail('thread');
  await expectText(sidebar(thread, 'account-name'), 'Northwind Logistics', { page: thread });
  await shoot(thread, 'sidebar-expanded');
  await sidebar(thread, 'collapse').click();
  await shoot(thread, 'sidebar-collapsed');
  await sidebar(thread, 'collapse').click();
  await thread.close();

  const unknown = await app.openGmail('unknown-sender');
  await expectText(sidebar(unknown, 'create-account'), 'Create account', { page: unknown });
  await shoot(unknown, 'sidebar-unknown-sender');
  await unknown.close();

  for (const [page, name] of [
    ['accounts.html#view=portfolio', 'accounts-portfolio'],
    ['accounts.html#view=table', 'accounts-table'],
  ]) {
    const p = await app.openPage(page);
    await p.waitForTimeout(800);
    await p.screenshot({ path: path.join(OUT, `${name}.png`) });
    console.log(`screenshot: tests/screenshots/${name}.png`);
    await p.close();
  }
} finally {
  await app.close();
}
