import { describe, expect, it } from 'vitest';
import { hostOfUrl, OPTIONAL_HOST_MATCHES } from '@/utils/contract/host-patterns';

describe('hostOfUrl', () => {
  it.each([
    ['https://mail.google.com/mail/u/0/#inbox', 'gmail'],
    ['https://outlook.office.com/mail/inbox', 'outlook'],
    ['https://outlook.live.com/mail/0/', 'outlook'],
    ['https://app-eu1.hubspot.com/contacts/1/record/0-2/2', 'hubspot'],
    ['https://brightwave.lightning.force.com/lightning/r/Account/001/view', 'salesforce'],
    ['https://brightwave.my.salesforce.com/', 'salesforce'],
    ['https://brightwave.pipedrive.com/person/1', 'pipedrive'],
    ['https://app.hubspot.com.evil.example/contacts/1', null],
    ['https://evilhubspot.com/', null],
    ['http://mail.google.com/', null],
    ['https://example.com/', null],
    ['not a url', null],
  ])('%s -> %s', (url, host) => expect(hostOfUrl(url)).toBe(host));

  it('never asks for every site', () => {
    for (const p of OPTIONAL_HOST_MATCHES)
      expect(p).toMatch(/^https:\/\/(\*\.)?[a-z0-9.-]+\.[a-z]+\/\*$/);
  });
});
