/**
 * Salesforce Lightning: reports an open account, contact, opportunity or lead.
 * An optional host: not in the manifest. The background registers this script once the user
 * allows the site from the popup (entrypoints/background/registration.ts) and runs it in the tabs
 * already open there. The body is shared with every host (utils/content/run-reporter.ts), and the sidebar itself is
 * the extension page framed beside the page (entrypoints/sidebar/).
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { runHostReporter } from '@/utils/content/run-reporter';
import { salesforceAdapter, WATCH_ATTRIBUTES } from '@/utils/content/hosts/salesforce';
import { HOST_MATCHES } from '@/utils/contract/host-patterns';
import { DEFAULT_ATTRIBUTES } from '@/utils/content/watch';

export default defineContentScript({
  matches: [...HOST_MATCHES.salesforce],
  runAt: 'document_idle',
  registration: 'runtime',
  main: (ctx) =>
    runHostReporter(ctx, salesforceAdapter, {
      // Lightning switches pages by moving the `active` class, without adding nodes.
      watch: { attributes: [...DEFAULT_ATTRIBUTES, ...WATCH_ATTRIBUTES] },
    }),
});
