// Paths to the built extensions, and a reader for every file in one.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROME = path.join(ROOT, '.output/chrome-mv3');
export const FIREFOX = path.join(ROOT, '.output/firefox-mv3');

export function manifest(dir) {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file))
    throw new Error(`${file} is missing: run npm run build and npm run build:firefox first`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function files(dir, ext) {
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(ext))
    .map((f) => path.join(dir, f));
}
