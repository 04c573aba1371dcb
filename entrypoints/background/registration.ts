/**
 * Content scripts for the optional hosts (Outlook and the CRMs) are not in the manifest: they are
 * registered at runtime once the user grants the host, and removed when the grant is withdrawn.
 * A tab that is already open on a newly granted host gets the script at once, so the sidebar
 * appears there without a reload or a browser restart.
 */
import { browser } from 'wxt/browser';
import { GRANTED_HOSTS_KEY } from '@/utils/contract/storage-keys';
import { HOST_MATCHES, OPTIONAL_HOSTS, type OptionalHost } from '@/utils/contract/host-patterns';
import type { HostName } from '@/utils/contract/enums';

const scriptId = (host: OptionalHost) => `rapport-${host}`;
/** The built file of each host's content script (entrypoints/<host>.content/). */
const scriptFile = (host: HostName) => `/content-scripts/${host}.js` as const;

async function granted(host: OptionalHost): Promise<boolean> {
  return browser.permissions.contains({ origins: [...HOST_MATCHES[host]] });
}

/**
 * One sync at a time: two grants in quick succession (two clicks in the popup) must not both
 * register the same script, which the browser refuses as a duplicate id.
 */
let queue: Promise<unknown> = Promise.resolve();

/** Makes the registered scripts match the granted hosts; returns the hosts newly registered. */
export function syncContentScripts(): Promise<OptionalHost[]> {
  const run = queue.then(syncNow, syncNow);
  queue = run.catch(() => undefined);
  return run;
}

async function syncNow(): Promise<OptionalHost[]> {
  const registered = new Set(
    (await browser.scripting.getRegisteredContentScripts()).map((s) => s.id),
  );
  const added: OptionalHost[] = [];
  const allowedHosts: OptionalHost[] = [];
  for (const host of OPTIONAL_HOSTS) {
    const id = scriptId(host);
    const has = registered.has(id);
    const allowed = await granted(host);
    if (allowed) allowedHosts.push(host);
    try {
      if (allowed && !has) {
        await browser.scripting.registerContentScripts([
          {
            id,
            matches: [...HOST_MATCHES[host]],
            js: [scriptFile(host)],
            runAt: 'document_idle',
            persistAcrossSessions: true,
          },
        ]);
        added.push(host);
      } else if (!allowed && has) {
        await browser.scripting.unregisterContentScripts({ ids: [id] });
      }
    } catch (error) {
      // One host failing must not keep the others from being registered.
      console.warn(`Rapport: could not update the ${host} content script`, error);
    }
  }
  await browser.storage.local.set({ [GRANTED_HOSTS_KEY]: allowedHosts });
  return added;
}

/**
 * Runs each host's script in the tabs already open on it: after a grant, and after an install,
 * update or reload, when the browser does not inject into open tabs by itself. A script of the
 * same version already there steps aside for the new one (utils/content/run-reporter.ts); one of
 * an older version, cut off from the extension, notices and takes its dock down. Nothing the page
 * can send plays a part in either.
 */
export async function injectIntoOpenTabs(hosts: readonly HostName[]): Promise<void> {
  for (const host of hosts) {
    const tabs = await browser.tabs.query({ url: [...HOST_MATCHES[host]] });
    for (const tab of tabs) {
      if (tab.id === undefined) continue;
      await browser.scripting
        .executeScript({ target: { tabId: tab.id }, files: [scriptFile(host)] })
        .catch(() => undefined); // A tab that navigated away or closed meanwhile.
    }
  }
}

/** Every host whose script should run now: Gmail, and the optional hosts the user granted. */
export async function activeHosts(): Promise<HostName[]> {
  const allowed = await Promise.all(
    OPTIONAL_HOSTS.map(async (h) => ((await granted(h)) ? h : null)),
  );
  return ['gmail', ...allowed.filter((h): h is OptionalHost => h !== null)];
}
