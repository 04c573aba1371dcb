// The popup's view of the current tab: which site it is, when the browser shows its address.
import { describe, expect, it } from 'vitest';
import { currentPageOf } from '@/entrypoints/popup/sites';

describe('currentPageOf', () => {
  it.each([
    ['https://mail.google.com/mail/u/0/#inbox', 'gmail'],
    ['https://outlook.office.com/mail/inbox/id/AAQk', 'outlook'],
    ['https://app-eu1.hubspot.com/contacts/26491733/record/0-2/18346251907', 'hubspot'],
    [
      'https://brightwave.lightning.force.com/lightning/r/Account/001Dp00000KxGlbIAF/view',
      'salesforce',
    ],
    ['https://brightwave.pipedrive.com/deal/963', 'pipedrive'],
  ])('%s is %s', (url, host) => {
    expect(currentPageOf(url)).toEqual({ kind: 'host', host });
  });

  it('a visible address of another site is not one Rapport runs on', () => {
    expect(currentPageOf('https://example.com/')).toEqual({ kind: 'other' });
    expect(currentPageOf('chrome-extension://abc/popup.html')).toEqual({ kind: 'other' });
    // Not https: never a host, even on a host's domain.
    expect(currentPageOf('http://app.hubspot.com/')).toEqual({ kind: 'other' });
  });

  it('a hidden address (a site not allowed) is unknown', () => {
    expect(currentPageOf(undefined)).toEqual({ kind: 'hidden' });
    expect(currentPageOf('')).toEqual({ kind: 'hidden' });
  });
});
