/**
 * What each CSV export of the Data section shares: a heading, a hint and a button that reads what
 * the file needs (a page at a time: a big store does not fit in one message), then downloads it.
 * The button waits while the read runs; a failed read says why and downloads nothing.
 */
import { useState } from 'preact/hooks';
import { t } from '@/utils/shared/i18n';
import { downloadText } from '@/utils/page/download';
import { type Note, NoteLine } from './data-notes';

/** One file to download, and the line that reports it. */
export interface CsvFile {
  name: string;
  csv: string;
  done: string;
}

export function CsvDownload(props: {
  heading: string;
  hint: string;
  button: string;
  testId?: string;
  build: () => Promise<CsvFile>;
}) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const run = async () => {
    setBusy(true);
    setNote(null);
    let file: CsvFile;
    try {
      file = await props.build();
    } catch (e) {
      return setNote({
        tone: 'error',
        text: t('optionsFailed', e instanceof Error ? e.message : ''),
      });
    } finally {
      setBusy(false);
    }
    downloadText(file.name, file.csv, 'text/csv;charset=utf-8');
    setNote({ tone: 'ok', text: file.done });
  };
  return (
    <div class="subsection">
      <h3>{props.heading}</h3>
      <p class="hint">{props.hint}</p>
      <button
        type="button"
        class="btn"
        data-testid={props.testId}
        disabled={busy}
        onClick={() => void run()}
      >
        {props.button}
      </button>
      <NoteLine note={note} />
    </div>
  );
}
