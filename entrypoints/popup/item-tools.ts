/**
 * What a due item opens (the follow-up form, the snooze presets, a conflict notice) and the Undo
 * toast after a save: loaded after the due list is painted, as none of it is needed to show what is
 * due, and together they are about as much script as the rest of the popup.
 */
export { ConflictNotice } from '@/components/conflict-notice';
export { Presets, presetsFor } from '@/components/due-picker';
export { FollowUpForm } from '@/components/follow-up-form';
export { Toast } from '@/components/toast';
export { SNOOZE_PRESETS } from '@/utils/shared/follow-up';
