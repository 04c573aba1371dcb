/**
 * Pipedrive: the account sidebar beside an open organization, person or deal.
 * An optional host: not in the manifest. The background registers this script once the user
 * allows the site from the popup (entrypoints/background/registration.ts) and runs it in the tabs
 * already open there. The body is shared with every host (utils/content/run-sidebar.tsx).
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { RecordOffer } from '@/components/crm-record';
import { runHostSidebar } from '@/utils/content/run-sidebar';
import { pipedriveAdapter } from '@/utils/hosts/pipedrive';
import { HOST_MATCHES } from '@/utils/hosts/patterns';
import './style.css';

export default defineContentScript({
  matches: [...HOST_MATCHES.pipedrive],
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  registration: 'runtime',
  main: (ctx) => runHostSidebar(ctx, pipedriveAdapter, { recordOffer: RecordOffer }),
});
