import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Gmail is the only host granted at install; CRMs and Outlook become optional host
// permissions, asked for from the popup when the user turns them on.
const GMAIL = 'https://mail.google.com/*';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'notifications'],
    host_permissions: [GMAIL],
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
