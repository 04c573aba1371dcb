/**
 * Team sync as the pages see it. The worker alone holds the invitation token (in its own
 * `rapport-sync` database): no answer here carries it, so neither a content script nor the
 * sidebar frame can ever read it.
 */
export type TeamPhase = 'off' | 'offline' | 'connecting' | 'synced' | 'pending';

export interface TeamStatus {
  phase: TeamPhase;
  /** The server's address and the person signed in, when set up. */
  server: string | null;
  email: string | null;
  /** Changes made here that the server has not acknowledged yet. */
  waiting: number;
  /** How many accounts this browser shares. */
  shared: number;
  /** This person's unshared accounts sync between their own browsers (their own document). */
  own: boolean;
  /** The last error, stated for the user; null when all is well. */
  error: string | null;
}

/** One account's sync line; null from getAccountSync when it was never shared here. */
export interface AccountSync {
  phase: TeamPhase;
  waiting: number;
  /** Access was removed: the copy here is kept, no longer shared. */
  revoked: boolean;
  /** This person's role on the shared account (null or absent: not known yet). */
  role?: TeamMemberRole | null;
  /** The server refused this account's latest changes (stated); they are kept here. */
  error: string | null;
  /**
   * Not shared here, but a teammate shares an account under this one's id with this person
   * (most often: a backup of a shared account restored). Nothing is sent until they rejoin.
   */
  offer?: RejoinOffer;
}

/** Where an offered account is shared, and by whom (null: the server did not say). */
export interface RejoinOffer {
  server: string;
  owner: string | null;
  /** "Not now" was said: the sidebar's card no longer asks; the account page still offers it. */
  dismissed: boolean;
}

export type TeamRole = 'editor' | 'viewer';
export type TeamMemberRole = 'owner' | TeamRole;

/**
 * Someone on the team who shares an account for a domain this person has no account for: their
 * sign-in address and the account's name as the server lists them (written by a teammate, so
 * shown isolated), never anything of the account itself.
 */
export interface TeamOwner {
  owner: string;
  account: string;
}

/** The account's own fields a change in a shared account may touch, each named in its history. */
export const SHARED_ACCOUNT_FIELDS = [
  'name',
  'domains',
  'stage',
  'potential',
  'nextAction',
  'cadenceDays',
  'crmRefs',
  'profile',
] as const;
/**
 * The account's records a change may touch, each named in its history. Its stage changes are not
 * among them: a move is named as 'stage'.
 */
export const SHARED_COLLECTIONS = [
  'people',
  'decisions',
  'activities',
  'objectives',
  'buyingUnits',
  'whitespace',
] as const;
/** What a change in a shared account touched, for its history: "stage, people". */
export const CHANGE_KINDS = ['shared', ...SHARED_ACCOUNT_FIELDS, ...SHARED_COLLECTIONS] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** One line of a shared account's history: who (their sign-in address), when, what. */
export interface ChangeEntry {
  by: string;
  at: number;
  what: ChangeKind[];
}
