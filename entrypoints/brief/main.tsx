import { browser } from 'wxt/browser';
import { render } from 'preact';
import { t } from '@/utils/shared/i18n';
import { App } from './App';
import './style.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('briefTitle');
render(<App />, document.getElementById('app')!);
