import { browser } from 'wxt/browser';
import { render } from 'preact';
import { followColourScheme } from '@/utils/page/scheme-attribute';
import { App } from './App';
import './style.css';
// The dark palette, under the root's data-rp-theme (set below from the colour scheme).
import './dark.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = browser.i18n.getMessage('optionsTitle') || document.title;
followColourScheme(document, window);
render(<App />, document.getElementById('app')!);
