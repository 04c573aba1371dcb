/**
 * The values in CSV cells: enums that match in any case with spaces, hyphens or underscores alike
 * ("Decision maker" is `decision_maker`), list cells, domains as the store keeps them.
 */
import { registrableDomain } from '@/utils/shared/match';
import { Domain } from '@/utils/schemas/model';
import {
  ATTITUDES,
  POTENTIALS,
  ROLES,
  STAGES,
  type Attitude,
  type Potential,
  type Role,
  type Stage,
} from '@/utils/contract/enums';

/** Lower case, with spaces, hyphens and underscores alike: "Decision-maker" -> "decision_maker". */
function enumKey(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '_');
}

function matchEnum<T extends string>(values: readonly T[], raw: string): T | null {
  const key = enumKey(raw);
  return (values as readonly string[]).includes(key) ? (key as T) : null;
}

const ATTITUDE_SYNONYMS: Record<string, Attitude> = { skeptic: 'sceptic', sceptical: 'sceptic' };
const POTENTIAL_SYNONYMS: Record<string, Potential> = { med: 'medium', mid: 'medium' };

export function parseStage(raw: string): Stage | null {
  return matchEnum(STAGES, raw);
}
export function parsePotential(raw: string): Potential | null {
  return matchEnum(POTENTIALS, raw) ?? POTENTIAL_SYNONYMS[enumKey(raw)] ?? null;
}
export function parseRole(raw: string): Role | null {
  return matchEnum(ROLES, raw);
}
export function parseAttitude(raw: string): Attitude | null {
  return matchEnum(ATTITUDES, raw) ?? ATTITUDE_SYNONYMS[enumKey(raw)] ?? null;
}

/** Splits a list cell on `;` (and `,`, which only a quoted cell can hold), trimmed, no blanks. */
export function list(cell: string): string[] {
  return cell
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * A domain as the store keeps it: lower case, reduced to the registrable domain
 * (mail.acme.co.uk -> acme.co.uk), as the background does for accounts it creates.
 */
export function cleanDomain(raw: string): string | null {
  const lower = raw.trim().toLowerCase();
  const parsed = Domain.safeParse(registrableDomain(lower) ?? lower);
  return parsed.success ? parsed.data : null;
}
