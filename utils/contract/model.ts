/**
 * The record types of the model, zod-free: every runtime may import them. The schemas they are
 * inferred from are in utils/schemas/model.ts; the enums are in ./enums.ts.
 */
export type {
  Account,
  Activity,
  ActivitySource,
  BuyingUnit,
  CrmRef,
  Decision,
  Line,
  NextAction,
  Objective,
  Person,
  Profile,
  StageChange,
  WhitespaceCell,
} from '@/utils/schemas/model';
