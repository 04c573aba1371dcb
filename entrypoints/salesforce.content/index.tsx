/**
 * Salesforce Lightning: the account sidebar beside an open account, contact, opportunity or lead.
 * An optional host: not in the manifest. The background registers this script once the user
 * allows the site from the popup (entrypoints/background/registration.ts) and runs it in the tabs
 * already open there. The body is shared with every host (utils/content/run-sidebar.tsx).
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { RecordOffer } from '@/components/crm-record';
import { runHostSidebar } from '@/utils/content/run-sidebar';
import { salesforceAdapter, WATCH_ATTRIBUTES } from '@/utils/hosts/salesforce';
import { HOST_MATCHES } from '@/utils/hosts/patterns';
import { DEFAULT_ATTRIBUTES } from '@/utils/watch';
import './style.css';

export default defineContentScript({
  matches: [...HOST_MATCHES.salesforce],
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  registration: 'runtime',
  main: (ctx) =>
    runHostSidebar(ctx, salesforceAdapter, {
      recordOffer: RecordOffer,
      // Lightning switches pages by moving the `active` class, without adding nodes.
      watch: { attributes: [...DEFAULT_ATTRIBUTES, ...WATCH_ATTRIBUTES] },
    }),
});
