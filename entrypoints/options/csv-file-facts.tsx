/**
 * What the CSV import guessed about a file, shown in its report before anything is written: the
 * encoding and separator it was read with, and how each date that could be read two ways was
 * read. A wrong guess is then the user's to see, not a silent change to their data.
 */
import { t, uiLocale, type MessageKey } from '@/utils/shared/i18n';
import type { CsvDelimiter, CsvFormat } from '@/utils/page/csv';
import type { DateReading, SlashRule } from '@/utils/page/csv-dates';

const SEPARATOR: Record<CsvDelimiter, MessageKey> = {
  ',': 'optionsCsvSeparatorComma',
  ';': 'optionsCsvSeparatorSemicolon',
  '\t': 'optionsCsvSeparatorTab',
};

/** "4 March 2026" / "4 марта 2026 г.": the month spelled out, so it cannot be misread again. */
function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(uiLocale(), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1)));
}

export function CsvFormatLine({ format }: { format: CsvFormat | null }) {
  if (!format) return null;
  return (
    <p class="hint csv-format">
      {t('optionsCsvFormat', [format.encoding, t(SEPARATOR[format.delimiter])])}
    </p>
  );
}

/** How many readings are listed open; a longer list starts folded. */
const OPEN_READINGS = 20;
/** How many readings are listed at all, as with row problems. */
const SHOWN_READINGS = 100;

export function DateReadings({
  slash,
  ambiguous,
}: {
  slash: SlashRule | null;
  ambiguous: readonly DateReading[];
}) {
  if (!slash) return null;
  const rule = slash.decidedBy
    ? t('optionsCsvDatesDayFirst', [slash.decidedBy.line, slash.decidedBy.raw.trim()])
    : t('optionsCsvDatesMonthFirst');
  return (
    <div class="csv-dates">
      <p class="hint">{rule}</p>
      {ambiguous.length > 0 && (
        <details open={ambiguous.length <= OPEN_READINGS}>
          <summary>{t('optionsCsvDatesAmbiguous', ambiguous.length)}</summary>
          <ul class="problems">
            {ambiguous.slice(0, SHOWN_READINGS).map((d) => (
              <li key={d.line}>
                <span class="line">{t('optionsLine', d.line)}</span>{' '}
                {t('optionsCsvDateReadAs', [d.raw, longDate(d.iso)])}
              </li>
            ))}
            {ambiguous.length > SHOWN_READINGS && (
              <li class="muted">{t('optionsMoreProblems', ambiguous.length - SHOWN_READINGS)}</li>
            )}
          </ul>
        </details>
      )}
    </div>
  );
}
