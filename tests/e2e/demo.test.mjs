// `npm run demo` on a machine without Chromium and without a display, as a fresh machine of this
// kind is: the demo installs Debian's chromium itself (as root; otherwise it prints the command),
// runs headless, prints what the sidebar showed on each sample page and saves a picture of each.
// The machine's own Chromium is hidden (RAPPORT_BROWSER_DEFAULTS=0 and a PATH of one folder);
// a fake apt-get "installs" chromium by putting a script on that PATH that starts the real one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { ROOT } from './harness.mjs';
import { locateChromium } from '../tools/chromium.mjs';

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-demo-test-'));
after(() => fs.rmSync(temp, { recursive: true, force: true }));

test('npm run demo, with no Chromium and no display: installs it, shows the sample inbox, exits', () => {
  const real = locateChromium().path;
  const bin = path.join(temp, 'bin');
  const out = path.join(temp, 'demo-output');
  fs.mkdirSync(bin);
  fs.writeFileSync(
    path.join(bin, 'apt-get'),
    `#!/bin/sh
echo "$*" >> ${bin}/apt.log
case "$*" in
  *install*chromium*)
    printf '#!/bin/sh\\nPATH=/usr/bin:/bin exec ${real} "$@"\\n' > ${bin}/chromium
    /bin/chmod 755 ${bin}/chromium ;;
esac
`,
    { mode: 0o755 },
  );
  const env = { ...process.env, PATH: bin, RAPPORT_BROWSER_DEFAULTS: '0', RAPPORT_DEMO_OUT: out };
  for (const name of ['DISPLAY', 'WAYLAND_DISPLAY', 'RAPPORT_CHROMIUM', 'CHROMIUM_PATH']) {
    delete env[name];
  }

  const demo = spawnSync(process.execPath, [path.join(ROOT, 'tests', 'demo', 'demo.mjs')], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const said = `${demo.stdout}\n${demo.stderr}`;

  if (process.getuid?.() !== 0) {
    // Without root it installs nothing and says the one command to run.
    assert.equal(demo.status, 1, said);
    assert.match(
      demo.stderr,
      /Chromium not found\. Install it with:\n {2}sudo apt-get install -y chromium/,
    );
    assert.equal(fs.existsSync(path.join(bin, 'apt.log')), false, 'apt-get ran without root');
    return;
  }

  assert.equal(demo.status, 0, said);
  assert.deepEqual(fs.readFileSync(path.join(bin, 'apt.log'), 'utf8').trim().split('\n'), [
    'update -q',
    'install -y -q chromium',
  ]);
  assert.match(said, /Chromium not found: installing Debian's chromium/);
  assert.match(said, new RegExp(`browser: Chromium \\(${path.join(bin, 'chromium')}\\)`));
  // What the sidebar showed, page by page.
  assert.match(said, /\[inbox\][\s\S]*the rail \(nothing open\)/);
  assert.match(said, /\[thread\][\s\S]*account: Northwind Logistics \| stage: Cooperative/);
  assert.match(
    said,
    /\[several-companies\][\s\S]*accounts on this thread: Northwind Logistics, Globex/,
  );
  assert.match(said, /\[unknown-sender\][\s\S]*offers to create an account for: Initech Systems/);
  // Northwind's account plan over the sample (tests/fixtures/demo-plan.mjs): the sidebar's lines
  // and the meeting brief's last meeting with the next action it set.
  assert.match(said, /\[thread\][\s\S]*plan: 1 of 3 done · 1 at risk/);
  assert.match(said, /\[thread\][\s\S]*whitespace: 3 open opportunities, biggest: Warehousing/);
  assert.match(
    said,
    /\[meeting-brief\][\s\S]*last meeting: Quarterly business review[\s\S]*Next action it set: Send the Q1 volume proposal, due .* — still open\./,
  );
  assert.match(said, /No display, so headless/);
  const pictures = fs.readdirSync(out).sort();
  assert.deepEqual(pictures, [
    '1-inbox.png',
    '2-thread.png',
    '3-several-companies.png',
    '4-unknown-sender.png',
    '5-meeting-brief.png',
  ]);
  for (const picture of pictures) {
    assert.ok(fs.statSync(path.join(out, picture)).size > 20_000, `${picture} is nearly empty`);
  }
});
