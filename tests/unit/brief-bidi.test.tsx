// The meeting brief's next action is someone's words (a backup's Activity.nextSet, a teammate's
// follow-up): a bidi control in them must not reorder the due day and the state after them.
import { render } from 'preact';
import { beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import en from '@/public/_locales/en/messages.json';
import { briefTitle, nextText } from '@/entrypoints/brief/brief-sections';
import { isolatedList } from '@/utils/shared/bidi-text';

const messages = en as Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;

function getMessage(key: string, subs?: string | string[]): string {
  const entry = messages[key];
  if (!entry) return '';
  const list = subs === undefined ? [] : [subs].flat();
  return entry.message.replace(/\$([A-Z_]+)\$/gi, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (_m, i: string) => list[Number(i) - 1] ?? '');
  });
}

beforeEach(() => {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(getMessage as never);
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en');
});

it('puts the next action in an element of its own (an isolate), the sentence around it', () => {
  const hostile = 'Call Anna\u202E';
  const host = document.createElement('p');
  for (const state of ['open', 'changed', 'done'] as const) {
    render(
      <>
        {nextText(
          { text: hostile, due: '2026-12-10', state, doneAt: Date.UTC(2026, 11, 9) },
          '2026-12-05',
        )}
      </>,
      host,
    );
    const own = [...host.querySelectorAll('span')].filter((s) => s.textContent === hostile);
    expect(own).toHaveLength(1);
    expect(host.textContent).toMatch(/^Next action it set: Call Anna\u202E, due .+\.$/);
    render(null, host);
  }
});

it('isolates each name of a list built into one sentence ("with Anna, Tom")', () => {
  const list = isolatedList(['Anna\u202E', 'Tom']);
  expect(list).toBe('\u2068Anna\u202E\u2069, \u2068Tom\u2069');
  // Every isolate is closed: nothing opened by a name leaks past its end.
  expect(list.split('\u2068').length).toBe(list.split('\u2069').length);
});

it('isolates the account name in the page title, which the browser prints on every page', () => {
  expect(briefTitle('Northwind\u202E Logistics')).toBe(
    'Meeting brief: \u2068Northwind\u202E Logistics\u2069',
  );
});
