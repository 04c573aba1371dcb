/** Who may send what: every message against every kind of sender. */
import { describe, expect, it } from 'vitest';
import {
  classifySender,
  route,
  type SenderInfo,
  type SenderKind,
} from '@/entrypoints/background/router';
import { MESSAGES } from '@/utils/schemas/messages';
import type { MessageName } from '@/utils/contract/messages';
import { freshContext, snapshot } from './helpers';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;

const SENDERS: [string, SenderInfo, SenderKind][] = [
  ['the popup', { id: ID, url: `${ORIGIN}popup.html` }, 'extension-page'],
  [
    'the options page in a tab',
    { id: ID, url: `${ORIGIN}options.html`, tab: { id: 4 } },
    'extension-page',
  ],
  [
    'the sidebar frame in a Gmail tab',
    { id: ID, url: `${ORIGIN}sidebar.html`, tab: { id: 7 }, frameId: 3 },
    'sidebar-frame',
  ],
  [
    'the sidebar page opened on its own',
    { id: ID, url: `${ORIGIN}sidebar.html`, tab: { id: 9 }, frameId: 0 },
    'sidebar-frame',
  ],
  [
    'the sidebar page with a query or hash',
    { id: ID, url: `${ORIGIN}sidebar.html?x=1#y`, tab: { id: 9 }, frameId: 2 },
    'sidebar-frame',
  ],
  [
    'the Gmail content script',
    { id: ID, url: 'https://mail.google.com/mail/u/0/#inbox', tab: { id: 7 }, frameId: 0 },
    'content-script',
  ],
  [
    'a content script on a page that fakes our URL in its path',
    { id: ID, url: `https://evil.example/${ORIGIN}sidebar.html`, tab: { id: 8 } },
    'content-script',
  ],
  [
    'another extension',
    {
      id: 'otherextensionidotherextensionid',
      url: 'chrome-extension://otherextensionidotherextensionid/sidebar.html',
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

/** Written out by hand, not derived from the table: a change to who may send what shows here. */
const FRAME_MESSAGES = [
  'getTabState',
  'keepDraft',
  'listDrafts',
  'returnFocus',
  'snapshotPage',
  'resolveContext',
  'getAccount',
  'createAccount',
  'updateAccount',
  'checkDomains',
  'linkCrmRecord',
  'setStage',
  'upsertPerson',
  'deletePerson',
  'restorePerson',
  'addLine',
  'removeLine',
  'logActivity',
  'deleteActivity',
  'setNextAction',
  'completeNextAction',
  'addDecision',
  'deleteDecision',
  'restoreDecision',
  'listActivities',
  'searchAccounts',
  'getAccountSync',
  'getTeamOwners',
  'dismissRejoin',
  'listWhitespace',
  'getOpportunities',
  'addBuyingUnit',
  'renameBuyingUnit',
  'reorderBuyingUnits',
  'deleteBuyingUnit',
  'setWhitespaceCell',
  'importWhitespace',
  'restoreWhitespace',
  'createObjective',
  'updateObjective',
  'setObjectiveStatus',
  'deleteObjective',
  'restoreObjective',
];
const PAGE_ONLY = [
  'listAccounts',
  'listAccountsPage',
  'countAccounts',
  'listDue',
  'listKeyPlayersDue',
  'deleteAccount',
  'restoreAccount',
  'exportData',
  'wipeData',
  'snapshotBackup',
  'readBackupPage',
  'readRecordsPage',
  'listBackups',
  'deleteBackup',
  'beginImport',
  'stageBackupPage',
  'finishImport',
  'restoreBackup',
  'importData',
  'updateSettings',
  'checkReminders',
  'teamStatus',
  'teamConnect',
  'teamDisconnect',
  'teamSyncOwn',
  'getAccountHistory',
  'shareAccount',
  'unshareAccount',
  'rejoinAccount',
  'readKpis',
  'listContractsEnding',
  'countOfferingUse',
  'getBrief',
];
const CONTENT_ONLY = ['reportContext'];

const ALLOWED: Record<SenderKind, string[]> = {
  'content-script': CONTENT_ONLY,
  'sidebar-frame': FRAME_MESSAGES,
  'extension-page': [...FRAME_MESSAGES, ...PAGE_ONLY],
  foreign: [],
};

describe('message x sender', () => {
  const names = Object.keys(MESSAGES) as MessageName[];

  it('every message is in exactly one of the lists above', () => {
    expect([...FRAME_MESSAGES, ...PAGE_ONLY, ...CONTENT_ONLY].sort()).toEqual([...names].sort());
  });

  const cases = names.flatMap((name) =>
    (Object.keys(ALLOWED) as SenderKind[]).map((kind) => [name, kind] as const),
  );
  it.each(cases)('%s from %s', async (name, kind) => {
    const { ctx, db } = await freshContext();
    const before = await snapshot(db);
    const { result } = await route({ rapport: 1, name, request: {} }, kind, ctx);
    if (ALLOWED[kind].includes(name)) {
      expect(result).not.toMatchObject({ code: 'forbidden' });
    } else {
      expect(result).toMatchObject({ ok: false, code: 'forbidden' });
      expect(await snapshot(db), 'a refused message changed the store').toBe(before);
    }
  });
});
