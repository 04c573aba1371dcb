/**
 * The whitespace grid's requests: buying units (rows) per account, and cells (a unit against an
 * offering of the settings). An edit of a cell carries only the fields it changes, each with the
 * value it was read at, and is merged field by field (utils/shared/field-merge.ts).
 */
import * as z from 'zod/mini';
import { MAX_BUYING_UNITS, MAX_OFFERINGS } from '@/utils/contract/limits';
import { BuyingUnit, Id, IsoDate, WhitespaceCell } from './model';

/** What a user edits of a cell; its keys (account, unit, offering) address it. */
export const CellFields = z.object({
  supplier: WhitespaceCell.shape.supplier,
  competitor: WhitespaceCell.shape.competitor,
  spend: WhitespaceCell.shape.spend,
  currency: WhitespaceCell.shape.currency,
  contractEnd: WhitespaceCell.shape.contractEnd,
  note: WhitespaceCell.shape.note,
});

/** The most cells one account's grid can hold: every unit against every offering. */
export const MAX_CELLS = MAX_BUYING_UNITS * MAX_OFFERINGS;

const CellAddress = { accountId: Id, unitId: Id, offeringId: Id };

export const SetCell = z
  .object({
    ...CellAddress,
    changes: z.partial(CellFields),
    /** Each changed field as read; a cell not stored yet was read as the empty cell. */
    base: z.partial(CellFields),
  })
  .check(
    z.refine((r) => Object.keys(r.changes).every((k) => k in r.base), {
      message: 'base: an edit says what each changed field was when read',
      path: ['base'],
    }),
  );

/** A whole cell as a CSV row gives it: the import sets every field. */
export const CellImport = z.object({ ...CellAddress, ...CellFields.shape });

export const ImportCells = z.object({
  accountId: Id,
  cells: z.array(CellImport).check(z.minLength(1), z.maxLength(MAX_CELLS)),
});

/**
 * Undo of a unit's removal or of an import: units and cells put back as they were, and cells an
 * import created taken away again. Everything must belong to `accountId`.
 */
export const RestoreWhitespace = z.object({
  accountId: Id,
  units: z.array(BuyingUnit).check(z.maxLength(MAX_BUYING_UNITS)),
  cells: z.array(WhitespaceCell).check(z.maxLength(MAX_CELLS)),
  removeCellIds: z.array(Id).check(z.maxLength(MAX_CELLS)),
});

export const AddUnit = z.object({ accountId: Id, name: BuyingUnit.shape.name });
export const RenameUnit = z.object({
  id: Id,
  name: BuyingUnit.shape.name,
  /** The name as read: renamed elsewhere since, the answer is a conflict. */
  base: z.string().check(z.maxLength(200)),
});
export const ReorderUnits = z.object({
  accountId: Id,
  /** Every unit of the account, in the new order. */
  ids: z.array(Id).check(z.maxLength(MAX_BUYING_UNITS)),
});

/** Contracts ending between two days (the calendar asks for today to today + 90). */
export const ContractsEnding = z.object({ from: IsoDate, until: IsoDate });
