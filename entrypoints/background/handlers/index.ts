/**
 * One handler per message of the contract, by domain. Each receives a request already parsed by
 * its schema, does its work in one IndexedDB transaction, and reports which accounts it changed so
 * the router can tell every open view.
 */
import type { Handlers } from './common';
import { accountHandlers } from './accounts';
import { resolveHandlers } from './resolve';
import { accountPageHandlers } from './account-pages';
import { activityHandlers } from './activities';
import { backupHandlers } from './backups';
import { briefHandlers } from './brief';
import { dataHandlers } from './data';
import { keyPlayerHandlers } from './key-players';
import { kpiHandlers } from './kpis';
import { lineHandlers } from './lines';
import { objectiveHandlers } from './objectives';
import { peopleHandlers } from './people';
import { settingsHandlers } from './settings';
import { tabHandlers } from './tabs';
import { teamHandlers } from './team';
import { whitespaceHandlers } from './whitespace';

export const handlers: Handlers = {
  ...tabHandlers,
  ...resolveHandlers,
  ...accountHandlers,
  ...accountPageHandlers,
  ...peopleHandlers,
  ...lineHandlers,
  ...activityHandlers,
  ...dataHandlers,
  ...keyPlayerHandlers,
  ...backupHandlers,
  ...settingsHandlers,
  ...teamHandlers,
  ...kpiHandlers,
  ...whitespaceHandlers,
  ...objectiveHandlers,
  ...briefHandlers,
};
