/**
 * Reads a backup file as it streams in, without ever holding it whole: it walks the top-level
 * object's structure one chunk at a time and hands back each record of each kind as its own JSON
 * text (parsed and checked one by one by the caller), and the file's other fields (format,
 * schemaVersion, exportedAt) as values. A file that is not ours, from a newer Rapport, cut off, or
 * broken says so as soon as that is known.
 */
import { RECORD_KINDS, SCHEMA_VERSION, type RecordKind } from '@/utils/contract/records';
import { BACKUP_MAX_RECORD_CHARS } from '@/utils/contract/backups';
import type { Problem } from '@/utils/shared/problem';

export interface SplitRecord {
  kind: RecordKind;
  /** The record's position within its kind, from 0 (for an error worth reading). */
  index: number;
  text: string;
}

export class SplitError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.key);
  }
}

/** The file's fields other than the record lists: small, so a big one is not ours. */
const MAX_FIELD_CHARS = 100_000;

const enum S {
  Start,
  Key,
  KeyOrEnd,
  Colon,
  Value,
  ArrayFirst,
  ArrayNext,
  ArrayElement,
  AfterValue,
  Done,
}

const KINDS = new Set<string>(RECORD_KINDS);
const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff;

export class BackupFileSplitter {
  /** The top-level fields that are not lists of records, as parsed. */
  readonly fields: Record<string, unknown> = {};
  readonly counts = Object.fromEntries(RECORD_KINDS.map((k) => [k, 0])) as Record<
    RecordKind,
    number
  >;
  private state = S.Start;
  private key = '';
  /** Capturing a key, a record or another field's value, or nothing. */
  private capture: 'key' | 'record' | 'field' | null = null;
  private parts: string[] = [];
  private captured = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private seenAnything = false;
  private position = 0;

  /** Feeds the next piece of text; returns the records completed within it, in file order. */
  push(chunk: string): SplitRecord[] {
    const out: SplitRecord[] = [];
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.capture) {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (c === 92 /* \ */) this.escaped = true;
          else if (c === 34 /* " */) {
            this.inString = false;
            if (this.capture === 'key') {
              this.parts.push(chunk.slice(start, i + 1));
              this.endKey();
            }
          }
          continue;
        }
        if (c === 34) this.inString = true;
        else if (c === 123 /* { */ || c === 91 /* [ */) this.depth++;
        else if (c === 125 /* } */ || c === 93 /* ] */) {
          if (this.capture === 'field' && this.depth === 0) {
            this.endField(chunk.slice(start, i));
            i--; // the closing brace is the object's own: read it again outside the value
            continue;
          }
          this.depth--;
          if (this.capture === 'record' && this.depth === 0) {
            this.parts.push(chunk.slice(start, i + 1));
            out.push(this.endRecord());
          }
        } else if (c === 44 /* , */ && this.capture === 'field' && this.depth === 0) {
          this.endField(chunk.slice(start, i));
          i--;
        }
        continue;
      }
      if (isSpace(c)) continue;
      this.seenAnything = true;
      switch (this.state) {
        case S.Start:
          if (c !== 123) this.fail(chunk, i);
          this.state = S.KeyOrEnd;
          break;
        case S.KeyOrEnd:
        case S.Key:
          if (c === 125 && this.state === S.KeyOrEnd) this.state = S.Done;
          else if (c === 34) {
            this.capture = 'key';
            this.inString = true;
            this.escaped = false;
            this.parts = [];
            this.captured = 0;
            start = i;
          } else this.fail(chunk, i);
          break;
        case S.Colon:
          if (c !== 58 /* : */) this.fail(chunk, i);
          this.state = S.Value;
          break;
        case S.Value:
          if (KINDS.has(this.key)) {
            if (c !== 91) this.failWith('optionsBackupInvalid', `${this.key}: not a list`);
            this.state = S.ArrayFirst;
          } else {
            this.capture = 'field';
            this.depth = 0;
            this.captured = 0;
            this.parts = [];
            start = i;
            i--; // read the value's first character as part of the capture
          }
          break;
        case S.ArrayFirst:
        case S.ArrayElement:
          if (c === 93 && this.state === S.ArrayFirst) {
            this.state = S.AfterValue;
            break;
          }
          if (c !== 123) {
            const kind = this.key as RecordKind;
            this.failWith('optionsBackupInvalid', `${kind}[${this.counts[kind]}]: not a record`);
          }
          this.capture = 'record';
          this.depth = 1;
          this.captured = 0;
          this.parts = [];
          start = i;
          break;
        case S.ArrayNext:
          if (c === 44) this.state = S.ArrayElement;
          else if (c === 93) this.state = S.AfterValue;
          else this.fail(chunk, i);
          break;
        case S.AfterValue:
          if (c === 44) this.state = S.Key;
          else if (c === 125) this.state = S.Done;
          else this.fail(chunk, i);
          break;
        case S.Done:
          this.fail(chunk, i);
      }
    }
    if (this.capture) {
      this.parts.push(chunk.slice(start));
      this.captured += chunk.length - start;
      this.checkSize();
    }
    this.position += chunk.length;
    return out;
  }

  /** The file has ended: throws when it ended early, or is not a backup of ours. */
  end(): void {
    if (!this.seenAnything) throw new SplitError({ key: 'optionsBackupEmpty' });
    if (this.state !== S.Done || this.capture)
      throw new SplitError({ key: 'optionsBackupTruncated' });
    if (this.fields.format !== 'rapport-backup')
      throw new SplitError({ key: 'optionsBackupWrongFormat' });
  }

  private endKey(): void {
    this.key = JSON.parse(this.parts.join('')) as string;
    this.parts = [];
    this.capture = null;
    this.state = S.Colon;
  }

  private endRecord(): SplitRecord {
    const kind = this.key as RecordKind;
    const text = this.parts.join('');
    this.parts = [];
    this.capture = null;
    this.state = S.ArrayNext;
    const index = this.counts[kind]++;
    if (text.length > BACKUP_MAX_RECORD_CHARS)
      this.failWith('optionsBackupInvalid', `${kind}[${index}]: the record is too large`);
    return { kind, index, text };
  }

  private endField(last: string): void {
    const text = (this.parts.join('') + last).trim();
    this.parts = [];
    this.capture = null;
    this.state = S.AfterValue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.failWith('optionsBackupNotJson', `"${this.key.slice(0, 40)}": ${text.slice(0, 40)}`);
    }
    if (this.key === '__proto__') throw new SplitError({ key: 'optionsBackupProtoKey' });
    this.fields[this.key] = value;
    // Known as soon as read (both come first in every file Rapport writes): say so at once.
    if (this.key === 'format' && value !== 'rapport-backup')
      throw new SplitError({ key: 'optionsBackupWrongFormat' });
    if (this.key === 'schemaVersion' && typeof value === 'number' && value > SCHEMA_VERSION) {
      throw new SplitError({
        key: 'optionsBackupFromFuture',
        subs: [value, SCHEMA_VERSION],
      });
    }
  }

  private checkSize(): void {
    const max = this.capture === 'record' ? BACKUP_MAX_RECORD_CHARS : MAX_FIELD_CHARS;
    if (this.captured <= max) return;
    if (this.capture === 'field') throw new SplitError({ key: 'optionsBackupWrongFormat' });
    const kind = this.key as RecordKind;
    this.failWith('optionsBackupInvalid', `${kind}[${this.counts[kind]}]: the record is too large`);
  }

  private fail(chunk: string, i: number): never {
    const at = this.position + i;
    const near = chunk.slice(i, i + 20);
    throw new SplitError({
      key: 'optionsBackupNotJson',
      subs: [`unexpected "${near}" at character ${at}`],
    });
  }

  private failWith(key: Problem['key'], detail: string): never {
    throw new SplitError({ key, subs: [detail] });
  }
}
