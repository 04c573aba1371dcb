/**
 * Where the account page's relationship map draws people and lines: everyone in a small account,
 * only the linked people in a large one, boxes inside the drawing and apart from each other, lines
 * that start and end on the boxes' edges, and two lines between one pair bent to opposite sides.
 */
import { describe, expect, it } from 'vitest';
import type { Person } from '@/utils/contract/model';
import { accountLines } from '@/utils/shared/relationships';
import {
  MAX_NODES,
  NODE_HEIGHT,
  NODE_WIDTH,
  layoutMap,
  shortLabel,
} from '@/utils/page/relationship-layout';

function person(id: string, influence = 3, lines: Person['lines'] = []): Person {
  return {
    id,
    accountId: 'acc',
    name: `Person ${id}`,
    emails: [],
    title: '',
    role: 'unknown',
    influence,
    attitude: 'neutral',
    notes: '',
    lastContactAt: null,
    lines,
  };
}

const layoutOf = (people: Person[]) => layoutMap(people, accountLines(people, 'acc'));

/** The numbers of an SVG path, in order. */
const numbers = (d: string) => (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);

describe('the relationship map layout', () => {
  it('draws everyone in a small account, the most influential first, inside the drawing', () => {
    const people = [
      person('a', 2),
      person('b', 5),
      person('c', 4, [{ to: 'a', kind: 'reports_to', note: '' }]),
    ];
    const map = layoutOf(people);
    expect(map.nodes.map((n) => n.person.id)).toEqual(['b', 'c', 'a']);
    expect(map.hidden).toBe(0);
    expect(map.nodes.map((n) => n.degree)).toEqual([0, 1, 1]);
    for (const n of map.nodes) {
      expect(n.x - NODE_WIDTH / 2).toBeGreaterThanOrEqual(0);
      expect(n.x + NODE_WIDTH / 2).toBeLessThanOrEqual(map.width);
      expect(n.y - NODE_HEIGHT / 2).toBeGreaterThanOrEqual(0);
      expect(n.y + NODE_HEIGHT / 2).toBeLessThanOrEqual(map.height);
    }
    // The first person is at the top, in the middle.
    expect(map.nodes[0]).toMatchObject({ x: map.width / 2 });
    expect(map.nodes[0]!.y).toBeLessThan(map.nodes[1]!.y);
  });

  it('keeps every pair of boxes apart, up to the most people it draws', () => {
    for (let n = 1; n <= MAX_NODES; n++) {
      const people = Array.from({ length: n }, (_, i) =>
        person(`p${i}`, 3, [{ to: `p${(i + 1) % n}`, kind: 'informal', note: '' }]),
      );
      const { nodes } = layoutOf(people);
      expect(nodes).toHaveLength(n);
      for (const a of nodes)
        for (const b of nodes) {
          if (a === b) continue;
          // At least 4 px of air between two boxes.
          const apart =
            Math.abs(a.x - b.x) >= NODE_WIDTH + 4 || Math.abs(a.y - b.y) >= NODE_HEIGHT + 4;
          expect(apart, `${a.person.id} and ${b.person.id} of ${n}`).toBe(true);
        }
    }
  });

  it('starts and ends a line on the edges of the two boxes, not inside them', () => {
    const people = [person('a', 5), person('b', 3, [{ to: 'a', kind: 'influences', note: '' }])];
    const map = layoutOf(people);
    const [a, b] = map.nodes;
    const [sx, sy, ex, ey] = numbers(map.edges[0]!.d);
    const onEdge = (x: number, y: number, n: { x: number; y: number }) =>
      Math.abs(Math.abs(x - n.x) - NODE_WIDTH / 2) < 0.2 ||
      Math.abs(Math.abs(y - n.y) - NODE_HEIGHT / 2) < 0.2;
    expect(map.edges[0]!.d.startsWith('M')).toBe(true);
    expect(map.edges[0]!.d).toContain('L');
    expect(onEdge(sx!, sy!, b!)).toBe(true);
    expect(onEdge(ex!, ey!, a!)).toBe(true);
    expect(map.edges[0]!.key).toBe('b|influences|a');
  });

  it('bends two lines between the same pair to opposite sides, whichever way they go', () => {
    const people = [
      person('a', 5, [{ to: 'b', kind: 'influences', note: '' }]),
      person('b', 3, [{ to: 'a', kind: 'reports_to', note: '' }]),
    ];
    const map = layoutOf(people);
    expect(map.edges).toHaveLength(2);
    const controls = map.edges.map((e) => {
      expect(e.d).toContain('Q');
      const [, , cx, cy] = numbers(e.d);
      return { cx: cx!, cy: cy! };
    });
    // Side by side at one height: one bends up, the other down.
    const mid = map.nodes[0]!.y;
    expect(Math.sign(controls[0]!.cy - mid)).toBe(-Math.sign(controls[1]!.cy - mid));
    expect(controls[0]!.cy).not.toBe(mid);
  });

  it('draws only the linked people in a large account, and counts the rest', () => {
    const people = Array.from({ length: MAX_NODES + 3 }, (_, i) => person(`p${i}`));
    people[0]!.lines = [{ to: 'p1', kind: 'reports_to', note: '' }];
    people[2]!.lines = [{ to: 'p1', kind: 'conflicts_with', note: '' }];
    const map = layoutOf(people);
    expect(map.nodes.map((n) => n.person.id).sort()).toEqual(['p0', 'p1', 'p2']);
    expect(map.hidden).toBe(MAX_NODES);
    expect(map.edges).toHaveLength(2);
  });

  it('draws the best-connected when more people have lines than fit', () => {
    const n = MAX_NODES + 4;
    const people = Array.from({ length: n }, (_, i) => person(`p${i}`, 3));
    // Everyone reports to p0; p1..p3 also influence p5, so p5 is the next best connected.
    for (let i = 1; i < n; i++) people[i]!.lines = [{ to: 'p0', kind: 'reports_to', note: '' }];
    for (const i of [1, 2, 3]) people[i]!.lines!.push({ to: 'p5', kind: 'influences', note: '' });
    const map = layoutOf(people);
    const ids = map.nodes.map((x) => x.person.id);
    expect(ids).toHaveLength(MAX_NODES);
    expect(ids).toEqual(expect.arrayContaining(['p0', 'p1', 'p2', 'p3', 'p5']));
    expect(map.hidden).toBe(4);
    // Only lines between two drawn people are drawn.
    for (const e of map.edges) {
      expect(ids).toContain(e.line.from.id);
      expect(ids).toContain(e.line.to.id);
    }
  });

  it('cuts a long name by whole characters, and keeps a short one', () => {
    expect(shortLabel('Anna Keller')).toBe('Anna Keller');
    expect(shortLabel('Maximilian Wolfgang von Habsburg')).toBe('Maximilian Wolf…');
    expect(Array.from(shortLabel('👩‍💼'.repeat(20))).length).toBe(16);
    expect(shortLabel('𝒜'.repeat(30))).toBe(`${'𝒜'.repeat(15)}…`);
  });
});
