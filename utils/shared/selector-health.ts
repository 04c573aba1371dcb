/**
 * The selector health record: per host, when its pages were last read, which of the adapter's
 * reading layers answered (utils/content/hosts/layers.ts), and the last page that could not be
 * read, with its reason. The background keeps it as reports come in; the popup shows it, so that a
 * host that moved its markup shows up as a fallback layer answering, or as a dated failure, before
 * anyone files a report.
 */
import { HOSTS, type HostName } from '@/utils/contract/enums';
import type { PageRead } from '@/utils/contract/messages';

export interface HostHealth {
  /** When a page of the host was last read (ms since the epoch). */
  readAt?: number;
  /** The layer that answered that read; absent for adapters with a single way of reading. */
  layer?: string;
  /** The last page that could not be read. */
  failure?: { at: number; reason: string };
}

export type SelectorHealth = Partial<Record<HostName, HostHealth>>;

/** A read of the same host, answered by the same layer, is written at most this often. */
export const HEALTH_WRITE_EVERY_MS = 60_000;

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

/** What storage holds, keeping only well-formed entries (it is the extension's own, but old). */
export function readSelectorHealth(raw: unknown): SelectorHealth {
  const health: SelectorHealth = {};
  if (!raw || typeof raw !== 'object') return health;
  for (const host of HOSTS) {
    const entry = (raw as Record<string, unknown>)[host] as Record<string, unknown> | undefined;
    if (!entry || typeof entry !== 'object') continue;
    const kept: HostHealth = {};
    if (isTime(entry.readAt)) kept.readAt = entry.readAt;
    if (isText(entry.layer, 60)) kept.layer = entry.layer;
    const failure = entry.failure as Record<string, unknown> | undefined;
    if (failure && isTime(failure.at) && isText(failure.reason, 500))
      kept.failure = { at: failure.at, reason: failure.reason };
    if (Object.keys(kept).length) health[host] = kept;
  }
  return health;
}

/**
 * The record after one report, or null when there is nothing worth a write: a page with nothing
 * open, or the same host read by the same layer again within HEALTH_WRITE_EVERY_MS.
 */
export function noteRead(
  health: SelectorHealth,
  read: PageRead,
  now: number,
): SelectorHealth | null {
  if (read.status === 'none') return null;
  if (read.status === 'unreadable') {
    return {
      ...health,
      [read.host]: { ...health[read.host], failure: { at: now, reason: read.reason } },
    };
  }
  const host = read.context.host;
  const before = health[host];
  const layer = read.layer;
  if (
    before?.readAt !== undefined &&
    before.layer === layer &&
    now - before.readAt < HEALTH_WRITE_EVERY_MS
  )
    return null;
  const next: HostHealth = { ...before, readAt: now };
  if (layer) next.layer = layer;
  else delete next.layer;
  return { ...health, [host]: next };
}
