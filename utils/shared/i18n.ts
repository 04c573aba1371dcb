/**
 * Every user-visible string comes from public/_locales/<lang>/messages.json through t().
 * Keys are typed from the English file, so a missing key is a compile error.
 */
import { ext as browser } from './ext';
import type en from '@/public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

export function t(key: MessageKey, substitutions?: string | number | (string | number)[]): string {
  const subs = substitutions === undefined ? undefined : [substitutions].flat().map(String);
  // getMessage returns "" for an unknown key; show the key so the gap is visible, not blank.
  return browser.i18n.getMessage(key, subs) || key;
}

/** The UI language, for Intl formatting of dates and numbers. */
export function uiLocale(): string {
  return browser.i18n.getUILanguage?.() || navigator.language || 'en';
}
