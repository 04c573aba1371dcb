/** What each panel of the account page is given: the account as read, and how to re-read it. */
import type { AccountView } from '@/utils/contract/messages';

export interface SectionProps {
  view: AccountView;
  reload: () => void;
}
