import { browser } from 'wxt/browser';
import { runSidebarFrame } from './frame';
import './style.css';
// After style.css: the dark palette overrides it at equal specificity.
import '@/components/sidebar-dark.css';

document.documentElement.lang = browser.i18n.getUILanguage();
runSidebarFrame(document.getElementById('app')!);
