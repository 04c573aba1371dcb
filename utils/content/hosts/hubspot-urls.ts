/**
 * HubSpot's addresses (pure): which URLs are its web app, and the record a URL shows. Read by the
 * adapter (hubspot.ts) and, through it, by the content script's watch.
 */

export type HubSpotRecordType = 'company' | 'contact' | 'deal';

export interface HubSpotRecord {
  portalId: string;
  recordType: HubSpotRecordType;
  recordId: string;
  /** The record URL without query or hash. */
  url: string;
}

/**
 * The app hosts: app.hubspot.com (US) and the regional data centres, app-eu1.hubspot.com,
 * app-na2.hubspot.com, app-ap1.hubspot.com and whatever number comes next.
 */
const APP_HOST = /^app(?:-[a-z]{2}\d{1,2})?\.hubspot\.com$/;
/** Object type ids in `/record/<type>/<id>` (HubSpot's CRM object type ids). */
const OBJECT_TYPES: Record<string, HubSpotRecordType> = {
  '0-1': 'contact',
  '0-2': 'company',
  '0-3': 'deal',
};
/** The pre-2023 record paths, still linked from old emails and bookmarks (and redirected). */
const LEGACY_TYPES: Record<string, HubSpotRecordType> = {
  contact: 'contact',
  company: 'company',
  deal: 'deal',
};
const NUMERIC_ID = /^[1-9]\d{0,19}$/;

/** True for HubSpot's web app (https://app.hubspot.com, https://app-eu1.hubspot.com, ...). */
export function isHubSpotUrl(url: URL): boolean {
  return url.protocol === 'https:' && APP_HOST.test(url.hostname) && url.port === '';
}

/**
 * The record a URL shows, or null for lists, boards, settings and other objects:
 *   /contacts/26491733/record/0-2/18346251907       -> company 18346251907
 *   /contacts/26491733/record/0-1/75120934811/      -> contact 75120934811
 *   /contacts/26491733/record/0-3/31986452210       -> deal 31986452210
 *   /contacts/26491733/company/18346252011/         -> company 18346252011 (legacy)
 *   /contacts/26491733/objects/0-1/views/all/list, /contacts/26491733/record/0-5/1 (ticket),
 *   /settings/26491733/users -> null
 */
export function hubSpotRecordFromUrl(url: URL): HubSpotRecord | null {
  if (!isHubSpotUrl(url)) return null;
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const [app, portalId, kind] = segments;
  if (app !== 'contacts' || portalId === undefined || !NUMERIC_ID.test(portalId)) return null;
  let recordType: HubSpotRecordType | undefined;
  let recordId: string | undefined;
  if (kind === 'record') {
    recordType = OBJECT_TYPES[segments[3] ?? ''];
    recordId = segments[4];
  } else if (kind !== undefined && Object.hasOwn(LEGACY_TYPES, kind)) {
    recordType = LEGACY_TYPES[kind];
    recordId = segments[3];
  }
  if (!recordType || recordId === undefined || !NUMERIC_ID.test(recordId)) return null;
  return { portalId, recordType, recordId, url: `${url.origin}${url.pathname}` };
}

/** True when the URL says a company, contact or deal record is open. */
export function isRecordUrl(url: URL): boolean {
  return hubSpotRecordFromUrl(url) !== null;
}
