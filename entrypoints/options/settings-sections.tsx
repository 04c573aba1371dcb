/**
 * The settings groups. Each change goes straight to the background (updateSettings) and the group
 * says whether it was saved; the page shows what storage holds, so a change made in the popup or
 * another tab appears here too.
 */
import { useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { THEME_CHOICES } from '@/utils/contract/enums';
import { send } from '@/utils/contract/send';
import type { FieldConflict } from '@/utils/shared/field-merge';
import { ConflictNotice } from '@/components/conflict-notice';
import { useSettingsWrite, type SettingsPatch } from '@/components/settings-write';
import { t } from '@/utils/shared/i18n';
import { say, type Problem } from '@/utils/shared/problem';
import type { Settings } from '@/utils/contract/settings';
import { addOwnDomain } from '@/utils/page/settings-input';
import { MAX_OWN_DOMAINS, isTimeOfDay } from '@/utils/contract/limits';
import { unicodeHost } from '@/utils/shared/idn';

type SaveState =
  | { status: 'idle' | 'saving' | 'saved' }
  | { status: 'failed'; error: string }
  | {
      status: 'conflict';
      conflicts: FieldConflict[];
      choose: (choice: 'mine' | 'theirs') => void;
    };

/**
 * Sends a change of `settings` (as this page shows them) and tracks the outcome for one group's
 * status line; a setting changed elsewhere meanwhile comes back as a conflict for the user.
 */
export function useSave(settings: Settings) {
  const [state, setState] = useState<SaveState>({ status: 'idle' });
  const writer = useSettingsWrite(settings, send);
  const shown = (r: Awaited<ReturnType<typeof writer.save>> | null) => {
    if (r === null) return setState({ status: 'idle' });
    if (r.ok) return setState({ status: 'saved' });
    if (r.code === 'conflict' && r.conflicts?.length)
      return setState({
        status: 'conflict',
        conflicts: r.conflicts,
        choose: (choice) => {
          setState({ status: 'saving' });
          void writer.choose(choice).then(shown);
        },
      });
    setState({ status: 'failed', error: r.error });
  };
  const save = async (patch: SettingsPatch, base?: SettingsPatch): Promise<boolean> => {
    setState({ status: 'saving' });
    const r = await writer.save(patch, base);
    shown(r);
    return r.ok;
  };
  return { state, save };
}

function SaveStatus({ state }: { state: SaveState }) {
  return (
    <span class={`save-status ${state.status}`} role="status">
      {state.status === 'saving' && t('optionsSaving')}
      {state.status === 'saved' && t('optionsSaved')}
      {state.status === 'failed' && t('optionsNotSaved', state.error)}
    </span>
  );
}

export function Group(props: {
  id: string;
  title: string;
  hint?: string;
  state: SaveState;
  children: ComponentChildren;
}) {
  return (
    <section class="card" aria-labelledby={`${props.id}-heading`}>
      <div class="card-head">
        <h2 id={`${props.id}-heading`}>{props.title}</h2>
        <SaveStatus state={props.state} />
      </div>
      {props.hint && <p class="hint">{props.hint}</p>}
      {props.state.status === 'conflict' && (
        <ConflictNotice conflicts={props.state.conflicts} onChoose={props.state.choose} />
      )}
      {props.children}
    </section>
  );
}

export function FieldError({ id, problem }: { id: string; problem: Problem | null }) {
  if (!problem) return null;
  return (
    <p id={id} class="field-error">
      {say(problem)}
    </p>
  );
}

export function SidebarGroup({ settings }: { settings: Settings }) {
  const { state, save } = useSave(settings);
  return (
    <Group id="sidebar" title={t('optionsSidebarHeading')} state={state}>
      <div class="field">
        <label for="sidebar-side">{t('optionsSidebarSide')}</label>
        <select
          id="sidebar-side"
          value={settings.sidebarSide}
          onChange={(e) => void save({ sidebarSide: e.currentTarget.value as 'left' | 'right' })}
        >
          <option value="right">{t('popupSideRight')}</option>
          <option value="left">{t('popupSideLeft')}</option>
        </select>
      </div>
      <div class="field">
        <label for="sidebar-theme">{t('optionsTheme')}</label>
        <select
          id="sidebar-theme"
          value={settings.theme}
          onChange={(e) => {
            const theme = THEME_CHOICES.find((c) => c === e.currentTarget.value);
            if (theme) void save({ theme });
          }}
        >
          <option value="page">{t('optionsThemePage')}</option>
          <option value="light">{t('optionsThemeLight')}</option>
          <option value="dark">{t('optionsThemeDark')}</option>
        </select>
      </div>
      <div class="field check">
        <input
          id="sidebar-collapsed"
          type="checkbox"
          checked={settings.startCollapsed}
          onChange={(e) => void save({ startCollapsed: e.currentTarget.checked })}
        />
        <label for="sidebar-collapsed">{t('optionsStartCollapsed')}</label>
      </div>
      <div class="field check">
        <input
          id="sidebar-rail-when-nothing-open"
          type="checkbox"
          checked={settings.railWhenNothingOpen}
          onChange={(e) => void save({ railWhenNothingOpen: e.currentTarget.checked })}
        />
        <label for="sidebar-rail-when-nothing-open">{t('optionsRailWhenNothingOpen')}</label>
      </div>
    </Group>
  );
}

export function SitesGroup({ settings }: { settings: Settings }) {
  const { state, save } = useSave(settings);
  return (
    <Group id="sites" title={t('optionsSitesHeading')} state={state}>
      <div class="field check">
        <input
          id="site-gmail"
          type="checkbox"
          checked={!settings.disabledHosts.includes('gmail')}
          onChange={(e) => {
            const others = settings.disabledHosts.filter((h) => h !== 'gmail');
            void save({ disabledHosts: e.currentTarget.checked ? others : [...others, 'gmail'] });
          }}
        />
        <label for="site-gmail">{t('optionsSiteGmail')}</label>
      </div>
    </Group>
  );
}

export function RemindersGroup({ settings }: { settings: Settings }) {
  const { state, save } = useSave(settings);
  const [problem, setProblem] = useState<Problem | null>(null);
  const { enabled, time } = settings.reminders;
  return (
    <Group id="reminders" title={t('optionsRemindersHeading')} state={state}>
      <div class="field check">
        <input
          id="reminders-on"
          type="checkbox"
          checked={enabled}
          onChange={(e) => void save({ reminders: { enabled: e.currentTarget.checked } })}
        />
        <label for="reminders-on">{t('optionsRemindersOn')}</label>
      </div>
      <div class="field">
        <label for="reminders-time">{t('optionsRemindersTime')}</label>
        <input
          id="reminders-time"
          type="time"
          value={time}
          disabled={!enabled}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'reminders-time-error' : undefined}
          onChange={(e) => {
            const value = e.currentTarget.value;
            if (!isTimeOfDay(value)) {
              setProblem({ key: 'optionsTimeInvalid' });
              return;
            }
            setProblem(null);
            void save({ reminders: { time: value } });
          }}
        />
        <FieldError id="reminders-time-error" problem={problem} />
      </div>
    </Group>
  );
}

export function OwnDomainsGroup({ settings }: { settings: Settings }) {
  const { state, save } = useSave(settings);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const domains = settings.ownDomains;
  const add = async () => {
    const r = addOwnDomain(domains, draft);
    if (!r.ok) {
      setProblem(r.problem);
      return;
    }
    setProblem(null);
    if (await save({ ownDomains: r.domains })) setDraft('');
  };
  return (
    <Group
      id="own-domains"
      title={t('optionsOwnDomainsHeading')}
      hint={t('optionsOwnDomainsHint', MAX_OWN_DOMAINS)}
      state={state}
    >
      {domains.length === 0 ? (
        <p class="muted">{t('optionsOwnDomainsNone')}</p>
      ) : (
        <ul class="chips" aria-label={t('optionsOwnDomainsHeading')}>
          {domains.map((d) => (
            <li key={d}>
              <span>{unicodeHost(d)}</span>
              <button
                type="button"
                class="chip-remove"
                aria-label={t('optionsRemoveDomain', d)}
                title={t('optionsRemoveDomain', d)}
                onClick={() => void save({ ownDomains: domains.filter((x) => x !== d) })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        noValidate
        class="field inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label for="own-domain-new">{t('optionsAddDomainLabel')}</label>
        <input
          id="own-domain-new"
          type="text"
          autoComplete="off"
          spellcheck={false}
          placeholder="example.com"
          value={draft}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'own-domain-error' : undefined}
          onInput={(e) => setDraft(e.currentTarget.value)}
        />
        <button type="submit" class="btn">
          {t('optionsAddDomain')}
        </button>
        <FieldError id="own-domain-error" problem={problem} />
      </form>
    </Group>
  );
}
