/**
 * The closed sets of values the model uses, with their types; utils/schemas/model.ts builds its
 * schemas from these same lists.
 */
export const STAGES = ['tactical', 'cooperative', 'interdependent', 'strategic'] as const;
export const POTENTIALS = ['low', 'medium', 'high'] as const;
export const ROLES = [
  'decision_maker',
  'executive_sponsor',
  'influencer',
  'champion',
  'user',
  'gatekeeper',
  'blocker',
  'unknown',
] as const;
export const ATTITUDES = ['supporter', 'neutral', 'sceptic'] as const;
/** How well an account's buying group is covered (utils/shared/coverage.ts), worst first. */
export const COVERAGE_LEVELS = ['red', 'amber', 'green'] as const;
/**
 * The kinds of line between two people of an account (utils/shared/relationships.ts). The last two
 * run both ways: "Anna is in conflict with Tom" is the same line as "Tom is in conflict with Anna".
 */
export const LINE_KINDS = ['reports_to', 'influences', 'conflicts_with', 'informal'] as const;
/** Where an account objective stands (the account plan, DOMAIN.md). */
export const OBJECTIVE_STATUSES = ['on_track', 'at_risk', 'done', 'dropped'] as const;
/**
 * Who supplies an offering to a buying unit today, in a whitespace cell. A cell supplied by a
 * competitor or by nobody known is an opportunity (utils/shared/whitespace.ts).
 */
export const SUPPLIERS = ['us', 'competitor', 'in_house', 'not_needed', 'unknown'] as const;
export const ACTIVITY_KINDS = ['email', 'call', 'meeting', 'note'] as const;
export const CRM_SYSTEMS = ['hubspot', 'salesforce', 'pipedrive'] as const;
export const HOSTS = ['gmail', 'outlook', ...CRM_SYSTEMS] as const;
/**
 * What a page shows, in its host's words, so that a page Rapport cannot read is named as the user
 * sees it ("this Pipedrive person", never "this email" on a CRM record).
 */
export const PAGE_THINGS = [
  'email',
  'person',
  'organization',
  'company',
  'contact',
  'account',
  'lead',
  'deal',
  'opportunity',
] as const;

export type Stage = (typeof STAGES)[number];
export type Potential = (typeof POTENTIALS)[number];
export type Role = (typeof ROLES)[number];
export type Attitude = (typeof ATTITUDES)[number];
export type CoverageLevel = (typeof COVERAGE_LEVELS)[number];
export type LineKind = (typeof LINE_KINDS)[number];
export type ObjectiveStatus = (typeof OBJECTIVE_STATUSES)[number];
export type Supplier = (typeof SUPPLIERS)[number];
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export type CrmSystem = (typeof CRM_SYSTEMS)[number];
export type HostName = (typeof HOSTS)[number];
export type PageThing = (typeof PAGE_THINGS)[number];
/** A host page's own colour scheme, as the content script sees it painted (page-theme.ts). */
export const PAGE_THEMES = ['light', 'dark'] as const;
export type PageTheme = (typeof PAGE_THEMES)[number];
/** The sidebar's theme setting: follow the host page, or always light, or always dark. */
export const THEME_CHOICES = ['page', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
