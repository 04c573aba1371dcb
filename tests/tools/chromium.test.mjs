// tests/tools/chromium.mjs: which browser the demo and the browser tests drive, what they say when
// there is none, and Debian's chromium installed where that can be done. The machine's own
// browsers are hidden (RAPPORT_BROWSER_DEFAULTS=0, a PATH of one temporary folder) and replaced by
// small scripts: a fake apt-get that "installs" chromium, fake Chrome builds that print a version.
// The last test finds the real browser.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  canInstallChromium,
  ensureChromium,
  identify,
  installCommand,
  locateChromium,
} from './chromium.mjs';

const CLI = fileURLToPath(new URL('./chromium.mjs', import.meta.url));
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-chromium-test-'));
after(() => fs.rmSync(temp, { recursive: true, force: true }));

let folders = 0;
/** A folder for PATH holding the given scripts ({ name: shell body }), and the env that sees only it. */
function fakeBin(scripts = {}) {
  const bin = path.join(temp, `bin-${++folders}`);
  fs.mkdirSync(bin);
  for (const [name, body] of Object.entries(scripts)) {
    fs.writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  }
  const env = { PATH: bin, HOME: temp, RAPPORT_BROWSER_DEFAULTS: '0' };
  return { bin, env };
}

const prints = (line) => `echo '${line}'`;

/** A fake apt-get: logs its arguments; `install ... chromium` puts a working `chromium` on PATH. */
function fakeApt(bin, { failInstall = false } = {}) {
  return `echo "$*" >> ${bin}/apt.log
case "$*" in
  *install*chromium*)
    ${failInstall ? 'echo "E: Unable to locate package chromium" >&2; exit 100' : ''}
    printf '#!/bin/sh\\necho "Chromium 150.0.7000.1 built on Debian"\\n' > ${bin}/chromium
    /bin/chmod 755 ${bin}/chromium ;;
esac`;
}

describe('when no browser is found', () => {
  test('the demo and the tests stop with the one command to run, and install nothing', () => {
    const { bin, env } = fakeBin({ 'apt-get': 'echo "$*" >> "$0.log"' });
    assert.throws(
      () => locateChromium({ env, platform: 'linux' }),
      (error) => {
        assert.match(
          error.message,
          /^Chromium not found\. Install it with:\n {2}(sudo )?apt-get install -y chromium$/m,
        );
        assert.match(error.message, /RAPPORT_CHROMIUM=/);
        return true;
      },
    );
    assert.equal(fs.existsSync(path.join(bin, 'apt-get.log')), false, 'apt-get was run');
  });

  test('without root, --install prints `sudo apt-get install -y chromium` and runs no apt-get', () => {
    const { bin, env } = fakeBin();
    fs.writeFileSync(path.join(bin, 'apt-get'), `#!/bin/sh\n${fakeApt(bin)}\n`, { mode: 0o755 });
    assert.equal(
      installCommand({ platform: 'linux', env, uid: 1000 }),
      'sudo apt-get install -y chromium',
    );
    assert.equal(canInstallChromium({ env, platform: 'linux', uid: 1000 }), false);
    assert.throws(
      () => ensureChromium({ env, uid: 1000, log: () => {} }),
      /sudo apt-get install -y chromium/,
    );
    assert.equal(fs.existsSync(path.join(bin, 'apt.log')), false, 'apt-get was run without root');
  });

  test("as root with apt-get, it installs Debian's chromium (update, then install) and uses it", () => {
    const { bin, env } = fakeBin();
    fs.writeFileSync(path.join(bin, 'apt-get'), `#!/bin/sh\n${fakeApt(bin)}\n`, { mode: 0o755 });
    const said = [];
    const browser = ensureChromium({ env, uid: 0, log: (line) => said.push(line) });
    assert.equal(browser.path, path.join(bin, 'chromium'));
    assert.equal(browser.name, 'Chromium');
    assert.deepEqual(fs.readFileSync(path.join(bin, 'apt.log'), 'utf8').trim().split('\n'), [
      'update -q',
      'install -y -q chromium',
    ]);
    assert.match(said[0], /installing Debian's chromium \(apt-get install -y chromium\)/);
    assert.match(said.at(-1), /^Installed Chromium \(.*chromium\) in \d+ s$/);
    // Found now: a second run installs nothing.
    ensureChromium({ env, uid: 0, log: () => {} });
    assert.equal(fs.readFileSync(path.join(bin, 'apt.log'), 'utf8').trim().split('\n').length, 2);
  });

  test("a failed apt-get says so with apt's own words, and the command to run by hand", () => {
    const { bin, env } = fakeBin();
    fs.writeFileSync(
      path.join(bin, 'apt-get'),
      `#!/bin/sh\n${fakeApt(bin, { failInstall: true })}\n`,
      {
        mode: 0o755,
      },
    );
    assert.throws(
      () => ensureChromium({ env, uid: 0, log: () => {} }),
      /apt-get install -y -q chromium failed \(exit 100\):\n.*Unable to locate package chromium[\s\S]*apt-get install -y chromium/,
    );
  });

  test('the command line: exit 1 and the message on stderr, nothing on stdout', () => {
    const { env } = fakeBin();
    const result = spawnSync(process.execPath, [CLI], { env, encoding: 'utf8' });
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^Chromium not found\./);
  });

  test('macOS and Windows get their own advice', () => {
    const { env } = fakeBin();
    assert.equal(installCommand({ platform: 'darwin', env }), 'brew install --cask chromium');
    assert.throws(
      () => locateChromium({ env, platform: 'win32' }),
      /chromium\.org.*\n.*RAPPORT_CHROMIUM/,
    );
  });
});

describe('which browser is used', () => {
  test('Google Chrome 137 and later is named and passed over: it ignores --load-extension', () => {
    const { env } = fakeBin({ 'google-chrome': prints('Google Chrome 142.0.7444.59') });
    assert.throws(
      () => locateChromium({ env, platform: 'linux' }),
      (error) => {
        assert.match(error.message, /^Chromium not found\./);
        assert.match(
          error.message,
          /Found, but not usable: Google Chrome 142 \(.*google-chrome\) ignores --load-extension/,
        );
        assert.match(error.message, /Chrome for Testing/);
        return true;
      },
    );
  });

  test('Chromium is preferred to a Chrome that refuses; Chrome before 137 and Chrome for Testing are used', () => {
    const both = fakeBin({
      'google-chrome': prints('Google Chrome 142.0.7444.59'),
      chromium: prints('Chromium 142.0.7444.59'),
    });
    assert.equal(locateChromium({ env: both.env }).path, path.join(both.bin, 'chromium'));
    const old = fakeBin({ 'google-chrome': prints('Google Chrome 136.0.7103.92') });
    assert.deepEqual(
      { ...locateChromium({ env: old.env }), path: undefined },
      { path: undefined, brand: 'chrome', name: 'Google Chrome', major: 136 },
    );
    const forTesting = fakeBin({
      'google-chrome': prints('Google Chrome for Testing 142.0.7444.59'),
    });
    assert.equal(locateChromium({ env: forTesting.env }).name, 'Chrome for Testing');
  });

  test('RAPPORT_CHROMIUM is used as given, or refused with the reason; never replaced', () => {
    const { bin, env } = fakeBin({
      chromium: prints('Chromium 150.0.7000.1'),
      'my-chrome': prints('Google Chrome 140.0.7339.80'),
    });
    const mine = path.join(bin, 'chromium');
    assert.equal(locateChromium({ env: { ...env, RAPPORT_CHROMIUM: mine } }).path, mine);
    assert.throws(
      () => locateChromium({ env: { ...env, RAPPORT_CHROMIUM: path.join(bin, 'missing') } }),
      /RAPPORT_CHROMIUM=.*missing is not an executable file/,
    );
    assert.throws(
      () => locateChromium({ env: { ...env, RAPPORT_CHROMIUM: path.join(bin, 'my-chrome') } }),
      /RAPPORT_CHROMIUM: Google Chrome 140 .* ignores --load-extension/,
    );
  });

  test('the real browser on this machine: found and identified', () => {
    const browser = locateChromium();
    const real = identify(browser.path);
    assert.ok(['chromium', 'chrome-for-testing', 'edge'].includes(real.brand), real.brand);
    assert.ok(real.major >= 120, `version ${real.major} from ${browser.path} --version`);
    const cli = spawnSync(process.execPath, [CLI], { encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal(cli.stdout.trim(), browser.path);
  });
});
