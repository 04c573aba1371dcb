/**
 * Layered reading: each adapter reads a page through a short list of named, dated layers, tried in
 * order, so that a host that moves its markup around still yields what it shows, and the read says
 * which layer answered (the selector health record keeps it).
 *
 * The order is the same for every host, from what a host changes least to what it changes most:
 *   1. stable attributes (`email`, `data-hovercard-id`, test ids, record ids in the URL);
 *   2. accessible names and titles that carry an address (`aria-label="From: Name <a@b.c>"`);
 *   3. `mailto:` links and address-shaped text inside the open item's header region.
 * No layer ever reads a message body: a quoted chip or an address in a body is not a participant.
 *
 * `dated` is the day the layer's markup was last checked against a fixture (tests/fixtures/<host>/
 * <host>-<date>-*.html): when a host changes and a layer stops answering, the date says how old
 * the knowledge behind it is.
 */

export interface ReadLayer<In, Out> {
  /** Short and stable: the health record keeps it ("persona-chips", "accessible-names"). */
  name: string;
  /** When its markup was last checked against a fixture, as YYYY-MM-DD. */
  dated: string;
  /** What it looks for, as the unreadable reason names it. */
  looksFor: string;
  /** What it found, or null when the page shows none of what it looks for. */
  read(input: In): Out | null;
}

export interface LayerAnswer<Out> {
  /** The name of the layer that answered. */
  layer: string;
  value: Out;
}

/**
 * The first layer whose answer is `enough`. When none is, the first layer that found anything at
 * all answers (a header showing names without addresses is still an open item, with nobody to
 * match); null when no layer found anything.
 */
export function readInLayers<In, Out>(
  layers: readonly ReadLayer<In, Out>[],
  input: In,
  enough: (value: Out) => boolean = () => true,
): LayerAnswer<Out> | null {
  let fallback: LayerAnswer<Out> | null = null;
  for (const layer of layers) {
    const value = layer.read(input);
    if (value === null) continue;
    if (enough(value)) return { layer: layer.name, value };
    fallback ??= { layer: layer.name, value };
  }
  return fallback;
}

/** What the layers looked for, for an unreadable reason: "persona-chips: span[...]; ...". */
export function layersTried(layers: readonly ReadLayer<never, unknown>[]): string {
  return layers.map((layer) => `${layer.name}: ${layer.looksFor}`).join('; ');
}
