/**
 * Where each host adapter runs, as match patterns: the one list the manifest, the content-script
 * entrypoints and the runtime registration all read. Gmail is granted at install; every other
 * host is an optional permission the user grants from the popup.
 */
import type { HostName } from './enums';

export const HOST_MATCHES: Readonly<Record<HostName, readonly string[]>> = {
  gmail: ['https://mail.google.com/*'],
  outlook: [
    'https://outlook.office.com/*',
    'https://outlook.office365.com/*',
    'https://outlook.live.com/*',
    'https://outlook.cloud.microsoft/*',
  ],
  // HubSpot serves its app from app.hubspot.com and regional app-<region>.hubspot.com hosts.
  hubspot: ['https://*.hubspot.com/*'],
  salesforce: ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*'],
  pipedrive: ['https://*.pipedrive.com/*'],
};

/** Hosts that need the user's grant before Rapport runs there. */
export const OPTIONAL_HOSTS = [
  'outlook',
  'hubspot',
  'salesforce',
  'pipedrive',
] as const satisfies readonly HostName[];
export type OptionalHost = (typeof OPTIONAL_HOSTS)[number];

export const OPTIONAL_HOST_MATCHES: readonly string[] = OPTIONAL_HOSTS.flatMap(
  (h) => HOST_MATCHES[h],
);

/** Which host a page URL belongs to by the match patterns alone (adapters check more closely). */
export function hostOfUrl(url: string): HostName | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:') return null;
  for (const [host, patterns] of Object.entries(HOST_MATCHES) as [HostName, readonly string[]][]) {
    if (patterns.some((p) => matchesPattern(p, parsed))) return host;
  }
  return null;
}

function matchesPattern(pattern: string, url: URL): boolean {
  const m = /^https:\/\/(\*\.)?([^/]+)\/\*$/.exec(pattern);
  if (!m) return false;
  const [, wildcard, domain] = m;
  return wildcard
    ? url.hostname === domain || url.hostname.endsWith(`.${domain}`)
    : url.hostname === domain;
}
