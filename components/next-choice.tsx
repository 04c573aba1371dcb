/**
 * In the follow-up form: the account's open next action, and what becomes of it. Native radio
 * buttons in a fieldset, so the arrow keys move between the choices and a screen reader names
 * the group; they look like a row of segmented buttons.
 */
import type { NextAction } from '@/utils/contract/model';
import type { Choice } from '@/utils/shared/follow-up';
import { t, type MessageKey } from '@/utils/shared/i18n';
import { dueInfo } from './format';

const CHOICES: [Choice, MessageKey][] = [
  ['done', 'followUpChoiceDone'],
  ['keep', 'followUpChoiceKeep'],
  ['replace', 'followUpChoiceReplace'],
];

interface Props {
  current: NextAction;
  choice: Choice;
  onChoose: (choice: Choice) => void;
}

export function NextChoiceField({ current, choice, onChoose }: Props) {
  const info = dueInfo(current.due);
  return (
    <fieldset class="rp-choice" data-testid="next-choice">
      <legend class="rp-field-label">{t('sidebarNextAction')}</legend>
      <p class="rp-choice-current" data-testid="current-next">
        <span class="rp-choice-text">{current.text}</span>{' '}
        <span class={`rp-due rp-due-${info.tone}`}>{info.label}</span>
      </p>
      <div class="rp-segments" role="radiogroup" aria-label={t('followUpChoice')}>
        {CHOICES.map(([value, label]) => (
          <label key={value} class="rp-segment">
            <input
              type="radio"
              name="choice"
              value={value}
              checked={choice === value}
              onChange={() => onChoose(value)}
            />
            <span>{t(label)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
