import { browser } from 'wxt/browser';
import { runSidebarFrame } from './frame';
import './style.css';

document.documentElement.lang = browser.i18n.getUILanguage();
runSidebarFrame(document.getElementById('app')!);
