/** The accounts page's "New account" button; the form it opens is new-account.tsx. */
import { t } from '@/utils/shared/i18n';

export function NewAccountButton({ onClick, testId }: { onClick: () => void; testId: string }) {
  return (
    <button type="button" class="btn primary" data-testid={testId} onClick={onClick}>
      {t('accountsNewAccount')}
    </button>
  );
}
