/**
 * The account sidebar: the panel in the sidebar frame, docked on one edge of the host page, that
 * collapses to a rail. Host-agnostic: it gets the state to show and a `send` to ask for changes;
 * the frame (entrypoints/sidebar/frame.tsx) learns what the tab shows and resolves it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatCount } from '@/utils/shared/counts';
import { t } from '@/utils/shared/i18n';
import { MAX_WIDTH, MIN_WIDTH, RESIZE_STEP } from '@/utils/contract/dock-layout';
import { Body, type Env } from './sidebar-body';
import { type SidebarProps, type Undo } from './sidebar-types';
import { Toast } from './toast';

const clamp = (w: number) => Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w)));

export function Sidebar(props: SidebarProps) {
  const { state, side, layout, onLayout } = props;
  const { collapsed } = layout;
  const root = useRef<HTMLElement>(null);
  const toggled = useRef(false);
  const [toast, setToast] = useState<Undo | null>(null);
  // The conversation the shortcut asked to log; another conversation drops the request.
  const [logFor, setLogFor] = useState<string | null>(null);
  const conversation = props.conversation ?? '';

  useEffect(() => {
    if (!props.logRequest) return;
    if (collapsed) onLayout({ ...layout, collapsed: false });
    setLogFor(conversation);
  }, [props.logRequest]);
  const env: Env = {
    cadence: props.cadence,
    roleCadence: props.roleCadence,
    notify: setToast,
    logWanted: logFor === conversation,
    onLogOpened: () => setLogFor(null),
  };

  useEffect(() => {
    // The toggle is replaced by its counterpart; keep keyboard focus on it.
    if (!toggled.current) return;
    toggled.current = false;
    root.current?.querySelector<HTMLElement>('[data-testid="collapse"]')?.focus();
  }, [collapsed]);

  useFocusRescue(root);

  const toggle = () => {
    toggled.current = true;
    onLayout({ ...layout, collapsed: !collapsed });
  };
  const dueCount =
    state.status === 'none'
      ? state.dueCount
      : state.status === 'ready'
        ? state.result.dueCount
        : null;
  const width = layout.width;

  return (
    <aside
      ref={root}
      class="rp"
      data-testid="sidebar"
      data-state={state.status}
      data-collapsed={String(collapsed)}
      data-side={side}
      aria-label={t('sidebarLabel')}
    >
      {collapsed ? (
        <button
          type="button"
          class="rp-tab"
          data-testid="collapse"
          aria-expanded="false"
          aria-label={
            dueCount ? t('sidebarExpandWithDue', formatCount(dueCount)) : t('sidebarExpand')
          }
          title={t('sidebarExpand')}
          onClick={toggle}
        >
          {/* The letter comes from CSS, so the tab's visible text is just the count its label names. */}
          <span class="rp-mark rp-mark-letter" aria-hidden="true" />
          {dueCount !== null && (
            <span class={`rp-tab-count${dueCount ? '' : ' rp-zero'}`} data-testid="due-count">
              {formatCount(dueCount)}
            </span>
          )}
        </button>
      ) : (
        <>
          <header class="rp-head">
            <span class="rp-brand">
              <span class="rp-mark" aria-hidden="true">
                R
              </span>
              {t('extName')}
            </span>
          </header>
          {props.covered && (
            <p class="rp-covered" role="alert" data-testid="covered">
              {t('sidebarCovered')}
            </p>
          )}
          {props.banner && (
            <div class="rp-banner" role="status" data-testid="banner">
              <span>{props.banner.text}</span>
              <button
                type="button"
                class="rp-icon-btn"
                aria-label={t('sidebarDismiss')}
                title={t('sidebarDismiss')}
                onClick={props.banner.onDismiss}
              >
                ×
              </button>
            </div>
          )}
          <div class="rp-body" aria-busy={state.status === 'loading'}>
            <Body {...props} env={env} key={conversation} />
          </div>
          <Toast
            undo={toast}
            send={props.send}
            reload={props.onRefresh}
            onClose={() => setToast(null)}
          />
          {/* After the content in the tab order, which starts at the account; shown in the header. */}
          <button
            type="button"
            class="rp-icon-btn rp-collapse"
            data-testid="collapse"
            aria-expanded="true"
            aria-label={t('sidebarCollapse')}
            title={t('sidebarCollapse')}
            onClick={toggle}
          >
            <Chevron side={side} />
          </button>
          <div
            class="rp-resize"
            role="separator"
            tabIndex={0}
            aria-orientation="vertical"
            aria-label={t('sidebarResize')}
            aria-valuemin={MIN_WIDTH}
            aria-valuemax={MAX_WIDTH}
            aria-valuenow={width}
            onKeyDown={(e) => {
              const dir = { ArrowLeft: 1, ArrowRight: -1 }[e.key];
              if (!dir) return;
              e.preventDefault();
              const wider = side === 'right' ? dir : -dir;
              onLayout({ ...layout, width: clamp(layout.width + wider * RESIZE_STEP) });
            }}
          />
        </>
      )}
    </aside>
  );
}

/**
 * A write often removes what had focus (a form's Save, Undo in its toast, a button that turns
 * into another). Where the component knows the result it moves focus there itself; anything left
 * on the frame's <body> instead, while the frame has focus, comes back to the account's name.
 */
function useFocusRescue(root: { current: HTMLElement | null }) {
  useEffect(() => {
    const panel = root.current;
    if (!panel || typeof MutationObserver === 'undefined') return;
    let last: Element | null = null;
    const onFocusIn = (e: FocusEvent) => (last = e.target as Element);
    const observer = new MutationObserver(() => {
      if (!last || last.isConnected || document.activeElement !== document.body) return;
      // The frame was left (blur empties focus on purpose: frame.tsx): nothing to bring back.
      if (!document.hasFocus()) return;
      last = null;
      const target =
        panel.querySelector<HTMLElement>('[data-testid="edit-account"]') ??
        panel.querySelector<HTMLElement>('.rp-body button, .rp-body a[href]');
      if (target) target.focus();
      else {
        panel.tabIndex = -1;
        panel.focus();
      }
    });
    panel.addEventListener('focusin', onFocusIn);
    observer.observe(panel, { childList: true, subtree: true });
    return () => {
      panel.removeEventListener('focusin', onFocusIn);
      observer.disconnect();
    };
  }, [root.current]);
}

function Chevron({ side }: { side: 'left' | 'right' }) {
  // Points towards the edge the panel folds into.
  const d = side === 'right' ? 'M6 3l5 5-5 5' : 'M10 3L5 8l5 5';
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
      <path d={d} fill="none" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" />
    </svg>
  );
}
