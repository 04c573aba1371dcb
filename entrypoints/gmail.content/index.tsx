/**
 * Gmail: the account sidebar beside the open conversation. Granted at install, so it is listed in
 * the manifest; the body is shared with every host (utils/content/run-sidebar.tsx).
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { runHostSidebar } from '@/utils/content/run-sidebar';
import { gmailAdapter } from '@/utils/hosts/gmail';
import { HOST_MATCHES } from '@/utils/hosts/patterns';
import './style.css';

export default defineContentScript({
  matches: [...HOST_MATCHES.gmail],
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  main: (ctx) => runHostSidebar(ctx, gmailAdapter),
});
