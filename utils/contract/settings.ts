/**
 * Settings: synced across the user's browsers in storage.sync (falling back to storage.local where
 * sync is unavailable), under one versioned key. Reading is tolerant field by field, so a bad or
 * older value loses only that field, never the rest. Writes go through the background's
 * `updateSettings`, which validates them.
 */
import { ext as browser } from '@/utils/shared/ext';
import { ROLES, THEME_CHOICES, type HostName, type Stage, type ThemeChoice } from './enums';
import { DEFAULT_ROLE_CADENCE, type RoleCadence } from '@/utils/shared/freshness';
import { DEFAULT_CADENCE_DAYS, STAGE_ORDER } from '@/utils/shared/stages';
import { MAX_OFFERINGS, OFFERING_NAME_MAX, isCadence, isTimeOfDay } from './limits';
import { SETTINGS_KEY } from './storage-keys';

export const SETTINGS_VERSION = 1;

export interface Settings {
  version: number;
  sidebarSide: 'left' | 'right';
  startCollapsed: boolean;
  /** With nothing open (an inbox list, a CRM's list view) the sidebar shows only its rail. */
  railWhenNothingOpen: boolean;
  /** The sidebar's colours: the host page's own scheme ('page'), or always light or dark. */
  theme: ThemeChoice;
  /** Hosts where the user turned Rapport off. */
  disabledHosts: HostName[];
  cadenceDays: Record<Stage, number>;
  /** Days between contacts expected per role of a key player; null: not followed. */
  roleCadenceDays: RoleCadence;
  reminders: { enabled: boolean; time: string };
  /** The user's own email domains: never matched as a client. */
  ownDomains: string[];
  /** What the user's company sells: the columns of every account's whitespace grid. */
  offerings: Offering[];
}

/** One offering; cells name it by id, so a rename keeps them. */
export interface Offering {
  id: string;
  name: string;
}

const OFFERING_ID = /^[\w-]{1,64}$/;

function offeringsOf(v: unknown): Offering[] {
  if (!Array.isArray(v)) return [];
  const seen = new Set<string>();
  const out: Offering[] = [];
  for (const o of v) {
    if (!isObject(o) || typeof o.id !== 'string' || typeof o.name !== 'string') continue;
    const name = o.name.trim();
    if (!OFFERING_ID.test(o.id) || seen.has(o.id) || !name || name.length > OFFERING_NAME_MAX)
      continue;
    seen.add(o.id);
    out.push({ id: o.id, name });
    if (out.length === MAX_OFFERINGS) break;
  }
  return out;
}

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  sidebarSide: 'right',
  startCollapsed: false,
  railWhenNothingOpen: true,
  theme: 'page',
  disabledHosts: [],
  cadenceDays: { ...DEFAULT_CADENCE_DAYS },
  roleCadenceDays: { ...DEFAULT_ROLE_CADENCE },
  reminders: { enabled: true, time: '09:00' },
  ownDomains: [],
  offerings: [],
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

export function normaliseSettings(raw: unknown): Settings {
  const r = isObject(raw) ? raw : {};
  const d = DEFAULT_SETTINGS;
  const cadence = isObject(r.cadenceDays) ? r.cadenceDays : {};
  const reminders = isObject(r.reminders) ? r.reminders : {};
  const roleCadence = isObject(r.roleCadenceDays) ? r.roleCadenceDays : {};
  return {
    version: SETTINGS_VERSION,
    sidebarSide: r.sidebarSide === 'left' ? 'left' : d.sidebarSide,
    startCollapsed: typeof r.startCollapsed === 'boolean' ? r.startCollapsed : d.startCollapsed,
    railWhenNothingOpen:
      typeof r.railWhenNothingOpen === 'boolean' ? r.railWhenNothingOpen : d.railWhenNothingOpen,
    theme: THEME_CHOICES.find((c) => c === r.theme) ?? d.theme,
    disabledHosts: strings(r.disabledHosts) as HostName[],
    cadenceDays: Object.fromEntries(
      STAGE_ORDER.map((s) => {
        const v = cadence[s];
        return [s, isCadence(v) ? v : d.cadenceDays[s]];
      }),
    ) as Record<Stage, number>,
    roleCadenceDays: Object.fromEntries(
      ROLES.map((role) => {
        const v = roleCadence[role];
        return [role, v === null || isCadence(v) ? v : d.roleCadenceDays[role]];
      }),
    ) as RoleCadence,
    reminders: {
      enabled: typeof reminders.enabled === 'boolean' ? reminders.enabled : d.reminders.enabled,
      time:
        typeof reminders.time === 'string' && isTimeOfDay(reminders.time)
          ? reminders.time
          : d.reminders.time,
    },
    ownDomains: strings(r.ownDomains),
    offerings: offeringsOf(r.offerings),
  };
}

function area() {
  // Firefox without a signed-in account and some Chromium builds have no working sync area.
  return browser.storage.sync ?? browser.storage.local;
}

export async function loadSettings(): Promise<Settings> {
  try {
    const got = await area().get(SETTINGS_KEY);
    return normaliseSettings(got[SETTINGS_KEY]);
  } catch {
    const got = await browser.storage.local.get(SETTINGS_KEY);
    return normaliseSettings(got[SETTINGS_KEY]);
  }
}

export async function saveSettings(settings: Settings): Promise<void> {
  try {
    await area().set({ [SETTINGS_KEY]: settings });
  } catch {
    await browser.storage.local.set({ [SETTINGS_KEY]: settings });
  }
}

/** Calls `listener` with the new settings whenever they change, until `signal` aborts. */
export function watchSettings(listener: (s: Settings) => void, signal: AbortSignal): void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>) => {
    const change = changes[SETTINGS_KEY];
    if (change) listener(normaliseSettings(change.newValue));
  };
  browser.storage.onChanged.addListener(onChanged);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onChanged));
}
