/**
 * The client's profile in a few lines: its goals, pain points and opportunities, each cut to two
 * lines (the full account, on the accounts page, shows and edits them whole).
 */
import type { Profile } from '@/utils/contract/model';
import type { MessageKey } from '@/utils/shared/i18n';
import { t } from '@/utils/shared/i18n';

const PARTS: [keyof Profile, MessageKey][] = [
  ['goals', 'sidebarGoals'],
  ['painPoints', 'sidebarPainPoints'],
  ['opportunities', 'sidebarOpportunities'],
];

export function ProfileSummary({ profile }: { profile: Profile }) {
  const filled = PARTS.filter(([key]) => profile[key].trim() !== '');
  if (filled.length === 0) {
    return (
      <p class="rp-muted rp-profile-empty" data-testid="profile">
        {t('sidebarProfileEmpty')}
      </p>
    );
  }
  return (
    <dl class="rp-profile" data-testid="profile">
      {filled.map(([key, label]) => (
        <div key={key} class="rp-profile-item">
          <dt>{t(label)}</dt>
          <dd>{profile[key]}</dd>
        </div>
      ))}
    </dl>
  );
}
