// First: the table's first rows are asked for before the rest of the page is evaluated.
import './first-page';
import { browser } from 'wxt/browser';
import { render } from 'preact';
import { App } from './App';
import './style.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = browser.i18n.getMessage('accountsTitle') || document.title;
render(<App />, document.getElementById('app')!);
