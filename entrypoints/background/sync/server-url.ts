/**
 * The sync server's address as the user typed it, checked: `wss://` always, `ws://` only on
 * loopback, where the traffic never leaves the machine (the server holds the same rule,
 * server/config.mjs). Anything else is refused with a reason to show (a message key).
 */
import type { SyncErrorKey } from './sync-errors';

export type ServerUrlCheck = { ok: true; url: string } | { ok: false; reason: SyncErrorKey };

export function isLoopbackHost(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

export function checkServerUrl(input: string): ServerUrlCheck {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, reason: 'syncErrUrlInvalid' };
  }
  if (url.username || url.password) return { ok: false, reason: 'syncErrUrlUserinfo' };
  if (url.protocol === 'wss:') return { ok: true, url: url.origin };
  if (url.protocol === 'ws:' && isLoopbackHost(url.hostname)) return { ok: true, url: url.origin };
  if (url.protocol === 'ws:') return { ok: false, reason: 'syncErrUrlWss' };
  return { ok: false, reason: 'syncErrUrlScheme' };
}
