// First: the table's first rows are asked for before the rest of the page is evaluated.
import './first-page';
import { browser } from 'wxt/browser';
import { render } from 'preact';
import { followTheme } from '@/utils/page/theme';
// Every style of the page, in the cascade's order, linked from the page itself. The four first
// belong to parts that App loads when first shown (lazy-view.tsx); named here, they keep their
// place in the cascade, before style.css and the dark palette.
import './virtual-table.css';
import './whitespace.css';
import './calendar-brief.css';
import './relationship-map.css';
import { App } from './App';
import './style.css';
// The dark palette, under the root's data-rp-theme (set below: the theme setting, or the colour scheme).
import './dark.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = browser.i18n.getMessage('accountsTitle') || document.title;
followTheme(document, window);
render(<App />, document.getElementById('app')!);
