/**
 * One handler per message of the contract, by domain. Each receives a request already parsed by
 * its schema, does its work in one IndexedDB transaction, and reports which accounts it changed so
 * the router can tell every open view.
 */
import type { Handlers } from './common';
import { accountHandlers } from './accounts';
import { accountPageHandlers } from './account-pages';
import { activityHandlers } from './activities';
import { backupHandlers } from './backups';
import { briefHandlers } from './brief';
import { dataHandlers } from './data';
import { keyPlayerHandlers } from './key-players';
import { lineHandlers } from './lines';
import { peopleHandlers } from './people';
import { settingsHandlers } from './settings';
import { tabHandlers } from './tabs';
import { teamHandlers } from './team';

export const handlers: Handlers = {
  ...tabHandlers,
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
  ...briefHandlers,
};
