/** `wxt/browser` for content scripts: the native API, no polyfill (see wxt.config.ts). */
export { ext as browser } from '@/utils/shared/ext';
