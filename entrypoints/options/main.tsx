import { browser } from 'wxt/browser';
import { render } from 'preact';
import { App } from './App';
import './style.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = browser.i18n.getMessage('optionsTitle') || document.title;
render(<App />, document.getElementById('app')!);
