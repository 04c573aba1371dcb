/**
 * One account, whole: details and customer profile, stage, next action, people, decision log and
 * follow-ups. It re-reads from the background after every write and whenever the background says
 * this account changed; an edit in progress is kept when someone else saves meanwhile.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AccountView, Result } from '@/utils/contract/messages';
import type { ChangeNotice } from '@/utils/contract/events';
import type { Account } from '@/utils/contract/model';
import { POTENTIALS } from '@/utils/contract/enums';
import { send } from '@/utils/contract/send';
import { t } from '@/utils/shared/i18n';
import { cadenceFor, guidanceFor } from '@/utils/shared/stages';
import type { Settings } from '@/utils/contract/settings';
import {
  LONG_MAX,
  accountPatch,
  draftOf,
  type AccountDraft,
  type FieldProblems,
} from '@/utils/page/account-form';
import { GUIDANCE_TEXT, POTENTIAL_LABEL, STAGE_LABEL } from '@/components/labels';
import { lastTouched } from '@/components/format';
import { CoverageBadge } from '@/components/coverage-badge';
import { Panel, SelectField, TextField } from '@/components/form-fields';
import { ErrorNote, useWrite } from '@/components/ui';
import { useMergedWrite, WriteNotes } from '@/components/conflict-notice';
import { accountChange, sendAccountChange } from '@/components/account-actions';
import { ActivitiesPanel } from './activities-panel';
import { DecisionsPanel } from './decisions-panel';
import { NextActionPanel } from './next-action-panel';
import { ObjectivesPanel } from './objectives-panel';
import { PeoplePanel } from './people-panel';
import { RelationshipMapPanel } from './relationship-map';
import { StagePanel } from './stage-panel';
import { SharePanel } from './share-panel';
import { WhitespacePanel } from './whitespace-panel';
import { LoadingLine } from './loading-line';
import type { OfferUndo } from './undo';
import { CADENCE_MAX, CADENCE_MIN } from '@/utils/contract/limits';
import { briefHref } from '@/utils/page/brief-link';

interface Props {
  id: string;
  settings: Settings | null;
  notice: ChangeNotice | null;
  onDelete: (account: Account) => void;
  /** Shows the page's Undo toast after a person or a decision is removed. */
  offerUndo: OfferUndo;
  /** The table as the user left it (filters and all), for "Back to the list". */
  listHref: string;
}

type Load =
  | { status: 'loading' }
  | { status: 'missing'; error: string }
  | { status: 'ready'; view: AccountView };

function DetailsPanel({
  view,
  settings,
  reload,
}: {
  view: AccountView;
  settings: Settings | null;
  reload: () => void;
}) {
  const { account } = view;
  const [draft, setDraft] = useState<AccountDraft>(() => draftOf(account));
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<FieldProblems<keyof AccountDraft>>({});
  const [saved, setSaved] = useState(false);
  const writer = useWrite(reload);
  const { busy, error } = writer;
  const merged = useMergedWrite<Account>(writer, reload);
  // The account as the draft was taken from it: a save sends only what differs from it, each
  // field with its value then, so another view's changes to other fields are merged, not undone.
  const readAt = useRef(account);
  const startFrom = (a: Account) => {
    readAt.current = a;
    setDraft(draftOf(a));
    setDirty(false);
  };

  // A newer revision arrived (our own save, or another view's): show it unless mid-edit.
  useEffect(() => {
    if (!dirty) startFrom(account);
  }, [account.revision]);

  const set = (patch: Partial<AccountDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setDirty(true);
    setSaved(false);
  };
  const save = async () => {
    const r = accountPatch(draft);
    if (!r.ok) return setProblems(r.problems);
    setProblems({});
    done(
      await merged.write(
        accountChange(readAt.current, r.patch),
        sendAccountChange(send, account.id),
      ),
    );
  };
  // Saved (or nothing left to save): the form shows the account as stored now.
  const done = (result: Result<Account> | null) => {
    if (result && !result.ok) return;
    startFrom(result ? result.data : account);
    setSaved(true);
  };
  const stageDefault = cadenceFor(account.stage, null, settings?.cadenceDays);

  return (
    <Panel id="details" title={t('accountsDetailsHeading')}>
      <form
        noValidate
        class="stack-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div class="row-form">
          <TextField
            id="account-name"
            label={t('accountsAccountName')}
            value={draft.name}
            onInput={(name) => set({ name })}
            problem={problems.name}
            maxLength={200}
            required
          />
          <SelectField
            id="account-potential"
            label={t('accountsColPotential')}
            value={draft.potential}
            options={POTENTIALS.map((p) => ({ value: p, label: t(POTENTIAL_LABEL[p]) }))}
            onChange={(potential) => set({ potential })}
          />
          <TextField
            id="account-cadence"
            label={t('accountsCadence')}
            type="number"
            min={CADENCE_MIN}
            max={CADENCE_MAX}
            value={draft.cadence}
            onInput={(cadence) => set({ cadence })}
            problem={problems.cadence}
            placeholder={String(stageDefault)}
            hint={t('accountsCadenceHint', [stageDefault, t(STAGE_LABEL[account.stage])])}
          />
        </div>
        <TextField
          id="account-domains"
          label={t('accountsDomains')}
          hint={t('accountsDomainsHint')}
          value={draft.domains}
          onInput={(domains) => set({ domains })}
          problem={problems.domains}
        />
        <h3>{t('accountsProfileHeading')}</h3>
        <TextField
          id="account-goals"
          label={t('accountsGoals')}
          value={draft.goals}
          onInput={(goals) => set({ goals })}
          problem={problems.goals}
          multiline
          maxLength={LONG_MAX}
        />
        <TextField
          id="account-pain"
          label={t('accountsPainPoints')}
          value={draft.painPoints}
          onInput={(painPoints) => set({ painPoints })}
          problem={problems.painPoints}
          multiline
          maxLength={LONG_MAX}
        />
        <TextField
          id="account-opportunities"
          label={t('accountsOpportunities')}
          value={draft.opportunities}
          onInput={(opportunities) => set({ opportunities })}
          problem={problems.opportunities}
          multiline
          maxLength={LONG_MAX}
        />
        <div class="form-actions">
          <button type="submit" class="btn primary" disabled={busy || !dirty}>
            {t('accountsSave')}
          </button>
          {dirty && (
            <button
              type="button"
              class="btn"
              onClick={() => {
                startFrom(account);
                setProblems({});
                merged.dismiss();
              }}
            >
              {t('accountsDiscard')}
            </button>
          )}
          <span class="save-state" role="status">
            {saved && !dirty ? t('accountsSaved') : dirty ? t('accountsUnsaved') : ''}
          </span>
        </div>
        <WriteNotes
          conflicts={merged.conflicts}
          busy={busy}
          error={error}
          onChoose={(choice) => void merged.choose(choice).then(done)}
        />
      </form>
    </Panel>
  );
}

export function AccountEditor({ id, settings, notice, onDelete, offerUndo, listHref }: Props) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const focused = useRef<string | null>(null);

  const reload = async () => {
    const r = await send('getAccount', { id });
    setLoad(r.ok ? { status: 'ready', view: r.data } : { status: 'missing', error: r.error });
  };
  useEffect(() => {
    setLoad({ status: 'loading' });
    void reload();
  }, [id]);
  useEffect(() => {
    if (notice?.accountIds.includes(id)) void reload();
  }, [notice]);
  // Opening an account moves focus to its name, so keyboard and screen-reader users start there.
  useEffect(() => {
    if (load.status === 'ready' && focused.current !== id) {
      focused.current = id;
      heading.current?.focus();
    }
  }, [load.status, id]);

  if (load.status === 'loading') return <LoadingLine />;
  if (load.status === 'missing')
    return (
      <div class="missing">
        <p role="alert">{t('accountsMissing')}</p>
        <a href={listHref}>{t('accountsBackToList')}</a>
      </div>
    );

  const { view } = load;
  const { account } = view;
  const guidance = guidanceFor(account.stage, account.potential);
  const refresh = () => void reload();

  return (
    <div class="editor">
      <nav class="crumbs" aria-label={t('accountsBreadcrumb')}>
        <a href={listHref}>{t('accountsBackToList')}</a>
      </nav>
      <div class="editor-head">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            {account.name}
          </h1>
          <p class="editor-sub">
            <span class="tag stage">{t(STAGE_LABEL[account.stage])}</span>
            <span class="tag">
              {t('accountsPotentialTag', t(POTENTIAL_LABEL[account.potential]))}
            </span>
            <span class="muted">{lastTouched(view.lastTouchedAt)}</span>
          </p>
          <p class="guidance-line">{t(GUIDANCE_TEXT[guidance])}</p>
          <CoverageBadge people={view.people} />
        </div>
        <div class="editor-actions">
          {/* The brief the sidebar and the calendar open, here for the whole account. */}
          <a
            class="btn"
            data-testid="open-brief"
            href={briefHref(account.id)}
            target="_blank"
            rel="noopener"
            title={t('briefOpenTitle')}
          >
            {t('briefOpen')}
          </a>
          <button
            type="button"
            class="btn danger"
            disabled={deleting}
            onClick={async () => {
              setDeleting(true);
              setDeleteError(null);
              const r = await send('deleteAccount', { id: account.id });
              setDeleting(false);
              if (r.ok) onDelete(account);
              else setDeleteError(r.error);
            }}
          >
            {t('accountsDelete')}
          </button>
        </div>
      </div>
      <ErrorNote error={deleteError} />
      <div class="editor-grid">
        <div class="col">
          <DetailsPanel view={view} settings={settings} reload={refresh} />
          <ObjectivesPanel view={view} reload={refresh} offerUndo={offerUndo} />
          <DecisionsPanel view={view} reload={refresh} offerUndo={offerUndo} />
        </div>
        <div class="col">
          <StagePanel view={view} reload={refresh} />
          <NextActionPanel view={view} reload={refresh} cadence={settings?.cadenceDays} />
          <PeoplePanel
            view={view}
            reload={refresh}
            offerUndo={offerUndo}
            roleCadence={settings?.roleCadenceDays}
          />
          <RelationshipMapPanel view={view} reload={refresh} />
          <ActivitiesPanel view={view} reload={refresh} />
          <SharePanel accountId={account.id} />
        </div>
      </div>
      <div class="ws-section">
        <WhitespacePanel accountId={account.id} settings={settings} offerUndo={offerUndo} />
      </div>
    </div>
  );
}
