/**
 * The account page's relationship map (issue 18): the lines between the account's people drawn as
 * an SVG graph, and below it the same lines as sentences, edited with the sidebar's component
 * (components/relationship-lines.tsx, addLine/removeLine). The graph is a listbox of people: Tab
 * reaches it once, the arrow keys move between people, and the person chosen has their lines
 * drawn strong and read out as sentences. Names come from mail headers: text nodes only.
 */
import { useRef, useState } from 'preact/hooks';
import type { Person } from '@/utils/contract/model';
import { LINE_KINDS, type LineKind } from '@/utils/contract/enums';
import { send } from '@/utils/contract/send';
import { t } from '@/utils/shared/i18n';
import { LINE_SENTENCE, accountLines, type DrawnLine } from '@/utils/shared/relationships';
import { NODE_HEIGHT, NODE_WIDTH, layoutMap, type MapNode } from '@/utils/page/relationship-layout';
import { Panel } from '@/components/form-fields';
import { RelationshipLines } from '@/components/relationship-lines';
import type { SectionProps } from './section';
import './relationship-map.css';

/** Kinds that go one way get an arrowhead at the person they point to. */
const DIRECTED: Record<LineKind, boolean> = {
  reports_to: true,
  influences: true,
  conflicts_with: false,
  informal: false,
};

const sentence = (l: DrawnLine) => t(LINE_SENTENCE[l.kind], [l.from.name, l.to.name]);

export function RelationshipMapPanel({ view, reload }: SectionProps) {
  const { account, people } = view;
  return (
    <Panel id="relationships" title={t('relMapTitle')}>
      {people.length < 2 ? (
        <p class="muted">{t('relMapNeedsTwo')}</p>
      ) : (
        <>
          <RelationshipGraph people={people} lines={accountLines(people, account.id)} />
          <div class="rel-lines">
            <RelationshipLines
              accountId={account.id}
              people={people}
              send={send}
              reload={reload}
              heading={false}
            />
          </div>
        </>
      )}
    </Panel>
  );
}

function RelationshipGraph({ people, lines }: { people: Person[]; lines: DrawnLine[] }) {
  const layout = layoutMap(people, lines);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const nodeRefs = useRef(new Map<string, SVGGElement>());
  const chosen = layout.nodes.find((n) => n.person.id === chosenId) ?? null;
  const touches = (l: DrawnLine, id: string) => l.from.id === id || l.to.id === id;
  // The one node Tab reaches: the chosen person, else the first.
  const tabStop = chosen ?? layout.nodes[0];

  const move = (node: MapNode, by: number | 'first' | 'last') => {
    const i = layout.nodes.indexOf(node);
    const n = layout.nodes.length;
    const next = by === 'first' ? 0 : by === 'last' ? n - 1 : (((i + by) % n) + n) % n;
    nodeRefs.current.get(layout.nodes[next]!.person.id)?.focus();
  };
  const onKey = (node: MapNode) => (e: KeyboardEvent) => {
    const keys: Record<string, number | 'first' | 'last'> = {
      ArrowRight: 1,
      ArrowDown: 1,
      ArrowLeft: -1,
      ArrowUp: -1,
      Home: 'first',
      End: 'last',
    };
    if (e.key in keys) {
      e.preventDefault();
      move(node, keys[e.key]!);
    } else if (e.key === 'Escape' && chosenId) {
      e.preventDefault();
      setChosenId(null);
    }
  };

  const chosenLines = chosen ? lines.filter((l) => touches(l, chosen.person.id)) : [];
  const edgeClass = (l: DrawnLine) =>
    `rel-edge rel-${l.kind}${chosen ? (touches(l, chosen.person.id) ? ' on' : ' dim') : ''}`;
  const nodeClass = (node: MapNode) => {
    const near = chosen && chosenLines.some((l) => touches(l, node.person.id));
    return `rel-node${node === chosen ? ' chosen' : near ? ' near' : chosen ? ' dim' : ''}${
      node.degree === 0 ? ' alone' : ''
    }`;
  };

  return (
    <div class="rel-map" data-testid="relationship-map">
      <svg
        class="rel-graph"
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="listbox"
        aria-label={t('relMapGraphLabel')}
        aria-describedby="rel-map-caption"
      >
        <defs>
          {LINE_KINDS.filter((k) => DIRECTED[k]).map((k) => (
            <marker
              key={k}
              id={`rel-arrow-${k}`}
              class={`rel-arrow rel-${k}`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerUnits="userSpaceOnUse"
              markerWidth="10"
              markerHeight="10"
              orient="auto-start-reverse"
            >
              <path d="M0 0 L10 5 L0 10 z" />
            </marker>
          ))}
        </defs>
        <g aria-hidden="true">
          {layout.edges.map(({ line, key, d }) => (
            <path
              key={key}
              data-line={key}
              class={edgeClass(line)}
              d={d}
              marker-end={DIRECTED[line.kind] ? `url(#rel-arrow-${line.kind})` : undefined}
            />
          ))}
        </g>
        {layout.nodes.map((node) => (
          <g
            key={node.person.id}
            ref={(el) => {
              if (el) nodeRefs.current.set(node.person.id, el);
              else nodeRefs.current.delete(node.person.id);
            }}
            class={nodeClass(node)}
            data-person-id={node.person.id}
            role="option"
            aria-selected={node === chosen}
            aria-label={t('relMapPersonLabel', [node.person.name, node.degree])}
            tabIndex={node === tabStop ? 0 : -1}
            transform={`translate(${node.x - NODE_WIDTH / 2} ${node.y - NODE_HEIGHT / 2})`}
            onFocus={() => setChosenId(node.person.id)}
            onClick={() => nodeRefs.current.get(node.person.id)?.focus()}
            onKeyDown={onKey(node)}
          >
            <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx="7" />
            <text x={NODE_WIDTH / 2} y={NODE_HEIGHT / 2} dominant-baseline="central">
              {node.label}
            </text>
          </g>
        ))}
      </svg>
      <ul class="rel-legend" aria-label={t('relMapLegend')}>
        {LINE_KINDS.map((k) => (
          <li key={k}>
            <svg class="rel-swatch" viewBox="0 0 28 10" aria-hidden="true">
              <path
                class={`rel-edge rel-${k}`}
                d="M1 5 L25 5"
                marker-end={DIRECTED[k] ? `url(#rel-arrow-${k})` : undefined}
              />
            </svg>
            {t(LINE_SENTENCE[k], ['…', '…'])}
          </li>
        ))}
      </ul>
      <p id="rel-map-caption" class="rel-caption" aria-live="polite" data-testid="map-caption">
        {!chosen
          ? t('relMapHint')
          : chosenLines.length === 0
            ? t('relMapNoLinesFor', chosen.person.name)
            : chosenLines.map(sentence).join('; ')}
      </p>
      {layout.hidden > 0 && <p class="muted">{t('relMapHidden', layout.hidden)}</p>}
    </div>
  );
}
