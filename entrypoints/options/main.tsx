import { browser } from 'wxt/browser';
import { render } from 'preact';
import { followTheme } from '@/utils/page/theme';
import { App } from './App';
import './style.css';
// The dark palette, under the root's data-rp-theme (set below: the theme setting, or the colour scheme).
import './dark.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = browser.i18n.getMessage('optionsTitle') || document.title;
followTheme(document, window);
render(<App />, document.getElementById('app')!);
