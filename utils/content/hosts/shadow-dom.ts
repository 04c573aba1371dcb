/**
 * Queries and text through open shadow roots, for hosts that render with web components
 * (Salesforce Lightning's LWC: a synthetic shadow DOM in most orgs, the browser's own in some).
 * Under synthetic shadow, `document.querySelectorAll` leaves out elements of a component's shadow
 * tree; under native shadow a plain query cannot reach them at all. Pure functions of the DOM.
 */

type Scope = Document | Element | ShadowRoot;

/** Nodes visited at most by one deep query: a record page has a few thousand. */
const MAX_DEEP_NODES = 50_000;

/**
 * `querySelectorAll` through open shadow roots: matches in `root` (and, when `root` is a shadow
 * host, in its shadow root), then in every open shadow root below, each element once. A selector
 * matches within one tree at a time: `a b` does not cross a shadow boundary, so callers query
 * simple selectors and check containment with `deepContains`. Closed shadow roots stay closed.
 */
export function deepQuerySelectorAll(root: Scope, selector: string): Element[] {
  const found: Element[] = [];
  const seen = new Set<Element>();
  const scopes: Scope[] = [root];
  if (root.nodeType === 1 && (root as Element).shadowRoot) {
    scopes.push((root as Element).shadowRoot as ShadowRoot);
  }
  let visited = 0;
  for (let i = 0; i < scopes.length; i++) {
    const scope = scopes[i] as Scope;
    for (const el of Array.from(scope.querySelectorAll(selector))) {
      if (!seen.has(el)) {
        seen.add(el);
        found.push(el);
      }
    }
    for (const el of Array.from(scope.querySelectorAll('*'))) {
      if (++visited > MAX_DEEP_NODES) return found;
      if (el.shadowRoot) scopes.push(el.shadowRoot);
    }
  }
  return found;
}

/** The parent in the composed tree: a shadow root's host instead of the shadow root. */
function composedParent(node: Node): Node | null {
  const parent = node.parentNode;
  if (parent && parent.nodeType === 11 && (parent as ShadowRoot).host) {
    return (parent as ShadowRoot).host;
  }
  return parent;
}

/** `ancestor.contains(node)` across shadow boundaries. */
export function deepContains(ancestor: Node, node: Node): boolean {
  for (let n: Node | null = node; n; n = composedParent(n)) if (n === ancestor) return true;
  return false;
}

/** The nearest composed ancestor (or the element itself) matching `selector`. */
export function deepClosest(el: Element, selector: string): Element | null {
  for (let n: Node | null = el; n; n = composedParent(n)) {
    if (n.nodeType === 1 && (n as Element).matches(selector)) return n as Element;
  }
  return null;
}

/**
 * Text as rendered, through shadow roots: a shadow host's text is its shadow tree's, and a `<slot>`
 * reads as the host's children assigned to it (or as its fallback content when none are). Under
 * synthetic shadow the slotted children sit inside the slot element itself, which reads the same.
 */
export function deepText(node: Node): string {
  return textIn(node, 0);
}

const NO_TEXT = new Set(['SCRIPT', 'STYLE', 'TEMPLATE']);

/** The host's children a slot shows, when the slot is in a real shadow tree. */
function assignedTo(slot: Element): ChildNode[] {
  const root = slot.getRootNode();
  if (root.nodeType !== 11 || !(root as ShadowRoot).host) return [];
  const name = slot.getAttribute('name') ?? '';
  return Array.from((root as ShadowRoot).host.childNodes).filter((child) =>
    child.nodeType === 1
      ? ((child as Element).getAttribute('slot') ?? '') === name
      : name === '' && child.nodeType === 3,
  );
}

function textIn(node: Node, depth: number): string {
  if (depth > 200) return '';
  if (node.nodeType === 3) return node.nodeValue ?? '';
  if (node.nodeType !== 1 && node.nodeType !== 11) return '';
  let children: ChildNode[] = Array.from(node.childNodes);
  if (node.nodeType === 1) {
    const el = node as Element;
    if (NO_TEXT.has(el.tagName)) return '';
    const assigned = el.tagName === 'SLOT' ? assignedTo(el) : [];
    if (assigned.length > 0) children = assigned;
    else if (el.shadowRoot) children = Array.from(el.shadowRoot.childNodes);
  }
  return children.map((child) => textIn(child, depth + 1)).join('');
}
