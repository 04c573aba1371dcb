/**
 * Which Chromium the demo, the browser tests and `.ci/run` drive, and Debian's chromium installed
 * when none is found on a machine where that can be done (root, with apt-get).
 *
 *   node tests/tools/chromium.mjs             prints the browser's path, or why none is usable (exit 1)
 *   node tests/tools/chromium.mjs --install   the same, installing Debian's chromium when it can
 *
 * The search, first usable wins:
 *   1. RAPPORT_CHROMIUM (or CHROMIUM_PATH): used or refused, never replaced by another browser;
 *   2. the usual install paths of Chromium, Chrome for Testing, Google Chrome and Microsoft Edge on
 *      this system (RAPPORT_BROWSER_DEFAULTS=0 hides them: the tests of this file use it);
 *   3. the same browsers' command names on the PATH.
 * Google Chrome 137 and later ignores `--load-extension` (Chromium, Chrome for Testing and Edge do
 * not), so a branded Chrome that new is named and passed over, never launched to fail silently.
 *
 * No dependencies: `.ci/run` calls it before `npm ci`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The first Google Chrome that ignores --load-extension (chrome://version, Chrome 137 notes). */
export const CHROME_WITHOUT_LOAD_EXTENSION = 137;

const BRAND_NAMES = {
  chromium: 'Chromium',
  'chrome-for-testing': 'Chrome for Testing',
  chrome: 'Google Chrome',
  edge: 'Microsoft Edge',
};

/** Install paths per system, in the order they are preferred (those that load extensions first). */
function defaultPaths(platform, env) {
  if (platform === 'darwin') {
    const apps = ['/Applications', path.join(env.HOME ?? '', 'Applications')];
    return [
      ['Chromium.app/Contents/MacOS/Chromium', 'chromium'],
      [
        'Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
        'chrome-for-testing',
      ],
      ['Microsoft Edge.app/Contents/MacOS/Microsoft Edge', 'edge'],
      ['Google Chrome.app/Contents/MacOS/Google Chrome', 'chrome'],
    ].flatMap(([app, brand]) => apps.map((dir) => ({ file: path.join(dir, app), brand })));
  }
  if (platform === 'win32') {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter(Boolean);
    return [
      ['Chromium\\Application\\chrome.exe', 'chromium'],
      ['Microsoft\\Edge\\Application\\msedge.exe', 'edge'],
      ['Google\\Chrome\\Application\\chrome.exe', 'chrome'],
    ].flatMap(([exe, brand]) => roots.map((root) => ({ file: path.win32.join(root, exe), brand })));
  }
  return [
    ['/usr/bin/chromium', 'chromium'],
    ['/usr/bin/chromium-browser', 'chromium'],
    ['/snap/bin/chromium', 'chromium'],
    ['/usr/lib/chromium/chromium', 'chromium'],
    ['/opt/microsoft/msedge/msedge', 'edge'],
    ['/usr/bin/microsoft-edge', 'edge'],
    ['/opt/google/chrome/chrome', 'chrome'],
    ['/usr/bin/google-chrome', 'chrome'],
  ].map(([file, brand]) => ({ file, brand }));
}

/** Command names looked up on the PATH, in the same order of preference. */
const COMMANDS = [
  ['chromium', 'chromium'],
  ['chromium-browser', 'chromium'],
  ['microsoft-edge', 'edge'],
  ['microsoft-edge-stable', 'edge'],
  ['google-chrome', 'chrome'],
  ['google-chrome-stable', 'chrome'],
];

function isExecutable(file) {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `name` on the PATH (with Windows' extensions), or null. */
export function onPath(name, env = process.env, platform = process.platform) {
  const exts = platform === 'win32' ? (env.PATHEXT ?? '.EXE').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const ext of exts) {
      const file = path.join(dir, name + ext);
      if (isExecutable(file)) return file;
    }
  }
  return null;
}

/** What a path looks like it is, for a browser named by the user or found on the PATH. */
function brandOf(file) {
  const name = file.toLowerCase();
  if (name.includes('for testing') || name.includes('chrome-for-testing')) {
    return 'chrome-for-testing';
  }
  if (name.includes('edge')) return 'edge';
  if (name.includes('chromium')) return 'chromium';
  if (name.includes('google') || /(^|[\\/])chrome(\.exe)?$/.test(name)) return 'chrome';
  return 'chromium';
}

/**
 * The browser's brand and major version, from `--version` ("Google Chrome 142.0.7444.59",
 * "Chromium 156.0.8078.114 built on Debian"). On Windows `chrome.exe --version` opens a window
 * instead, so the version is read from the folder beside it (Application\142.0.7444.59\).
 */
export function identify(file, brand = brandOf(file), platform = process.platform) {
  let text = '';
  if (platform === 'win32') {
    try {
      text = fs
        .readdirSync(path.dirname(file))
        .filter((entry) => /^\d+\.\d+\.\d+\.\d+$/.test(entry))
        .sort((a, b) => parseInt(b) - parseInt(a))[0];
    } catch {
      text = '';
    }
  } else {
    const result = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 15_000 });
    text = result.stdout ?? '';
    if (/Google Chrome for Testing/.test(text)) brand = 'chrome-for-testing';
    else if (/Google Chrome/.test(text)) brand = 'chrome';
    else if (/Microsoft Edge/.test(text)) brand = 'edge';
    else if (/Chromium/.test(text)) brand = 'chromium';
  }
  const major = Number(/(\d+)\.\d+\.\d+\.\d+/.exec(text ?? '')?.[1]) || null;
  return { path: file, brand, name: BRAND_NAMES[brand], major };
}

/** Why this browser cannot load Rapport unpacked, or null when it can. */
export function refusal(browser) {
  if (browser.brand !== 'chrome') return null;
  if (browser.major !== null && browser.major < CHROME_WITHOUT_LOAD_EXTENSION) return null;
  const version = browser.major ? ` ${browser.major}` : '';
  return (
    `${browser.name}${version} (${browser.path}) ignores --load-extension: Google Chrome ` +
    `${CHROME_WITHOUT_LOAD_EXTENSION} and later cannot load an unpacked extension from the ` +
    'command line. Use Chromium or Chrome for Testing instead (set RAPPORT_CHROMIUM=/path/to/it), ' +
    'or load .output/chrome-mv3 by hand: chrome://extensions, Developer mode, Load unpacked.'
  );
}

/** The one command that installs Chromium here, or null where there is none to give. */
export function installCommand({
  platform = process.platform,
  env = process.env,
  uid = process.getuid?.(),
} = {}) {
  if (platform === 'darwin') return 'brew install --cask chromium';
  if (platform !== 'linux') return null;
  const sudo = uid === 0 ? '' : 'sudo ';
  for (const [tool, command] of [
    ['apt-get', 'apt-get install -y chromium'],
    ['dnf', 'dnf install -y chromium'],
    ['pacman', 'pacman -S --noconfirm chromium'],
    ['zypper', 'zypper install -y chromium'],
  ]) {
    if (onPath(tool, env, platform)) return sudo + command;
  }
  return null;
}

/**
 * The browser to drive: `{ path, brand, name, major }`. Throws an Error whose message says what
 * was found and what to do, when nothing usable is.
 */
export function locateChromium({
  env = process.env,
  platform = process.platform,
  uid = process.getuid?.(),
} = {}) {
  for (const variable of ['RAPPORT_CHROMIUM', 'CHROMIUM_PATH']) {
    const file = env[variable];
    if (!file) continue;
    if (!isExecutable(file)) {
      throw new Error(`Chromium not found: ${variable}=${file} is not an executable file`);
    }
    const browser = identify(file, brandOf(file), platform);
    const why = refusal(browser);
    if (why) throw new Error(`${variable}: ${why}`);
    return browser;
  }
  const candidates = env.RAPPORT_BROWSER_DEFAULTS === '0' ? [] : defaultPaths(platform, env);
  for (const [command, brand] of COMMANDS) {
    const file = onPath(command, env, platform);
    if (file) candidates.push({ file, brand });
  }
  const refused = [];
  const seen = new Set();
  for (const { file, brand } of candidates) {
    if (seen.has(file) || !isExecutable(file)) continue;
    seen.add(file);
    // Only a branded Chrome needs its version read (one process start); the rest load extensions.
    const browser =
      brand === 'chrome' || brandOf(file) === 'chrome'
        ? identify(file, brand, platform)
        : { path: file, brand, name: BRAND_NAMES[brand], major: null };
    const why = refusal(browser);
    if (!why) return browser;
    refused.push(why);
  }
  const command = installCommand({ platform, env, uid });
  const lines = [
    command
      ? `Chromium not found. Install it with:\n  ${command}`
      : 'Chromium not found. Install Chromium (https://www.chromium.org/getting-involved/download-chromium/).',
    ...refused.map((why) => `Found, but not usable: ${why}`),
    'Or set RAPPORT_CHROMIUM=/path/to/chromium (Chromium or Chrome for Testing).',
  ];
  throw new Error(lines.join('\n'));
}

/** The browser's path (for Playwright's executablePath); throws like locateChromium(). */
export function findChromium(options) {
  return locateChromium(options).path;
}

/** True where this process may install Debian's chromium itself: Linux, root, apt-get present. */
export function canInstallChromium({
  env = process.env,
  platform = process.platform,
  uid = process.getuid?.(),
} = {}) {
  return platform === 'linux' && uid === 0 && Boolean(onPath('apt-get', env, platform));
}

/**
 * locateChromium(), and when nothing usable is found where it can (canInstallChromium), installs
 * Debian's chromium with apt-get first. apt's own output is shown only when it fails.
 */
export function ensureChromium({
  env = process.env,
  uid = process.getuid?.(),
  log = console.log,
} = {}) {
  try {
    return locateChromium({ env, uid });
  } catch (notFound) {
    if (!canInstallChromium({ env, uid })) throw notFound;
  }
  log(
    "Chromium not found: installing Debian's chromium (apt-get install -y chromium), about a minute...",
  );
  const started = Date.now();
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  let output = '';
  for (const args of [
    ['update', '-q'],
    ['install', '-y', '-q', 'chromium'],
  ]) {
    const result = spawnSync(onPath('apt-get', env), args, {
      env: aptEnv,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    output += `${result.stdout ?? ''}${result.stderr ?? ''}`;
    if (result.status !== 0) {
      const tail = output.trim().split('\n').slice(-15).join('\n');
      throw new Error(
        `apt-get ${args.join(' ')} failed (exit ${result.status ?? result.error?.message}):\n${tail}\n` +
          'Install Chromium yourself (apt-get install -y chromium), or set RAPPORT_CHROMIUM=/path/to/chromium.',
      );
    }
  }
  const browser = locateChromium({ env, uid });
  log(
    `Installed ${browser.name} (${browser.path}) in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  return browser;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    const install = process.argv.includes('--install');
    const browser = install ? ensureChromium({ log: console.error }) : locateChromium();
    console.log(browser.path);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
