/**
 * Where the account page's relationship map draws each person and each line: people on an ellipse
 * (the most influential at the top, then clockwise), lines between the edges of their boxes, and
 * two lines between the same pair bent apart so that neither hides the other. Pure geometry, so
 * the map needs no graph library and its layout is tested without a browser.
 */
import type { LineKind } from '@/utils/contract/enums';
import type { Person } from '@/utils/contract/model';
import type { DrawnLine } from '@/utils/shared/relationships';

export const MAP_WIDTH = 560;
export const NODE_WIDTH = 128;
export const NODE_HEIGHT = 30;
/**
 * The most people drawn at once: a buying group is rarely larger, and more boxes on one ellipse
 * would overlap. Past it the best-connected are drawn; the list of sentences has every line.
 */
export const MAX_NODES = 10;
/** Characters of a name inside its box; the full name is in the box's accessible name. */
const LABEL_CHARS = 16;
/** How far apart, in px, two lines between the same pair are bent. */
const BEND = 26;

export interface MapNode {
  person: Person;
  label: string;
  x: number;
  y: number;
  /** How many drawn lines start or end here. */
  degree: number;
}

export interface MapEdge {
  line: DrawnLine;
  key: string;
  /** An SVG path from the edge of one box to the edge of the other. */
  d: string;
}

export interface MapLayout {
  width: number;
  height: number;
  nodes: MapNode[];
  edges: MapEdge[];
  /** People left out of the drawing (in a large account); the list of sentences has them all. */
  hidden: number;
}

export const lineKey = (l: { from: Person; to: Person; kind: LineKind }) =>
  `${l.from.id}|${l.kind}|${l.to.id}`;

/** A name cut to fit its box, by code point so that no character is split. */
export function shortLabel(name: string): string {
  const chars = Array.from(name.trim());
  return chars.length <= LABEL_CHARS
    ? chars.join('')
    : `${chars.slice(0, LABEL_CHARS - 1).join('')}…`;
}

/** Which people to draw, in the order they go round the ellipse. */
function drawnPeople(people: readonly Person[], lines: readonly DrawnLine[]): Person[] {
  const byInfluence = (a: Person, b: Person) =>
    b.influence - a.influence || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1);
  if (people.length <= MAX_NODES) return [...people].sort(byInfluence);
  const degree = new Map<string, number>();
  for (const l of lines)
    for (const id of [l.from.id, l.to.id]) degree.set(id, (degree.get(id) ?? 0) + 1);
  return people
    .filter((p) => degree.has(p.id))
    .sort((a, b) => degree.get(b.id)! - degree.get(a.id)! || byInfluence(a, b))
    .slice(0, MAX_NODES)
    .sort(byInfluence);
}

/** The point where a ray from a box's centre towards (tx, ty) leaves the box. */
function boxEdge(cx: number, cy: number, tx: number, ty: number): [number, number] {
  const dx = tx - cx;
  const dy = ty - cy;
  if (dx === 0 && dy === 0) return [cx, cy];
  const scale = Math.min(
    dx === 0 ? Infinity : NODE_WIDTH / 2 / Math.abs(dx),
    dy === 0 ? Infinity : NODE_HEIGHT / 2 / Math.abs(dy),
  );
  return [cx + dx * scale, cy + dy * scale];
}

const round = (n: number) => Math.round(n * 10) / 10;

export function layoutMap(people: readonly Person[], lines: readonly DrawnLine[]): MapLayout {
  const shown = drawnPeople(people, lines);
  const n = shown.length;
  // Tall enough that neighbouring boxes on the ellipse never overlap (tested up to MAX_NODES).
  const height = n <= 2 ? 120 : n <= 5 ? 240 : n <= 8 ? 320 : 400;
  const rx = (MAP_WIDTH - NODE_WIDTH) / 2 - 6;
  const ry = (height - NODE_HEIGHT) / 2 - 6;
  // Two people side by side; more start at the top and go clockwise.
  const start = n === 2 ? Math.PI : -Math.PI / 2;
  const at = new Map<string, MapNode>();
  const nodes = shown.map((person, i) => {
    const angle = start + (2 * Math.PI * i) / Math.max(n, 1);
    const node: MapNode = {
      person,
      label: shortLabel(person.name),
      x: n === 1 ? MAP_WIDTH / 2 : round(MAP_WIDTH / 2 + rx * Math.cos(angle)),
      y: n === 1 ? height / 2 : round(height / 2 + ry * Math.sin(angle)),
      degree: 0,
    };
    at.set(person.id, node);
    return node;
  });

  const drawn = lines.filter((l) => at.has(l.from.id) && at.has(l.to.id));
  // Lines between the same two people, whichever way they go, are bent apart.
  const pairs = new Map<string, DrawnLine[]>();
  for (const l of drawn) {
    const pair = [l.from.id, l.to.id].sort().join('|');
    pairs.set(pair, [...(pairs.get(pair) ?? []), l]);
  }
  const edges: MapEdge[] = [];
  for (const group of pairs.values()) {
    group.forEach((line, k) => {
      const a = at.get(line.from.id)!;
      const b = at.get(line.to.id)!;
      a.degree += 1;
      b.degree += 1;
      // The bend is measured against one fixed direction of the pair, so two lines that go
      // opposite ways still bend to opposite sides.
      const [p, q] = a.person.id < b.person.id ? [a, b] : [b, a];
      const length = Math.hypot(q.x - p.x, q.y - p.y) || 1;
      const offset = (k - (group.length - 1) / 2) * BEND * 2;
      const cx = (a.x + b.x) / 2 + (-(q.y - p.y) / length) * offset;
      const cy = (a.y + b.y) / 2 + ((q.x - p.x) / length) * offset;
      const [sx, sy] = boxEdge(a.x, a.y, cx, cy);
      const [ex, ey] = boxEdge(b.x, b.y, cx, cy);
      const d =
        offset === 0
          ? `M${round(sx)} ${round(sy)} L${round(ex)} ${round(ey)}`
          : `M${round(sx)} ${round(sy)} Q${round(cx)} ${round(cy)} ${round(ex)} ${round(ey)}`;
      edges.push({ line, key: lineKey(line), d });
    });
  }
  return { width: MAP_WIDTH, height, nodes, edges, hidden: people.length - n };
}
