/**
 * The shared account's history (sync/change-log.ts) is written by every teammate's browser, so it
 * is read as untrusted: an entry's address may not reorder the line around it, and an entry dated
 * in the future may not sit at the top and push the real ones out of view.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { describeChange, logChange, readChanges } from '@/entrypoints/background/sync/change-log';
import { bareSnapshot } from './sync-fixtures';

const NOW = Date.UTC(2026, 11, 5, 9, 0, 0);

describe('the change log as a teammate may write it', () => {
  it('leaves out an address with control or bidi characters, and an entry from the future', () => {
    const doc = new Y.Doc();
    logChange(doc, 'bob@firm.com', NOW - 60_000, ['stage']);
    const log = doc.getArray<unknown>('log');
    log.push([{ by: '\u202Emoc.mrif@ecila', at: NOW - 30_000, what: ['people'] }]);
    log.push([{ by: 'carol@firm.com\u0007', at: NOW - 20_000, what: ['people'] }]);
    for (let i = 0; i < 20; i++)
      log.push([{ by: 'mallory@firm.com', at: Date.UTC(2099, 0, 1) + i, what: ['name'] }]);
    expect(readChanges(doc, NOW)).toEqual([
      { by: 'bob@firm.com', at: NOW - 60_000, what: ['stage'] },
    ]);
  });

  it('keeps a teammate whose clock is a little ahead', () => {
    const doc = new Y.Doc();
    logChange(doc, 'bob@firm.com', NOW + 60_000, ['stage']);
    expect(readChanges(doc, NOW).map((e) => e.by)).toEqual(['bob@firm.com']);
  });
});

describe('an entry whose fields are not its own', () => {
  it('leaves out an entry that carries its author in its prototype', () => {
    const sender = new Y.Doc();
    logChange(sender, 'bob@firm.com', NOW - 60_000, ['stage']);
    // Yjs decodes a "__proto__" key by assignment: the entry's prototype then holds `by`.
    sender
      .getArray<unknown>('log')
      .push([JSON.parse('{"__proto__":{"by":"alice@firm.com"},"at":1,"what":["stage"]}')]);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(sender));
    expect(readChanges(doc, NOW)).toEqual([
      { by: 'bob@firm.com', at: NOW - 60_000, what: ['stage'] },
    ]);
  });
});

describe('what a push changed', () => {
  const snapshot = () => bareSnapshot('acme-0001');

  it('names the account plan when an objective or a buying unit changed', () => {
    const base = snapshot();
    const next = snapshot();
    next.objectives.push({
      id: 'o-1',
      accountId: 'acme-0001',
      outcome: 'Second site live',
      measure: '',
      target: '',
      due: null,
      status: 'on_track',
      statusAt: 2,
      createdAt: 2,
    });
    next.buyingUnits.push({ id: 'u-1', accountId: 'acme-0001', name: 'UK', order: 0 });
    expect(describeChange(base, next)).toEqual(['objectives', 'buyingUnits']);
    expect(describeChange(base, snapshot())).toEqual([]);
  });
});
