/**
 * "Your teammate alice@firm.com owns Acme. Ask them to add you to see the notes.": beside the
 * offer to create an account for a sender's domain, when a teammate already shares one for it.
 * The worker asks the team's server (getTeamOwners; cached there) and answers with the owners'
 * addresses and account names only: no notes, nothing of the account. Both are a teammate's
 * words, so each is a bidi isolate inside the sentence (a control character in them reorders only
 * themselves), and the worker has cut them short.
 */
import { useEffect, useState } from 'preact/hooks';
import type { TeamOwner } from '@/utils/contract/team';
import { isolate } from '@/utils/shared/bidi-text';
import { t } from '@/utils/shared/i18n';
import type { Send } from './sidebar-types';

/** The teammates who own `domain`'s account, asked once per domain (none until answered). */
export function useTeamOwners(domain: string, send: Send): TeamOwner[] {
  const [owners, setOwners] = useState<TeamOwner[]>([]);
  useEffect(() => {
    let current = true;
    setOwners([]);
    void send('getTeamOwners', { domain }).then((r) => {
      if (current && r.ok) setOwners(r.data);
    });
    return () => void (current = false);
  }, [domain]);
  return owners;
}

export function TeamOwnerNote({ domain, owners }: { domain: string; owners: TeamOwner[] }) {
  if (owners.length === 0) return null;
  return (
    <div class="rp-team-owner" data-testid="team-owner" role="note">
      {owners.map((o) => (
        <p key={`${o.owner} ${o.account}`}>
          {t('sidebarTeamOwns', [isolate(o.owner), isolate(o.account || domain)])}
        </p>
      ))}
      <p class="rp-muted">{t('sidebarTeamAskToJoin')}</p>
    </div>
  );
}
