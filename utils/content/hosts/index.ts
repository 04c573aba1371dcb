/**
 * The host adapters, and which one serves a URL.
 *
 * This module imports every adapter, so a content script that serves one host imports that host's
 * adapter directly (utils/content/hosts/<host>.ts) and keeps the others out of its bundle; the
 * registry is for code that must decide among hosts (a generic content script, the popup, tests).
 */
import type { HostName } from '@/utils/contract/enums';
import { gmailAdapter } from './gmail';
import { hubspotAdapter } from './hubspot';
import { outlookAdapter } from './outlook';
import { pipedriveAdapter } from './pipedrive';
import { salesforceAdapter } from './salesforce';
import type { HostAdapter } from './types';

/** Every adapter, one per host. Their `matches` never overlap: each URL has at most one. */
export const ADAPTERS: readonly HostAdapter[] = [
  gmailAdapter,
  outlookAdapter,
  hubspotAdapter,
  salesforceAdapter,
  pipedriveAdapter,
];

/** The adapter for a page, or null when no supported host serves it. Never throws. */
export function adapterFor(url: URL): HostAdapter | null {
  for (const adapter of ADAPTERS) {
    try {
      if (adapter.matches(url)) return adapter;
    } catch {
      // A URL an adapter cannot judge is not that adapter's.
    }
  }
  return null;
}

/** The adapter for a host by name. */
export function adapterForHost(host: HostName): HostAdapter {
  const adapter = ADAPTERS.find((a) => a.host === host);
  if (!adapter) throw new Error(`no adapter for ${host}`);
  return adapter;
}
