// Least privilege, as built: the exact permissions, host permissions, web-accessible resources and
// CSP of both manifests. A new permission must be added here on purpose, with its reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHROME, FIREFOX, manifest } from './built.mjs';

const GMAIL = 'https://mail.google.com/*';
// storage: settings; unlimitedStorage: the store must not be evicted; alarms: the one reminder
// alarm; notifications: due next actions; scripting: content scripts for hosts granted later.
const API_PERMISSIONS = ['alarms', 'notifications', 'scripting', 'storage', 'unlimitedStorage'];
// Asked for from the popup, host by host; never granted at install.
const OPTIONAL_HOSTS = [
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.live.com/*',
  'https://outlook.cloud.microsoft/*',
  'https://*.hubspot.com/*',
  'https://*.lightning.force.com/*',
  'https://*.my.salesforce.com/*',
  'https://*.pipedrive.com/*',
];

// The sidebar frame (sidebar.html) is the one page of ours the host pages may load, and only
// they; nothing else is web-accessible (its scripts and styles load from our own origin). No
// `use_dynamic_url`: the background knows the frame by its URL under our origin.
const WEB_ACCESSIBLE = [{ resources: ['sidebar.html'], matches: [GMAIL, ...OPTIONAL_HOSTS] }];

test('Chrome MV3 manifest grants only what Rapport needs', () => {
  const m = manifest(CHROME);
  assert.equal(m.manifest_version, 3);
  assert.deepEqual([...m.permissions].sort(), API_PERMISSIONS);
  assert.deepEqual(m.host_permissions, [GMAIL]);
  assert.deepEqual(m.optional_host_permissions, OPTIONAL_HOSTS);
  assert.deepEqual(m.content_scripts.map((c) => c.matches).flat(), [GMAIL]);
  assert.deepEqual(m.web_accessible_resources, WEB_ACCESSIBLE);
  // The default MV3 policy ("script-src 'self'") applies: nothing loosens it.
  assert.equal(m.content_security_policy, undefined);
  assert.equal(
    m.externally_connectable,
    undefined,
    'no web page or other extension may message us',
  );
});

test('Firefox MV3 manifest grants only what Rapport needs', () => {
  const m = manifest(FIREFOX);
  assert.equal(m.manifest_version, 3);
  assert.deepEqual([...m.permissions].sort(), API_PERMISSIONS);
  assert.deepEqual(m.host_permissions, [GMAIL]);
  assert.deepEqual(m.optional_host_permissions, OPTIONAL_HOSTS);
  assert.deepEqual(m.content_scripts.map((c) => c.matches).flat(), [GMAIL]);
  assert.deepEqual(m.web_accessible_resources, WEB_ACCESSIBLE);
  assert.equal(m.content_security_policy, undefined);
  assert.equal(m.browser_specific_settings.gecko.id, 'rapport@rapport.dev');
  assert.deepEqual(m.browser_specific_settings.gecko.data_collection_permissions, {
    required: ['none'],
  });
});

test('no manifest asks for every site', () => {
  for (const m of [manifest(CHROME), manifest(FIREFOX)]) {
    const text = JSON.stringify(m);
    assert.doesNotMatch(text, /<all_urls>|"\*:\/\/\*\/\*"|"https?:\/\/\*\/\*"/);
  }
});
