/**
 * Outlook on the web's addresses (pure): which URLs are its mail app, and the id of the item a URL
 * opens. Read by the adapter (outlook.ts) and, through it, by the content script's watch.
 */

const HOSTS = new Set([
  'outlook.office.com',
  'outlook.office365.com',
  'outlook.live.com',
  // Microsoft's newer address for Outlook on the web (2025 onwards), same app and routes.
  'outlook.cloud.microsoft',
]);
/** An Exchange item or conversation id as it appears in a URL (base64, REST or EWS flavour). */
const ITEM_ID = /^[A-Za-z0-9+/=_-]{20,400}$/;

/** True for Outlook on the web's mail app (https://outlook.office.com/mail/...). */
export function isOutlookUrl(url: URL): boolean {
  return (
    url.protocol === 'https:' &&
    url.port === '' &&
    HOSTS.has(url.hostname) &&
    (url.pathname === '/mail' || url.pathname.startsWith('/mail/'))
  );
}

function decodeId(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    return null;
  }
  return ITEM_ID.test(id) ? id : null;
}

/**
 * The open item's id (a conversation id with conversation view on, else a message id), or null
 * when the URL shows a folder, search results, compose or settings:
 *   /mail/inbox/id/AAQkAGM3...%3D            -> AAQkAGM3...=
 *   /mail/0/inbox/id/AQQkADAw...             -> AQQkADAw... (outlook.live.com, account index 0)
 *   /mail/id/AAQkAGI2...                     -> AAQkAGI2...
 *   /mail/search/id/..., /mail/sentitems/id/..., /mail/<folder id>/id/... -> the id
 *   /mail/deeplink/read/AAMkAGM3...?ItemID=AAMkAGM3...  -> AAMkAGM3... (the path's, else ItemID)
 *   /mail/inbox, /mail/0/, /mail/deeplink/compose, /mail/options/general -> null
 */
export function itemIdFromUrl(url: URL): string | null {
  if (!isOutlookUrl(url)) return null;
  const segments = url.pathname.split('/').filter((s) => s !== '');
  let i = 1;
  if (/^\d+$/.test(segments[i] ?? '')) i++; // the account index: /mail/0/, /mail/1/
  if (segments[i] === 'deeplink') {
    if (segments[i + 1] !== 'read') return null;
    return decodeId(segments[i + 2]) ?? decodeId(url.searchParams.get('ItemID'));
  }
  const at = segments.lastIndexOf('id');
  if (at < i || at !== segments.length - 2) return null;
  return decodeId(segments[at + 1]);
}

/** True when the URL says an item is open. */
export function isItemUrl(url: URL): boolean {
  return itemIdFromUrl(url) !== null;
}
