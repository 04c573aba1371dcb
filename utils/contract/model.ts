/**
 * The record types of the model, zod-free: every runtime may import them. The schemas they are
 * inferred from are in utils/schemas/model.ts; the enums are in ./enums.ts.
 */
export type {
  Account,
  Activity,
  ActivitySource,
  CrmRef,
  Decision,
  Line,
  NextAction,
  Person,
  Profile,
  StageChange,
} from '@/utils/schemas/model';
