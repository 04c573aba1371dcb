/**
 * A JSON backup file, checked whole before anything is written: the options page refuses a bad
 * file with a reason the user can act on, and shows what an import would change. The background
 * checks again (schema and checkBackup) inside its write transaction; this is the early, readable
 * refusal, not the only guard.
 */
import { Backup as BackupSchema } from '@/utils/schemas/requests';
import type { Backup } from '@/utils/contract/messages';
import { RECORD_KINDS, SCHEMA_VERSION } from '@/utils/contract/records';
import type { Problem } from '@/utils/shared/problem';
import { findBackupProblem } from '@/utils/schemas/backup-rules';
import { canonical } from '@/utils/shared/canonical-json';
import type { ImportPreview, StoreDiff } from '@/utils/contract/backups';

export type BackupCheck = { ok: true; backup: Backup } | { ok: false; problem: Problem };

/** Larger files are refused before they are read: a backup of 10,000 accounts is ~30 MB. */
export const MAX_BACKUP_BYTES = 512 * 1024 * 1024;

/** "rapport-backup-2026-11-28.json". */
export function backupFileName(day: string): string {
  return `rapport-backup-${day}.json`;
}

/**
 * True when `text` ends inside a string or with objects or arrays still open: a download or copy
 * that stopped early, which deserves a clearer reason than "unexpected end of input".
 */
export function looksTruncated(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) depth++;
    else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return inString || depth > 0;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parses and validates a backup file's text. Order matters for the reason given: a cut-off file
 * says so, a file that is not ours says so, a newer schema asks for an update, and only then do
 * the field-by-field schema and the cross-record rules speak.
 */
export function parseBackup(text: string, storeAccountIds: ReadonlySet<string> = new Set()) {
  return checkParsed(readJson(text), storeAccountIds);
}

type Json = { ok: true; value: unknown } | { ok: false; problem: Problem };

export function readJson(text: string): Json {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { ok: false, problem: { key: 'optionsBackupEmpty' } };
  let protoKey = false;
  let value: unknown;
  try {
    // JSON.parse keeps "__proto__" as an own property (it cannot reach Object.prototype here),
    // but a later spread or Object.assign of that record would set the prototype. No backup we
    // write has such a key, so a file that does is refused outright.
    value = JSON.parse(body, (key, v: unknown) => {
      if (key === '__proto__') protoKey = true;
      return v;
    });
  } catch (e) {
    if (looksTruncated(body)) return { ok: false, problem: { key: 'optionsBackupTruncated' } };
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, problem: { key: 'optionsBackupNotJson', subs: [detail.slice(0, 200)] } };
  }
  if (protoKey) return { ok: false, problem: { key: 'optionsBackupProtoKey' } };
  return { ok: true, value };
}

function checkParsed(json: Json, storeAccountIds: ReadonlySet<string>): BackupCheck {
  if (!json.ok) return json;
  const raw = json.value;
  if (!isObject(raw) || raw.format !== 'rapport-backup')
    return { ok: false, problem: { key: 'optionsBackupWrongFormat' } };
  if (typeof raw.schemaVersion === 'number' && raw.schemaVersion > SCHEMA_VERSION) {
    return {
      ok: false,
      problem: { key: 'optionsBackupFromFuture', subs: [raw.schemaVersion, SCHEMA_VERSION] },
    };
  }
  const parsed = BackupSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problem: { key: 'optionsBackupInvalid', subs: [describe(raw, parsed.error.issues)] },
    };
  }
  const problem = checkRecords(parsed.data, storeAccountIds);
  return problem ? { ok: false, problem } : { ok: true, backup: parsed.data };
}

/** "accounts[3] "Acme" profile.goals: Too big ..." for the first few schema issues. */
function describe(
  raw: Record<string, unknown>,
  issues: readonly { path: PropertyKey[]; message: string }[],
): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const [store, index, ...rest] = issue.path.map(String);
      if (store === undefined) return issue.message;
      if (index === undefined || !/^\d+$/.test(index)) return `${store}: ${issue.message}`;
      const record = (raw[store] as unknown[])[Number(index)];
      const label =
        isObject(record) && typeof record.name === 'string'
          ? ` "${record.name.slice(0, 40)}"`
          : isObject(record) && typeof record.id === 'string'
            ? ` (${record.id.slice(0, 40)})`
            : '';
      const field = rest.length ? ` ${rest.join('.')}` : '';
      return `${store}[${index}]${label}${field}: ${issue.message}`;
    })
    .join('; ');
}

/** The shared backup rules (utils/schemas/backup-rules.ts), as a problem the page can word. */
export function checkRecords(backup: Backup, storeAccountIds: ReadonlySet<string>): Problem | null {
  const problem = findBackupProblem(backup, storeAccountIds);
  if (!problem) return null;
  const key = problem.kind === 'duplicateId' ? 'optionsBackupDuplicateId' : 'optionsBackupOrphan';
  return { key, subs: [problem.store, problem.id] };
}

// ---------------------------------------------------------------------------------------------
// Preview

export type { ImportPreview, StoreDiff };

/** What importing `incoming` would do to a store that holds `current`, kind by kind. */
export function previewImport(incoming: Backup, current: Backup): ImportPreview {
  const out = {} as ImportPreview;
  for (const store of RECORD_KINDS) {
    const now = new Map<string, string>();
    for (const r of current[store]) now.set(r.id, canonical(r));
    const diff: StoreDiff = { added: 0, updated: 0, unchanged: 0, removed: 0 };
    const inFile = new Set<string>();
    for (const r of incoming[store]) {
      inFile.add(r.id);
      const existing = now.get(r.id);
      if (existing === undefined) diff.added++;
      else if (existing === canonical(r)) diff.unchanged++;
      else diff.updated++;
    }
    for (const id of now.keys()) if (!inFile.has(id)) diff.removed++;
    out[store] = diff;
  }
  return out;
}

/** The number of records in a backup, all kinds together. */
export function recordCount(backup: Backup): number {
  return RECORD_KINDS.reduce((n, s) => n + backup[s].length, 0);
}
