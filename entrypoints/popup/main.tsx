// First: the due list is asked for before the rest of the popup is evaluated.
import './first-due';
// The browser's own API, not the polyfill: nothing before the first paint needs it, and it is
// the largest part of the popup's start-up script otherwise.
import { ext as browser } from '@/utils/shared/ext';
import { render } from 'preact';
import { App } from './App';
import './style.css';
// After style.css: the dark palette overrides it at equal specificity.
import './dark.css';
import { followTheme } from '@/utils/page/theme';

document.documentElement.lang = browser.i18n.getUILanguage();
followTheme(document, window);
render(<App />, document.getElementById('app')!);
