// The meeting brief's next action is someone's words (a backup's Activity.nextSet, a teammate's
// follow-up): a bidi control in them must not reorder the due day and the state after them.
import { render } from 'preact';
import { beforeEach, expect, it } from 'vitest';
import { briefTitle, nextText } from '@/entrypoints/brief/brief-sections';
import { isolatedList } from '@/utils/shared/bidi-text';
import { speak } from './fake-i18n';

beforeEach(() => {
  speak();
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
