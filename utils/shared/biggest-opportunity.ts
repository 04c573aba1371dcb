/**
 * Which open opportunity is "the biggest" when their spends are in several currencies. Rapport
 * keeps no exchange rates and invents none, so spends are compared only within one currency: the
 * biggest is taken in the currency most of the priced opportunities are in (the first in
 * alphabetical order on a tie), and the other currencies are named beside it, not ranked.
 */
export interface Priced {
  spend: number | null;
  currency: string;
}

export interface BiggestPick<T> {
  /** The largest spend of the leading currency; null when no opportunity has a spend. */
  biggest: T | null;
  /** The other currencies that priced opportunities are in, alphabetical. */
  alsoIn: readonly string[];
}

export function pickBiggest<T extends Priced>(open: readonly T[]): BiggestPick<T> {
  const byCurrency = new Map<string, T[]>();
  for (const c of open) {
    if (c.spend === null) continue;
    const list = byCurrency.get(c.currency);
    if (list) list.push(c);
    else byCurrency.set(c.currency, [c]);
  }
  const currencies = [...byCurrency.keys()].sort(
    (a, b) => byCurrency.get(b)!.length - byCurrency.get(a)!.length || (a < b ? -1 : 1),
  );
  const lead = currencies[0];
  if (lead === undefined) return { biggest: null, alsoIn: [] };
  // The first of equal spends stays: the caller's order (the grid's) decides a tie.
  const biggest = byCurrency.get(lead)!.reduce((top, c) => (c.spend! > top.spend! ? c : top));
  return { biggest, alsoIn: currencies.slice(1).sort() };
}
