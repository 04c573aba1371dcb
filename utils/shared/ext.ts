/**
 * The extension API as the browser gives it, without webextension-polyfill, for modules that
 * content scripts load. Chrome MV3 and Firefox both return promises natively from every API these
 * modules call (runtime.sendMessage, storage, i18n), and none of them answers a runtime message by
 * returning a promise, the one thing the polyfill is needed for (the background does that, and
 * keeps the polyfill). Leaving it out saves about 3 KB gzipped of the content script's 25 KB.
 */
import type { Browser } from 'webextension-polyfill';

const g = globalThis as unknown as { browser?: Browser; chrome?: Browser };

export const ext: Browser = (g.browser?.runtime?.id ? g.browser : g.chrome) as Browser;
