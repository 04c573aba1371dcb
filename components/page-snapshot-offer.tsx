/**
 * "Save this page for a report", under the unreadable-page notice. The user sees what the file
 * will hold before anything is saved: the sanitised page's text first, then a download of the
 * sanitised HTML. The snapshot is taken by the tab's content script only when the user asks here
 * (snapshotPage), and it goes nowhere but the user's own downloads.
 */
import { useState } from 'preact/hooks';
import type { HostName } from '@/utils/contract/enums';
import { t } from '@/utils/shared/i18n';
import type { Send } from './sidebar-types';

/** How much of the page's text the preview shows; the file holds all of it. */
const PREVIEW_CHARS = 1_500;

type Step =
  | { at: 'offer' }
  | { at: 'loading' }
  | { at: 'preview'; html: string; text: string }
  | { at: 'saved'; file: string };

/** The sanitised page's words (placeholders and stand-ins), as a reader would see them. */
export function snapshotText(html: string): string {
  // DOMParser makes an inert document: nothing in it runs or loads.
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return (doc.body?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** rapport-page-pipedrive-2026-12-05.html */
export function snapshotFileName(host: HostName | undefined, now: Date = new Date()): string {
  return `rapport-page-${host ?? 'page'}-${now.toISOString().slice(0, 10)}.html`;
}

export function PageSnapshotOffer(props: { send: Send; host?: HostName | undefined }) {
  const [step, setStep] = useState<Step>({ at: 'offer' });
  const [error, setError] = useState<string | null>(null);

  const take = async () => {
    setError(null);
    setStep({ at: 'loading' });
    const result = await props.send('snapshotPage', {});
    if (!result.ok) {
      setError(result.error);
      setStep({ at: 'offer' });
      return;
    }
    setStep({ at: 'preview', html: result.data.html, text: snapshotText(result.data.html) });
  };

  const download = (html: string) => {
    const file = snapshotFileName(props.host);
    const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = file;
    link.click();
    // The click has handed the blob to the download; the URL is not needed after this turn.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setStep({ at: 'saved', file });
  };

  return (
    <section class="rp-snapshot" data-testid="page-snapshot" aria-label={t('sidebarSnapshotOffer')}>
      {(step.at === 'offer' || step.at === 'loading') && (
        <button
          type="button"
          class="rp-btn"
          data-testid="snapshot-offer"
          disabled={step.at === 'loading'}
          onClick={() => void take()}
        >
          {step.at === 'loading' ? t('sidebarSnapshotLoading') : t('sidebarSnapshotOffer')}
        </button>
      )}
      {step.at === 'preview' && (
        <>
          <p class="rp-muted rp-small-text">{t('sidebarSnapshotHint')}</p>
          <p class="rp-small-text">{t('sidebarSnapshotPreview', step.html.length)}</p>
          <pre class="rp-snapshot-preview" data-testid="snapshot-preview" tabIndex={0}>
            {step.text.length > PREVIEW_CHARS ? `${step.text.slice(0, PREVIEW_CHARS)}…` : step.text}
          </pre>
          <div class="rp-actions">
            <button
              type="button"
              class="rp-btn rp-primary"
              data-testid="snapshot-download"
              onClick={() => download(step.html)}
            >
              {t('sidebarSnapshotDownload')}
            </button>
            <button type="button" class="rp-btn" onClick={() => setStep({ at: 'offer' })}>
              {t('sidebarCancel')}
            </button>
          </div>
        </>
      )}
      {step.at === 'saved' && (
        <p class="rp-small-text" role="status" data-testid="snapshot-saved">
          {t('sidebarSnapshotSaved', step.file)}
        </p>
      )}
      {error && (
        <p class="rp-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
