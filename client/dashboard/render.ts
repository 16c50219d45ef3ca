import { minutesChart, topicsChart } from './charts';
import {
  clockTime,
  describeEvent,
  formatCount,
  formatMoney,
  formatPercent,
  plural,
  shortId,
} from './display-text';
import { byId, h, syncRows } from './dom';
import type { CartRow, DashboardView, QuestionRow } from './live-metrics';
import type { AdminEvent, ConnectionStatus } from './types';

const STATUS_LABELS: Record<ConnectionStatus, string> = {
  'signed-out': 'Signed out',
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  error: 'Disconnected',
};

export function renderStatus(status: ConnectionStatus): void {
  const node = byId('connection-status');
  node.dataset.state = status;
  byId('connection-label').textContent = STATUS_LABELS[status];
}

function metric(name: string, value: number, text: string, sub?: string): void {
  const node = byId(`metric-${name}`);
  node.dataset.value = String(value);
  const valueNode = node.querySelector('.value');
  if (valueNode && valueNode.textContent !== text) {
    valueNode.textContent = text;
    node.classList.remove('bump');
    // Restart the highlight: a reflow between removing and adding the class.
    void node.getBoundingClientRect();
    node.classList.add('bump');
  }
  const subNode = node.querySelector('.sub');
  if (subNode && sub !== undefined) subNode.textContent = sub;
}

const questionRow = (q: QuestionRow) =>
  h(
    'li',
    { class: 'row question', 'data-testid': 'question-row' },
    h('p', { class: 'preview' }, q.preview),
    h(
      'p',
      { class: 'meta' },
      h('time', { datetime: q.timestamp }, clockTime(q.timestamp)),
      h('span', { class: 'session' }, shortId(q.sessionId)),
      ...q.topics.slice(0, 4).map((t) => h('span', { class: 'chip' }, t)),
    ),
  );

const cartRow = (c: CartRow) =>
  h(
    'li',
    { class: 'row cart', 'data-testid': 'cart-row', 'data-subtotal': c.subtotal },
    h(
      'div',
      {},
      h('p', { class: 'what' }, `${c.action}${c.sku ? ` ${c.sku}` : ''}`),
      h(
        'p',
        { class: 'meta' },
        h('time', { datetime: c.timestamp }, clockTime(c.timestamp)),
        h('span', { class: 'session' }, shortId(c.sessionId)),
        h('span', {}, plural(c.itemCount, 'item')),
      ),
    ),
    h('p', { class: 'subtotal', 'data-testid': 'cart-subtotal' }, formatMoney(c.subtotal)),
  );

const feedRow = (e: AdminEvent) =>
  h(
    'li',
    { class: 'row feed', 'data-testid': 'feed-row', 'data-type': e.type, 'data-id': e.id },
    h('time', { datetime: e.timestamp }, clockTime(e.timestamp)),
    h('span', { class: `badge type-${e.type.replace(/\W+/g, '-')}` }, e.type),
    h('span', { class: 'session' }, shortId(e.session_id)),
    h('span', { class: 'summary' }, describeEvent(e)),
  );

export function renderDashboard(v: DashboardView): void {
  metric(
    'active-sessions',
    v.activeSessions,
    formatCount(v.activeSessions),
    `active in the last ${v.activeWindowMinutes} min · ${formatCount(v.sessionsCreated)} created`,
  );
  metric('questions', v.questions, formatCount(v.questions), `${plural(v.answers, 'answer')} sent`);
  metric(
    'cache-hit-rate',
    v.cacheHitRate,
    formatPercent(v.cacheHitRate),
    `${formatCount(v.cacheHits)} of ${formatCount(v.questions)} from cache`,
  );
  metric(
    'cart-adds',
    v.cartAdds,
    formatCount(v.cartAdds),
    `${formatMoney(v.openCarts.value)} in ${plural(v.openCarts.sessions, 'open cart')} seen live`,
  );

  const perMinute = v.messagesPerMinute.reduce((n, p) => n + p.count, 0);
  byId('mpm-total').textContent = `${formatCount(perMinute)} in ${v.messagesPerMinute.length} min`;
  byId('mpm-chart').replaceChildren(minutesChart(v.messagesPerMinute));
  byId('topics-chart').replaceChildren(topicsChart(v.topTopics));

  syncRows(byId('questions-list'), v.recentQuestions, (q) => q.id, questionRow);
  syncRows(byId('carts-list'), v.recentCarts, (c) => c.id, cartRow);
  syncRows(byId('event-feed'), v.feed, (e) => e.id, feedRow);
  byId('feed-count').textContent = `${formatCount(v.eventsSeen)} since sign-in`;
  byId('overview-time').textContent = v.generatedAt ? clockTime(v.generatedAt) : '—';
}
