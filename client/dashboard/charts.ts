import { formatCount, minuteLabel, plural } from './display-text';
import { svg } from './dom';

const WIDTH = 600;

/** 4, 6, 8, 10, 20, 40... at or above `n`: an even top keeps the middle gridline whole. */
function niceCeiling(n: number): number {
  if (n <= 4) return 4;
  const base = 10 ** Math.floor(Math.log10(n));
  const step = [1, 2, 4, 6, 8, 10].find((m) => m * base >= n) ?? 10;
  return step * base;
}

/** Vertical bars, one per minute, oldest left; the current minute highlighted. */
export function minutesChart(points: readonly { minute: number; count: number }[]): SVGSVGElement {
  const height = 180;
  const pad = { left: 34, right: 8, top: 16, bottom: 24 };
  const plotW = WIDTH - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const top = niceCeiling(Math.max(0, ...points.map((p) => p.count)));
  const slot = plotW / Math.max(points.length, 1);
  const y = (v: number) => pad.top + plotH - (v / top) * plotH;

  const chart = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${height}`,
    class: 'chart',
    role: 'img',
    'aria-label': 'Messages per minute',
  });
  for (const v of [0, top / 2, top]) {
    chart.append(
      svg('line', { class: 'gridline', x1: pad.left, x2: WIDTH - pad.right, y1: y(v), y2: y(v) }),
      svg('text', { class: 'axis', x: pad.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, `${v}`),
    );
  }
  points.forEach((p, i) => {
    const x = pad.left + i * slot + slot * 0.15;
    const w = slot * 0.7;
    const current = i === points.length - 1;
    const bar = svg(
      'rect',
      {
        class: current ? 'bar current' : 'bar',
        x,
        y: y(p.count),
        width: w,
        height: Math.max(0, pad.top + plotH - y(p.count)),
        rx: 2,
        'data-minute': new Date(p.minute).toISOString(),
        'data-count': p.count,
      },
      svg('title', {}, `${minuteLabel(p.minute)}: ${plural(p.count, 'message')}`),
    );
    chart.append(bar);
    if (p.count > 0) {
      chart.append(
        svg(
          'text',
          { class: 'bar-value', x: x + w / 2, y: y(p.count) - 4, 'text-anchor': 'middle' },
          formatCount(p.count),
        ),
      );
    }
    const labelled = i === 0 || i === Math.floor(points.length / 2) || current;
    if (labelled) {
      chart.append(
        svg(
          'text',
          { class: 'axis', x: x + w / 2, y: height - 6, 'text-anchor': 'middle' },
          current ? 'now' : minuteLabel(p.minute),
        ),
      );
    }
  });
  return chart;
}

/** Horizontal bars, one per topic, biggest first. */
export function topicsChart(topics: readonly { word: string; count: number }[]): SVGSVGElement {
  const row = 28;
  const labelW = 130;
  const countW = 48;
  const height = Math.max(topics.length, 1) * row + 4;
  const max = Math.max(1, ...topics.map((t) => t.count));
  const chart = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${height}`,
    class: 'chart',
    role: 'img',
    'aria-label': 'Top topics',
  });
  if (topics.length === 0) {
    chart.append(
      svg(
        'text',
        { class: 'empty', x: WIDTH / 2, y: row / 2 + 6, 'text-anchor': 'middle' },
        'No topics yet',
      ),
    );
    return chart;
  }
  topics.forEach((t, i) => {
    const top = i * row + 4;
    const w = Math.max(2, (t.count / max) * (WIDTH - labelW - countW));
    chart.append(
      svg(
        'g',
        { class: 'topic', 'data-word': t.word, 'data-count': t.count },
        svg(
          'text',
          { class: 'label', x: labelW - 10, y: top + row / 2 + 1, 'text-anchor': 'end' },
          t.word,
        ),
        svg('rect', { class: 'bar', x: labelW, y: top + 4, width: w, height: row - 10, rx: 4 }),
        svg(
          'text',
          { class: 'count', x: labelW + w + 8, y: top + row / 2 + 1 },
          formatCount(t.count),
        ),
      ),
    );
  });
  return chart;
}
