/** Who may send what: every message against every kind of sender. */
import { describe, expect, it } from 'vitest';
import { classifySender, route, type SenderInfo } from '@/entrypoints/background/router';
import { MESSAGES, type MessageName } from '@/utils/messages';
import { freshContext } from './helpers';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;

const SENDERS: [string, SenderInfo, ReturnType<typeof classifySender>][] = [
  ['the popup', { id: ID, url: `${ORIGIN}popup.html` }, 'extension-page'],
  [
    'the options page in a tab',
    { id: ID, url: `${ORIGIN}options.html`, tab: { id: 4 } },
    'extension-page',
  ],
  [
    'the Gmail content script',
    { id: ID, url: 'https://mail.google.com/mail/u/0/#inbox', tab: { id: 7 } },
    'content-script',
  ],
  [
    'a content script on a page that fakes our URL in its path',
    { id: ID, url: `https://evil.example/${ORIGIN}`, tab: { id: 8 } },
    'content-script',
  ],
  [
    'another extension',
    {
      id: 'otherextensionidotherextensionid',
      url: 'chrome-extension://otherextensionidotherextensionid/x.html',
    },
    'foreign',
  ],
  ['a web page', { url: 'https://evil.example/' }, 'foreign'],
  ['ours, but with neither a tab nor our URL', { id: ID }, 'foreign'],
];

describe('classifySender', () => {
  it.each(SENDERS)('%s', (_label, sender, kind) =>
    expect(classifySender(sender, ID, ORIGIN)).toBe(kind),
  );
});

describe('message x sender', () => {
  const names = Object.keys(MESSAGES) as MessageName[];
  const privileged = names.filter((n) => MESSAGES[n].privileged);

  it('marks exactly the data-wide and settings messages as privileged', () => {
    expect(privileged.sort()).toEqual([
      'checkReminders',
      'deleteAccount',
      'exportData',
      'importData',
      'updateSettings',
      'wipeData',
    ]);
  });

  it.each(names)('%s', async (name) => {
    const { ctx } = await freshContext();
    const answer = async (kind: ReturnType<typeof classifySender>) =>
      (await route({ rapport: 1, name, request: {} }, kind, ctx)).result;
    // A foreign sender is refused before anything else is looked at.
    expect(await answer('foreign')).toMatchObject({ ok: false, code: 'forbidden' });
    const fromContent = await answer('content-script');
    if (MESSAGES[name].privileged)
      expect(fromContent).toMatchObject({ ok: false, code: 'forbidden' });
    else expect(fromContent).not.toMatchObject({ code: 'forbidden' });
    expect(await answer('extension-page')).not.toMatchObject({ code: 'forbidden' });
  });
});
