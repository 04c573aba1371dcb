import { browser } from 'wxt/browser';
import { render } from 'preact';
import { t } from '@/utils/shared/i18n';
import { followTheme } from '@/utils/page/theme';
import { App } from './App';
import './style.css';
// The dark palette, under the root's data-rp-theme (set below: the theme setting, or the colour scheme).
import './dark.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('briefTitle');
followTheme(document, window);
render(<App />, document.getElementById('app')!);
