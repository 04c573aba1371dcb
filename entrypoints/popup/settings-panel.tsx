/**
 * The popup below the due list: search, the sidebar's settings, our own company and the sites.
 * Loaded by App after the due list is painted, not with it: the own-company field's domain rules
 * (utils/page/settings-input.ts, which brings the CSV module and its parser) are most of the
 * popup's script, and the due list, what the popup is opened for, needs none of it.
 */
import type { Settings } from '@/utils/contract/settings';
import { send } from '@/utils/contract/send';
import { t } from '@/utils/shared/i18n';
import { ConflictNotice } from '@/components/conflict-notice';
import { useSettingsWrite, type SettingsPatch } from '@/components/settings-write';
import { Sites } from './sites';
import { ReadingHealth } from './reading-health';
import { FollowUpSettings, QuickSearch } from './quick-settings';
import { OwnCompany } from './own-company';

export interface PanelProps {
  settings: Settings | null;
}

/** A settings change; `base`, when the field was typed into, what it showed then. */
export type Update = (patch: SettingsPatch, base?: SettingsPatch) => void;

export function SettingsPanel({ settings }: PanelProps) {
  // Every change is based on the settings shown; one changed elsewhere meanwhile (the options
  // page) is a conflict shown here, never overwritten in silence.
  const writer = useSettingsWrite(settings, send);
  const update: Update = (patch, base) => void writer.save(patch, base);
  return (
    <>
      <QuickSearch />

      {settings && (
        <section aria-labelledby="sidebar-heading">
          <h2 id="sidebar-heading">{t('popupSidebarHeading')}</h2>
          {writer.conflicts && (
            <ConflictNotice
              conflicts={writer.conflicts}
              onChoose={(choice) => void writer.choose(choice)}
            />
          )}
          <label class="row">
            <span>{t('popupSide')}</span>
            <select
              data-testid="side"
              value={settings.sidebarSide}
              onChange={(e) => update({ sidebarSide: e.currentTarget.value as 'left' | 'right' })}
            >
              <option value="right">{t('popupSideRight')}</option>
              <option value="left">{t('popupSideLeft')}</option>
            </select>
          </label>
          <label class="row">
            <span>{t('popupStartCollapsed')}</span>
            <input
              type="checkbox"
              data-testid="start-collapsed"
              checked={settings.startCollapsed}
              onChange={(e) => update({ startCollapsed: e.currentTarget.checked })}
            />
          </label>
          <label class="row">
            <span>{t('popupRailWhenNothingOpen')}</span>
            <input
              type="checkbox"
              data-testid="rail-when-nothing-open"
              checked={settings.railWhenNothingOpen}
              onChange={(e) => update({ railWhenNothingOpen: e.currentTarget.checked })}
            />
          </label>
          <label class="row">
            <span>{t('popupGmailOn')}</span>
            <input
              type="checkbox"
              data-testid="gmail-on"
              checked={!settings.disabledHosts.includes('gmail')}
              onChange={(e) => {
                const others = settings.disabledHosts.filter((h) => h !== 'gmail');
                update({ disabledHosts: e.currentTarget.checked ? others : [...others, 'gmail'] });
              }}
            />
          </label>
          <FollowUpSettings settings={settings} update={update} />
          <OwnCompany settings={settings} save={(ownDomains) => update({ ownDomains })} />
        </section>
      )}

      {/* Page reading sits under the sites, as one more line of that section. */}
      <Sites>
        <ReadingHealth />
      </Sites>
    </>
  );
}
