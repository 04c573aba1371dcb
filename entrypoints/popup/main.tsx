// First: the due list is asked for before the rest of the popup is evaluated.
import './first-due';
import { browser } from 'wxt/browser';
import { render } from 'preact';
import { App } from './App';
import './style.css';
// After style.css: the dark palette overrides it at equal specificity.
import './dark.css';
import { followTheme } from './theme';

document.documentElement.lang = browser.i18n.getUILanguage();
followTheme(document, window);
render(<App />, document.getElementById('app')!);
