/**
 * The backup file read as a stream: records come out whole whatever the chunk boundaries, the
 * file's own fields are read, and a broken, cut-off, foreign or newer file says so.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BackupFileSplitter, SplitError } from '@/utils/page/backup-file-splitter';
import { SCHEMA_VERSION } from '@/utils/contract/records';
import { sampleBackup } from '../fixtures/sample-data.mjs';

function split(text: string, cuts: number[] = []) {
  const s = new BackupFileSplitter();
  const out: { kind: string; index: number; value: unknown }[] = [];
  let at = 0;
  for (const cut of [
    ...cuts.filter((c) => c > 0 && c < text.length).sort((a, b) => a - b),
    text.length,
  ]) {
    for (const r of s.push(text.slice(at, cut)))
      out.push({ kind: r.kind, index: r.index, value: JSON.parse(r.text) });
    at = cut;
  }
  s.end();
  return { records: out, fields: s.fields, counts: s.counts };
}

function problem(text: string) {
  try {
    split(text);
  } catch (e) {
    if (e instanceof SplitError) return e.problem;
    throw e;
  }
  throw new Error('accepted');
}

const sample = () => sampleBackup(Date.UTC(2026, 10, 1));

describe('BackupFileSplitter', () => {
  it('gives back every record of every kind, in order, and the file fields', () => {
    const backup = sample();
    const { records, fields, counts } = split(JSON.stringify(backup, null, 2));
    expect(fields).toEqual({
      format: 'rapport-backup',
      schemaVersion: backup.schemaVersion,
      exportedAt: backup.exportedAt,
    });
    for (const kind of ['accounts', 'people', 'activities', 'decisions', 'stageChanges'] as const) {
      expect(records.filter((r) => r.kind === kind).map((r) => r.value)).toEqual(backup[kind]);
      expect(counts[kind]).toBe(backup[kind].length);
    }
  });

  it('cuts anywhere: the same records whatever the chunks', () => {
    const text = JSON.stringify({
      ...sample(),
      // Strings that look like structure, escapes and non-ASCII text.
      accounts: sample().accounts.map((a, i) =>
        i === 0 ? { ...a, name: 'Брайтвейв "{[quoted]}" \\ back,slash' } : a,
      ),
    });
    const whole = split(text).records;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: 40 }),
        (cuts) => {
          expect(split(text, cuts).records).toEqual(whole);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('takes an empty list and fields in any order', () => {
    const text =
      '{"accounts":[],"people":[],"exportedAt":5,"format":"rapport-backup","schemaVersion":1}';
    expect(split(text).fields).toMatchObject({ exportedAt: 5, schemaVersion: 1 });
  });

  it('refuses what is not a backup of ours, with the reason', () => {
    expect(problem('')).toEqual({ key: 'optionsBackupEmpty' });
    expect(problem('  \n')).toEqual({ key: 'optionsBackupEmpty' });
    expect(problem(JSON.stringify(sample()).slice(0, 900))).toEqual({
      key: 'optionsBackupTruncated',
    });
    expect(problem('{"hello":"world"}')).toEqual({ key: 'optionsBackupWrongFormat' });
    expect(problem('{"format":"csv"}')).toEqual({ key: 'optionsBackupWrongFormat' });
    expect(problem('[1,2]')).toMatchObject({ key: 'optionsBackupNotJson' });
    expect(problem('{"format":"rapport-backup" "x":1}')).toMatchObject({
      key: 'optionsBackupNotJson',
    });
    expect(problem('{"format":"rapport-backup","accounts":[{"id":"a"} {"id":"b"}]}')).toMatchObject(
      { key: 'optionsBackupNotJson' },
    );
    expect(problem('{"format":"rapport-backup","accounts":[1]}')).toMatchObject({
      key: 'optionsBackupInvalid',
      subs: ['accounts[0]: not a record'],
    });
    expect(problem('{"format":"rapport-backup","accounts":{}}')).toMatchObject({
      key: 'optionsBackupInvalid',
    });
    expect(problem('{"format":"rapport-backup"}   x')).toMatchObject({
      key: 'optionsBackupNotJson',
    });
  });

  it('says a newer schema as soon as it reads it', () => {
    const s = new BackupFileSplitter();
    expect(() =>
      s.push(`{"format":"rapport-backup","schemaVersion":${SCHEMA_VERSION + 1},"accounts":[`),
    ).toThrow(SplitError);
  });

  it('refuses a record or a field too large to be ours, before holding more of it', () => {
    const s = new BackupFileSplitter();
    s.push('{"format":"rapport-backup","accounts":[{"id":"a","name":"');
    expect(() => {
      for (let i = 0; i < 50; i++) s.push('x'.repeat(100_000));
    }).toThrow(SplitError);
    const f = new BackupFileSplitter();
    f.push('{"format":"rapport-backup","junk":"');
    expect(() => f.push('x'.repeat(200_000))).toThrow(SplitError);
  });
});
