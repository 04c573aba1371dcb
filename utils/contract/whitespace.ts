/**
 * The whitespace grid's answers, as types (zod-free, so every runtime may import them): the
 * requests are in utils/schemas/whitespace-requests.ts.
 */
import type { Supplier } from './enums';
import type { BuyingUnit, WhitespaceCell } from './model';

/** One account's grid: its units in order and its cells (of every offering, shown or not). */
export interface WhitespaceGrid {
  units: BuyingUnit[];
  cells: WhitespaceCell[];
}

/** The sidebar's one line: open opportunities of the offerings in the settings, and the biggest. */
export interface OpportunitySummary {
  count: number;
  /**
   * The one with the largest yearly spend in the currency most priced opportunities are in (null:
   * none has a spend). Spends in other currencies are not compared with it: no exchange rates.
   */
  biggest: { offering: string; unit: string; spend: number; currency: string } | null;
  /** The other currencies priced opportunities are in, alphabetical (utils/shared/biggest-opportunity.ts). */
  alsoIn: readonly string[];
}

/** A contract on the calendar: a cell whose contract ends on `day`. */
export interface ContractEnding {
  cellId: string;
  accountId: string;
  accountName: string;
  unit: string;
  offering: string;
  supplier: Supplier;
  competitor: string;
  day: string;
}

/** A unit removed, with the cells that went with it: what Undo puts back. */
export interface RemovedUnit {
  unit: BuyingUnit;
  cells: WhitespaceCell[];
}

/** An import: the cells as now stored, and what Undo needs to put the grid back as it was. */
export interface ImportedCells {
  cells: WhitespaceCell[];
  /** The cells as they were before the import overwrote them. */
  replaced: WhitespaceCell[];
  /** Cells the import created. */
  createdIds: string[];
}
