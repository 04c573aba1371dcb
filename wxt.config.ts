import path from 'node:path';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

import { HOST_MATCHES, OPTIONAL_HOST_MATCHES } from './utils/contract/host-patterns';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Every module imports what it uses: no globals, and nothing collides.
  imports: false,
  vite: () => ({
    plugins: [preact()],
    build: {
      rollupOptions: {
        // Each file an extension page loads before its first render costs a few ms here (the
        // popup with five tiny extra modules: about 15 ms later; its due list, measured with
        // npm run bench: about 6 ms sooner with this). Shared chunks under 3 kB are merged into a
        // chunk loaded under the same conditions: every page loads fewer files (popup 6 -> 3,
        // sidebar 23 -> 14), for up to 5 kB more.
        output: { experimentalMinChunkSize: 3_000 },
        // zod 4.6 writes `/*@__PURE__*/ (() => ...)()`, an annotation Rollup cannot place: it drops
        // the comment (the bundle is the same) and says so on every build. Only that, only zod.
        // (onLog, not onwarn: the Preact preset sets its own onwarn, which replaces ours.)
        onLog(level, log, handler) {
          if (log.code === 'INVALID_ANNOTATION' && log.id?.includes('/node_modules/zod/')) return;
          handler(level, log);
        },
      },
    },
  }),
  zip: {
    // Test, demo and benchmark output sits in the tree (git-ignored) but is not source.
    excludeSources: ['test-results/**', 'demo-output/**', 'bench/**'],
  },
  hooks: {
    // Content scripts use the browser's own promise API (utils/shared/ext.ts); keep
    // webextension-polyfill, which WXT's ContentScriptContext would otherwise pull in, out of their
    // budget.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((e) => e.type === 'content-script')) return;
      const alias = (config.resolve ??= {}).alias as Record<string, string>;
      alias['wxt/browser'] = path.resolve(import.meta.dirname, 'utils/content/ext-browser.ts');
    },
    // WXT lists the `matches` of a `registration: 'runtime'` content script (Outlook and the CRMs)
    // as required host permissions. They are optional, granted from the popup: take them out again.
    'build:manifestGenerated': (_wxt, manifest) => {
      const optional = new Set(OPTIONAL_HOST_MATCHES);
      manifest.host_permissions = manifest.host_permissions?.filter(
        (p: string) => !optional.has(p),
      );
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: settings; unlimitedStorage: the store must never be evicted; alarms: the one
    // reminder alarm; notifications: due next actions; scripting: content scripts for the hosts
    // the user grants later.
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'notifications', 'scripting'],
    // Gmail is the only host granted at install; Outlook and the CRMs are asked for from the
    // popup when the user turns them on.
    host_permissions: [...HOST_MATCHES.gmail],
    optional_host_permissions: [...OPTIONAL_HOST_MATCHES],
    // The sidebar frame (entrypoints/sidebar/): the one page of ours the host pages may load, and
    // only they. Its scripts and styles are loaded by the extension's own origin, so they need not be.
    web_accessible_resources: [
      { resources: ['sidebar.html'], matches: [...HOST_MATCHES.gmail, ...OPTIONAL_HOST_MATCHES] },
    ],
    commands: {
      'toggle-sidebar': {
        suggested_key: { default: 'Alt+Shift+R' },
        description: '__MSG_commandToggleSidebar__',
      },
      'log-follow-up': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_commandLogFollowUp__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'rapport@rapport.dev',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
