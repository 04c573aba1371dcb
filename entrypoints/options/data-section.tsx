/**
 * The Data section: JSON backup export and import, CSV import and export, and "erase all data".
 * Every file is checked here first (utils/page/backup-file.ts, utils/page/csv.ts) and the
 * user sees what would change before anything is written; the background checks again when it
 * writes. Nothing that erases data runs without a backup of what it erases.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/shared/i18n';
import { ExportBackup } from './backup-export';
import { ImportBackup } from './backup-import';
import { CsvExport } from './csv-export';
import { CsvLinesExport } from './csv-lines-export';
import { CsvImport } from './csv-import';
import { type KeptBackup, readKept } from './data-notes';
import { KeptBackups } from './kept-backups';
import { Wipe } from './wipe';
import type { BackupInfo } from '@/utils/contract/backups';
import { send } from '@/utils/contract/send';

export function DataSection({ accountCount }: { accountCount: number | null }) {
  const [kept, setKept] = useState<BackupInfo[]>([]);
  const [legacy, setLegacy] = useState<KeptBackup | null>(null);
  const reloadKept = () => {
    void send('listBackups', {}).then((r) => r.ok && setKept(r.data));
    void readKept().then(setLegacy);
  };
  useEffect(reloadKept, []);
  return (
    <section class="card" aria-labelledby="data-heading">
      <div class="card-head">
        <h2 id="data-heading">{t('optionsDataHeading')}</h2>
      </div>
      <p class="hint">{t('optionsDataHint')}</p>
      <ExportBackup />
      <ImportBackup onKept={reloadKept} />
      <CsvImport />
      <CsvExport />
      <CsvLinesExport />
      <Wipe accountCount={accountCount} onKept={reloadKept}>
        <KeptBackups backups={kept} legacy={legacy} onChange={reloadKept} />
      </Wipe>
    </section>
  );
}
