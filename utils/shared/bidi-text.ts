/**
 * Someone's words inside a sentence built as one string (a translated message with a list in
 * it): each is wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, so a right-to-left
 * name, or a bidi control in it, cannot reorder the words around it. Elements get the same from
 * components/bidi.css; this is for text that is not an element of its own.
 */
export const isolate = (text: string): string => `\u2068${text}\u2069`;

/** "Anna, Tom": each item an isolate, joined with a comma. */
export const isolatedList = (items: readonly string[]): string => items.map(isolate).join(', ');
