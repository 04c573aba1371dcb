/** The message keys for every enum the sidebar shows: one table each, checked by the compiler. */
import type {
  ActivityKind,
  Attitude,
  CrmSystem,
  HostName,
  ObjectiveStatus,
  PageThing,
  Potential,
  Role,
  Stage,
} from '@/utils/contract/enums';
import type { Guidance } from '@/utils/shared/stages';
import type { MessageKey } from '@/utils/shared/i18n';

export const STAGE_LABEL: Record<Stage, MessageKey> = {
  tactical: 'stageTactical',
  cooperative: 'stageCooperative',
  interdependent: 'stageInterdependent',
  strategic: 'stageStrategic',
};

export const STAGE_MEANING: Record<Stage, MessageKey> = {
  tactical: 'stageTacticalMeaning',
  cooperative: 'stageCooperativeMeaning',
  interdependent: 'stageInterdependentMeaning',
  strategic: 'stageStrategicMeaning',
};

export const POTENTIAL_LABEL: Record<Potential, MessageKey> = {
  low: 'potentialLow',
  medium: 'potentialMedium',
  high: 'potentialHigh',
};

export const GUIDANCE_TEXT: Record<Guidance, MessageKey> = {
  invest: 'guidanceInvest',
  fineTune: 'guidanceFineTune',
  recalibrate: 'guidanceRecalibrate',
  acceptable: 'guidanceAcceptable',
  protect: 'guidanceProtect',
  maintain: 'guidanceMaintain',
};

export const ROLE_LABEL: Record<Role, MessageKey> = {
  decision_maker: 'roleDecisionMaker',
  executive_sponsor: 'roleExecutiveSponsor',
  influencer: 'roleInfluencer',
  champion: 'roleChampion',
  user: 'roleUser',
  gatekeeper: 'roleGatekeeper',
  blocker: 'roleBlocker',
  unknown: 'roleUnknown',
};

export const ATTITUDE_LABEL: Record<Attitude, MessageKey> = {
  supporter: 'attitudeSupporter',
  neutral: 'attitudeNeutral',
  sceptic: 'attitudeSceptic',
};

export const ACTIVITY_LABEL: Record<ActivityKind, MessageKey> = {
  email: 'activityEmail',
  call: 'activityCall',
  meeting: 'activityMeeting',
  note: 'activityNote',
};

export const CRM_LABEL: Record<CrmSystem, MessageKey> = {
  hubspot: 'crmHubspot',
  salesforce: 'crmSalesforce',
  pipedrive: 'crmPipedrive',
};

/** Each host's own name, as the user knows the site. */
export const HOST_LABEL: Record<HostName, MessageKey> = {
  gmail: 'hostGmail',
  outlook: 'hostOutlook',
  hubspot: 'crmHubspot',
  salesforce: 'crmSalesforce',
  pipedrive: 'crmPipedrive',
};

/**
 * What the sidebar says on a page it cannot read, naming the thing in the host's words ("this
 * Pipedrive person"); the host's name is the message's one substitution. An email needs no host.
 */
export const UNREADABLE_NOTICE: Record<Exclude<PageThing, 'email'>, MessageKey> = {
  person: 'sidebarUnreadablePerson',
  organization: 'sidebarUnreadableOrganization',
  company: 'sidebarUnreadableCompany',
  contact: 'sidebarUnreadableContact',
  account: 'sidebarUnreadableAccount',
  lead: 'sidebarUnreadableLead',
  deal: 'sidebarUnreadableDeal',
  opportunity: 'sidebarUnreadableOpportunity',
};

export const OBJECTIVE_STATUS_LABEL: Record<ObjectiveStatus, MessageKey> = {
  on_track: 'objectiveOnTrack',
  at_risk: 'objectiveAtRisk',
  done: 'objectiveDone',
  dropped: 'objectiveDropped',
};
