/**
 * Links that came from a host page or a backup are untrusted: only https: and mailto: become
 * clickable, so a `javascript:` URL can never run from the sidebar.
 */
export function safeUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

export function safeHref(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (/^mailto:[^\s<>"]+$/i.test(value)) return value;
  return safeUrl(value)?.href;
}
