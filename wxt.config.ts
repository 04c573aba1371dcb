import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Gmail is the only host granted at install; CRMs and Outlook become optional host
// permissions, asked for from the popup when the user turns them on.
const GMAIL = 'https://mail.google.com/*';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'Rapport',
    description:
      "The client's account beside your inbox: relationship stage, decision makers and next action. Local-first.",
    permissions: ['storage', 'unlimitedStorage', 'alarms'],
    host_permissions: [GMAIL],
    commands: {
      'toggle-sidebar': {
        suggested_key: { default: 'Alt+Shift+R' },
        description: 'Show or hide the Rapport sidebar',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'rapport@rapport.dev',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
