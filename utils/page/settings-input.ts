/**
 * What the options page checks in a field before it sends updateSettings: the same bounds the
 * background's SettingsPatch schema enforces, worded for the field they belong to.
 */
import { cleanDomain } from './csv-values';
import type { Problem } from '@/utils/shared/problem';
import { CADENCE_MAX, CADENCE_MIN, MAX_OWN_DOMAINS } from '@/utils/contract/limits';

/** Days between follow-ups, as typed: a whole number from CADENCE_MIN to CADENCE_MAX. */
export function parseCadence(
  text: string,
): { ok: true; days: number } | { ok: false; problem: Problem } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: { key: 'optionsCadenceEmpty' } };
  const days = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || days < CADENCE_MIN || days > CADENCE_MAX)
    return { ok: false, problem: { key: 'optionsCadenceRange', subs: [CADENCE_MIN, CADENCE_MAX] } };
  return { ok: true, days };
}

/**
 * Adds one of the user's own email domains: "anna@brightwave.io", "mail.brightwave.io" and
 * "Brightwave.io" all become "brightwave.io".
 */
export function addOwnDomain(
  list: readonly string[],
  raw: string,
): { ok: true; domains: string[] } | { ok: false; problem: Problem } {
  const value = raw.trim();
  if (value === '') return { ok: false, problem: { key: 'optionsDomainEmpty' } };
  const domain = cleanDomain(value.includes('@') ? value.slice(value.lastIndexOf('@') + 1) : value);
  if (!domain) return { ok: false, problem: { key: 'optionsDomainInvalid', subs: [value] } };
  if (list.includes(domain))
    return { ok: false, problem: { key: 'optionsDomainDuplicate', subs: [domain] } };
  if (list.length >= MAX_OWN_DOMAINS)
    return { ok: false, problem: { key: 'optionsDomainTooMany', subs: [MAX_OWN_DOMAINS] } };
  return { ok: true, domains: [...list, domain] };
}
