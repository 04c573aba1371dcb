/**
 * Gmail: reports the open conversation. Granted at install, so it is listed in
 * the manifest; the body is shared with every host (utils/content/run-reporter.ts), and the sidebar itself is
 * the extension page framed beside the page (entrypoints/sidebar/).
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { runHostReporter } from '@/utils/content/run-reporter';
import { gmailAdapter } from '@/utils/content/hosts/gmail';
import { HOST_MATCHES } from '@/utils/contract/host-patterns';

export default defineContentScript({
  matches: [...HOST_MATCHES.gmail],
  runAt: 'document_idle',
  main: (ctx) => runHostReporter(ctx, gmailAdapter),
});
