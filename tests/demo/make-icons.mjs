/**
 * Renders tests/demo/icon.svg to public/icon/<size>.png (which WXT puts in the manifest) in
 * headless Chromium, on a transparent background. Run after editing the SVG:
 *
 *   node tests/demo/make-icons.mjs
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, findChromium } from '../e2e/harness.mjs';

const SIZES = [16, 32, 48, 96, 128];
const svg = fs.readFileSync(path.join(ROOT, 'tests', 'demo', 'icon.svg'), 'utf8');
const out = path.join(ROOT, 'public', 'icon');
fs.mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: findChromium(),
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}img{display:block}</style>` +
        `<img src="${dataUrl}" width="${size}" height="${size}">`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    const file = path.join(out, `${size}.png`);
    await page.screenshot({ path: file, omitBackground: true });
    console.log(`${path.relative(ROOT, file)} (${fs.statSync(file).size} bytes)`);
    await page.close();
  }
} finally {
  await browser.close();
}
