/**
 * Unsaved typing in the sidebar outlives the frame, and goes once its form is saved or closed;
 * the background keeps it, bounded, and an erase takes it too.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  draftKey,
  GONE_AFTER_MS,
  keepDrafts,
  type DraftNews,
  type DraftStore,
} from '@/entrypoints/sidebar/drafts';
import { MAX_DRAFTS } from '@/entrypoints/background/handlers/common';
import type { DraftEntry } from '@/utils/contract/messages';
import { freshContext, ok } from './helpers';

const settle = () => new Promise((r) => setTimeout(r, 0));

/** The background's drafts, in memory. */
function memoryStore(initial: Record<string, string> = {}) {
  const kept = new Map(Object.entries(initial));
  const store: DraftStore = {
    list: async () => [...kept].map(([key, value]): DraftEntry => ({ key, value, at: 1 })),
    keep: (key, value) => void (value === null ? kept.delete(key) : kept.set(key, value)),
  };
  return { store, kept };
}

/** An element with attributes and children: the test's own markup, built without parsing HTML. */
function el(tag: string, attrs: Record<string, string> = {}, ...children: Element[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function panel(...content: Element[]): HTMLElement {
  const root = el('div', {}, ...content);
  document.body.append(root);
  return root;
}

/** Stands for the account card the sidebar renders: a person's notes, the follow-up form. */
const CARD = () =>
  el(
    'article',
    { 'data-account-id': 'acc-1' },
    el('ul', {}, el('li', { 'data-person-id': 'p-1' }, el('textarea', { name: 'notes' }))),
    el('form', { 'aria-label': 'Log follow-up' }, el('input', { type: 'text', name: 'summary' })),
  );

function typeInto(field: HTMLInputElement | HTMLTextAreaElement, value: string) {
  field.value = value;
  // happy-dom marks dispatched events untrusted; the keeper listens to the user's own typing only.
  const event = new Event('input', { bubbles: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  field.dispatchEvent(event);
}

afterEach(() => document.body.replaceChildren());

describe('drafts in the sidebar frame', () => {
  it('keys a field by account, person, form and name', () => {
    const root = panel(CARD());
    expect(draftKey(root.querySelector('textarea')!)).toBe('acc-1|p-1||notes');
    expect(draftKey(root.querySelector('input')!)).toBe('acc-1||Log follow-up|summary');
  });

  it('keeps what is typed, and puts it back into the same field in a new frame', async () => {
    const { store, kept } = memoryStore();
    const first = panel(CARD());
    keepDrafts(first, store, () => {});
    await settle();
    typeInto(first.querySelector('textarea')!, 'Prefers calls before 10');
    expect(kept.get('acc-1|p-1||notes')).toBe('Prefers calls before 10');
    // The extension reloads: the frame goes without a word, and a new one shows the same card.
    dispatchEvent(new Event('pagehide'));
    first.remove();
    await settle();
    expect(kept.size).toBe(1);

    const news: DraftNews[] = [];
    const second = panel(CARD());
    const heard: string[] = [];
    second.addEventListener('input', (e) => heard.push((e.target as HTMLTextAreaElement).value));
    keepDrafts(second, store, (n) => news.push(n));
    await settle();
    expect(second.querySelector('textarea')!.value).toBe('Prefers calls before 10');
    expect(heard).toEqual(['Prefers calls before 10']);
    expect(news.at(-1)).toEqual({ restored: 1, waiting: 0 });
  });

  it('drops the draft of a form that closes while the frame lives (saved or cancelled)', async () => {
    // A frame of its own: the last test's pagehide marked this window as leaving.
    const { store, kept } = memoryStore();
    const root = panel(CARD());
    keepDrafts(root, store, () => {});
    await settle();
    typeInto(root.querySelector('input')!, 'Called Anna');
    expect(kept.size).toBe(1);
    root.querySelector('form')!.remove();
    await settle();
    expect(kept.size, 'kept while a re-render may bring the field back').toBe(1);
    await new Promise((r) => setTimeout(r, GONE_AFTER_MS + 50));
    expect(kept.size).toBe(0);
  });

  it('keeps the draft of a field the panel re-renders (replaced by its twin)', async () => {
    const { store, kept } = memoryStore();
    const root = panel(CARD());
    keepDrafts(root, store, () => {});
    await settle();
    typeInto(root.querySelector('textarea')!, 'Half a note');
    const card = root.querySelector('article')!;
    card.replaceWith(card.cloneNode(true));
    await new Promise((r) => setTimeout(r, GONE_AFTER_MS + 50));
    expect(kept.get('acc-1|p-1||notes')).toBe('Half a note');
  });

  it('says a draft is waiting when its account is on screen but its form is closed', async () => {
    const { store } = memoryStore({ 'acc-1||Log follow-up|summary': 'Called' });
    const news: DraftNews[] = [];
    keepDrafts(panel(el('article', { 'data-account-id': 'acc-1' })), store, (n) => news.push(n));
    await settle();
    expect(news.at(-1)).toEqual({ restored: 0, waiting: 1 });
  });

  it('forgets a note once the field shows it and the user has left it (saved)', async () => {
    const { store, kept } = memoryStore();
    const root = panel(CARD());
    const keeper = keepDrafts(root, store, () => {});
    await settle();
    typeInto(root.querySelector('textarea')!, 'Saved text');
    keeper.settle();
    expect(kept.size).toBe(0);
  });

  it('works with no drafts when the store cannot be read', async () => {
    const root = panel(CARD());
    const store: DraftStore = { list: () => Promise.reject(new Error('gone')), keep: () => {} };
    const news: DraftNews[] = [];
    keepDrafts(root, store, (n) => news.push(n));
    await settle();
    expect(root.querySelector('textarea')!.value).toBe('');
    expect(news).toEqual([]);
  });
});

describe('drafts in the background', () => {
  it('keeps, lists newest first, drops, and stays bounded', async () => {
    const { send, advance } = await freshContext();
    for (let i = 0; i < MAX_DRAFTS + 5; i++) {
      await ok(send('keepDraft', { key: `k${i}`, value: `v${i}` }, 'sidebar-frame'));
      advance(1);
    }
    const listed = await ok(send('listDrafts', {}, 'sidebar-frame'));
    expect(listed).toHaveLength(MAX_DRAFTS);
    expect(listed[0]).toMatchObject({ key: `k${MAX_DRAFTS + 4}`, value: `v${MAX_DRAFTS + 4}` });
    expect(listed.some((d) => d.key === 'k0')).toBe(false);
    await ok(send('keepDraft', { key: `k${MAX_DRAFTS + 4}`, value: null }, 'sidebar-frame'));
    expect(await ok(send('listDrafts', {}, 'sidebar-frame'))).toHaveLength(MAX_DRAFTS - 1);
  });

  it('are not for content scripts, and go with an erase', async () => {
    const { send } = await freshContext();
    await ok(send('keepDraft', { key: 'acc-1|p-1||notes', value: 'private' }, 'sidebar-frame'));
    expect(await send('listDrafts', {}, 'content-script')).toMatchObject({ code: 'forbidden' });
    await ok(send('wipeData', {}));
    expect(await ok(send('listDrafts', {}, 'sidebar-frame'))).toEqual([]);
  });
});
