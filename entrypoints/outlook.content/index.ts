/**
 * Outlook on the web: reports the open message.
 * An optional host: not in the manifest. The background registers this script once the user
 * allows the site from the popup (entrypoints/background/registration.ts) and runs it in the tabs
 * already open there. The body is shared with every host (utils/content/run-reporter.ts), and the sidebar itself is
 * the extension page framed beside the page (entrypoints/sidebar/).
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { runHostReporter } from '@/utils/content/run-reporter';
import { outlookAdapter } from '@/utils/content/hosts/outlook';
import { HOST_MATCHES } from '@/utils/contract/host-patterns';

export default defineContentScript({
  matches: [...HOST_MATCHES.outlook],
  runAt: 'document_idle',
  registration: 'runtime',
  main: (ctx) => runHostReporter(ctx, outlookAdapter),
});
