/** Unsaved typing in the sidebar outlives the frame, and goes once its form is saved or closed. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DRAFTS_KEY, draftKey, keepDrafts, type DraftNews } from '@/entrypoints/sidebar/drafts';

const settle = () => new Promise((r) => setTimeout(r, 0));

function panel(html: string): HTMLElement {
  const root = document.createElement('div');
  // Fixed markup of this test's own, standing for the account card the sidebar renders.
  root.append(document.createRange().createContextualFragment(html));
  document.body.append(root);
  return root;
}

const CARD = `<article data-account-id="acc-1">
  <ul><li data-person-id="p-1"><textarea name="notes"></textarea></li></ul>
  <form aria-label="Log follow-up"><input type="text" name="summary"></form>
</article>`;

function typeInto(field: HTMLInputElement | HTMLTextAreaElement, value: string) {
  field.value = value;
  // happy-dom marks dispatched events untrusted; the keeper listens to the user's own typing only.
  const event = new Event('input', { bubbles: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  field.dispatchEvent(event);
}

afterEach(() => {
  document.body.replaceChildren();
  localStorage.clear();
});

describe('drafts', () => {
  it('keys a field by account, person, form and name', () => {
    const root = panel(CARD);
    expect(draftKey(root.querySelector('textarea')!)).toBe('acc-1|p-1||notes');
    expect(draftKey(root.querySelector('input')!)).toBe('acc-1||Log follow-up|summary');
  });

  it('keeps what is typed, and puts it back into the same field in a new frame', async () => {
    const first = panel(CARD);
    keepDrafts(first, () => {});
    typeInto(first.querySelector('textarea')!, 'Prefers calls before 10');
    expect(JSON.parse(localStorage.getItem(DRAFTS_KEY)!)).toMatchObject({
      'acc-1|p-1||notes': { value: 'Prefers calls before 10' },
    });
    // The extension reloads: the frame goes without a word, and a new one shows the same card.
    dispatchEvent(new Event('pagehide'));
    first.remove();
    await settle();

    const news: DraftNews[] = [];
    const second = panel(CARD);
    const seen = vi.fn((e: Event) => (e.target as HTMLTextAreaElement).value);
    second.addEventListener('input', seen);
    keepDrafts(second, (n) => news.push(n));
    expect(second.querySelector('textarea')!.value).toBe('Prefers calls before 10');
    expect(seen).toHaveReturnedWith('Prefers calls before 10');
    expect(news.at(-1)).toEqual({ restored: 1, waiting: 0 });
  });

  it('drops the draft of a form that closes while the frame lives (saved or cancelled)', async () => {
    const root = panel(CARD);
    keepDrafts(root, () => {});
    typeInto(root.querySelector('input')!, 'Called Anna');
    root.querySelector('form')!.remove();
    await settle();
    expect(JSON.parse(localStorage.getItem(DRAFTS_KEY)!)).toEqual({});
  });

  it('says a draft is waiting when its account is on screen but its form is closed', async () => {
    localStorage.setItem(
      DRAFTS_KEY,
      JSON.stringify({ 'acc-1||Log follow-up|summary': { value: 'Called', at: Date.now() } }),
    );
    const news: DraftNews[] = [];
    panel('<article data-account-id="acc-1"></article>');
    keepDrafts(document.body, (n) => news.push(n));
    expect(news.at(-1)).toEqual({ restored: 0, waiting: 1 });
  });

  it('forgets a note once the field shows it (saved)', async () => {
    const root = panel(CARD);
    const keeper = keepDrafts(root, () => {});
    const notes = root.querySelector('textarea')!;
    typeInto(notes, 'Saved text');
    keeper.settle();
    expect(JSON.parse(localStorage.getItem(DRAFTS_KEY)!)).toEqual({});
  });

  it('survives a corrupt store', () => {
    localStorage.setItem(DRAFTS_KEY, '{not json');
    const root = panel(CARD);
    expect(() => keepDrafts(root, () => {})).not.toThrow();
    typeInto(root.querySelector('input')!, 'x');
    expect(Object.keys(JSON.parse(localStorage.getItem(DRAFTS_KEY)!))).toHaveLength(1);
  });
});
