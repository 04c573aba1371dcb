/**
 * A problem found by pure logic (CSV rows, backup files, form fields), kept as a message key and
 * its substitutions so the logic stays testable without a browser and the page translates it.
 */
import { t, type MessageKey } from './i18n';

export interface Problem {
  key: MessageKey;
  subs?: (string | number)[];
}

export interface LineProblem extends Problem {
  /** The line in the file where the row starts; the header is line 1. */
  line: number;
}

/** The problem in the user's language. */
export function say(problem: Problem): string {
  return t(problem.key, problem.subs);
}
