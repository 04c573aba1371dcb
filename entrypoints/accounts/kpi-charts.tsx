/**
 * The KPIs view's small charts, drawn as inline SVG (no chart library): a ring for a percentage,
 * a bar for a percentage in a table cell, and a pair of bars for stage moves up and down. Each is
 * an image with its figure in words, so a screen reader reads the figure, not the drawing.
 */

const RING = 2 * Math.PI * 22;

/** A ring filled to `value` percent; an empty grey ring when nothing was counted. */
export function PercentRing({ value, label }: { value: number | null; label: string }) {
  const filled = ((value ?? 0) / 100) * RING;
  return (
    <svg class="kpi-ring" width="56" height="56" viewBox="0 0 56 56" role="img" aria-label={label}>
      <circle cx="28" cy="28" r="22" fill="none" stroke="#e5e7eb" stroke-width="8" />
      {value !== null && value > 0 && (
        <circle
          cx="28"
          cy="28"
          r="22"
          fill="none"
          stroke={value >= 80 ? '#16a34a' : value >= 50 ? '#d97706' : '#dc2626'}
          stroke-width="8"
          stroke-dasharray={`${filled} ${RING}`}
          transform="rotate(-90 28 28)"
        />
      )}
    </svg>
  );
}

/** A thin bar filled to `value` percent, beside a table cell's figure. */
export function PercentBar({ value }: { value: number | null }) {
  if (value === null) return null;
  return (
    <svg class="kpi-bar" width="48" height="6" viewBox="0 0 48 6" aria-hidden="true">
      <rect width="48" height="6" rx="3" fill="#e5e7eb" />
      <rect width={(48 * value) / 100} height="6" rx="3" fill="#4f46e5" />
    </svg>
  );
}

/** Moves up (green, to the right) and down (red, to the left) from a middle line. */
export function MovesChart(props: { up: number; down: number; label: string }) {
  const most = Math.max(props.up, props.down, 1);
  const half = 40;
  const up = (half * props.up) / most;
  const down = (half * props.down) / most;
  return (
    <svg
      class="kpi-moves"
      width="88"
      height="24"
      viewBox="0 0 88 24"
      role="img"
      aria-label={props.label}
    >
      <rect x={44 - down} y="6" width={down} height="12" rx="2" fill="#dc2626" />
      <rect x="44" y="6" width={up} height="12" rx="2" fill="#16a34a" />
      <line x1="44" y1="2" x2="44" y2="22" stroke="#6b7280" stroke-width="1" />
    </svg>
  );
}
