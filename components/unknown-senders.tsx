/**
 * People on the thread who belong to no account. A company address gets a one-click "Create
 * account" prefilled from its domain; anyone can be added to an existing account. A free-mail
 * address never proposes an account named after the mail provider: its "Create an account…" asks
 * for the company's name.
 */
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import type { ContextResult } from '@/utils/contract/messages';
import { t } from '@/utils/shared/i18n';
import { AccountSearch } from './account-search';
import { FreeMailCreate } from './free-mail-create';
import { guessName, nameFromEmail } from './guess-name';
import type { Send } from './sidebar-types';
import { ErrorNote, Section, useWrite } from './ui';
import { TeamOwnerNote, useTeamOwners } from './team-owner-note';
import { unicodeHost } from '@/utils/shared/idn';

type Unknown = ContextResult['unknown'][number];

interface Props {
  unknown: Unknown[];
  send: Send;
  reload: () => void;
}

export function UnknownSenders({ unknown, send, reload }: Props) {
  const { busy, error, run } = useWrite(reload);
  const [adding, setAdding] = useState<string | null>(null);

  // One proposal per company domain, with everyone from it on the thread as its first people.
  const companies = new Map<string, Unknown[]>();
  for (const u of unknown) {
    if (u.freeMail || !u.domain) continue;
    companies.set(u.domain, [...(companies.get(u.domain) ?? []), u]);
  }

  return (
    <Section title={t('sidebarUnknownTitle')}>
      {[...companies].map(([domain, people]) => (
        <CompanyOffer
          key={domain}
          domain={domain}
          people={people}
          send={send}
          busy={busy}
          create={(name, domains, people) =>
            run(() => send('createAccount', { name, domains, people }))
          }
        />
      ))}
      <ul class="rp-list">
        {unknown.map((u) => {
          const name = nameFromEmail(u.email, u.name);
          return (
            <li key={u.email} class="rp-unknown">
              <div class="rp-row">
                <div class="rp-grow">
                  <div class="rp-strong rp-ellipsis">{name}</div>
                  <div class="rp-muted rp-ellipsis">{u.email}</div>
                </div>
                {adding !== u.email && (
                  <button
                    type="button"
                    class="rp-btn rp-small"
                    aria-label={t('sidebarAddToExistingNamed', name)}
                    onClick={() => setAdding(u.email)}
                  >
                    {t('sidebarAddToExisting')}
                  </button>
                )}
              </div>
              {u.freeMail && adding !== u.email && (
                <FreeMailCreate email={u.email} name={name} send={send} busy={busy} run={run} />
              )}
              {adding === u.email && (
                <AccountSearch
                  send={send}
                  autoFocus
                  label={t('sidebarAddToExistingNamed', name)}
                  onCancel={() => setAdding(null)}
                  onPick={(a) =>
                    void run(() =>
                      send('upsertPerson', { accountId: a.id, name, emails: [u.email] }),
                    ).then((r) => r.ok && setAdding(null))
                  }
                />
              )}
            </li>
          );
        })}
      </ul>
      <ErrorNote error={error} />
    </Section>
  );
}

interface OfferProps {
  domain: string;
  people: Unknown[];
  send: Send;
  busy: boolean;
  create: (name: string, domains: string[], people: { name: string; email: string }[]) => void;
}

/**
 * "Create account" for one company domain. When a teammate already owns that domain's account,
 * their note comes with it and the button steps back from primary: the likely next step is to
 * ask to be added, not to start a second account for the same client.
 */
function CompanyOffer({ domain, people, send, busy, create }: OfferProps) {
  const name = guessName(domain);
  const owners = useTeamOwners(domain, send);
  return (
    <Fragment>
      <div class="rp-card rp-new">
        <div>
          <div class="rp-strong">{name}</div>
          <div class="rp-muted">{unicodeHost(domain)}</div>
        </div>
        <button
          type="button"
          class={owners.length > 0 ? 'rp-btn' : 'rp-btn rp-primary'}
          data-testid="create-account"
          disabled={busy}
          onClick={() =>
            create(
              name,
              [domain],
              people.map((p) => ({ name: nameFromEmail(p.email, p.name), email: p.email })),
            )
          }
        >
          {t('sidebarCreateAccount')}
        </button>
      </div>
      <TeamOwnerNote domain={domain} owners={owners} />
    </Fragment>
  );
}
