/**
 * chrome.i18n for tests of the views: the fake browser has no message files, so t() would say
 * nothing. speak() answers from the real public/_locales files, placeholders included, as the
 * browser does; call it in a beforeEach (vi.restoreAllMocks undoes it).
 */
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import en from '@/public/_locales/en/messages.json';
import ru from '@/public/_locales/ru/messages.json';

export type Messages = Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;

export const MESSAGES: Record<'en' | 'ru', Messages> = { en, ru };

/** chrome.i18n.getMessage over one language's file: '' for an unknown key, as the browser. */
export function messageOf(messages: Messages, key: string, subs?: string | string[]): string {
  const entry = messages[key];
  if (!entry) return '';
  const list = subs === undefined ? [] : [subs].flat();
  return entry.message.replace(/\$([A-Z_]+)\$/gi, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (_m, i: string) => list[Number(i) - 1] ?? '');
  });
}

/** The English text of a message without placeholders, for assertions. */
export const text = (key: string) => MESSAGES.en[key]!.message;

/** Makes t() and the UI language those of `lang`. */
export function speak(lang: 'en' | 'ru' = 'en') {
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue(lang);
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((
    key: string,
    subs?: string | string[],
  ) => messageOf(MESSAGES[lang], key, subs)) as never);
}
