// Small SVG charts drawn by hand: a sparkline per vertex and the overview's throughput chart.

import { s } from './dom.js';
import { fmtRate } from './format.js';

function points(values, width, height, max, top = 0) {
  const n = values.length;
  return values.map((v, i) => {
    const x = n === 1 ? width : (i * width) / (n - 1);
    const y = top + height - (max > 0 ? (v / max) * height : 0);
    return [x, y];
  });
}

const path = (pts) => pts.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join('');

/** A sparkline of recent values (e.g. records/s), scaled to its own maximum. */
export function sparkline(values, { width = 120, height = 28, label = 'trend' } = {}) {
  const svg = s('svg', { class: 'spark', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `${label}: ${values.length ? fmtRate(values[values.length - 1]) : 'no data yet'}` });
  if (values.length < 2) {
    svg.append(s('line', { x1: 0, y1: height - 1, x2: width, y2: height - 1, class: 'stroke', opacity: 0.3 }));
    return svg;
  }
  const max = Math.max(...values) * 1.1;
  const pts = points(values, width, height - 2, max, 1);
  svg.append(s('path', { class: 'area', d: `${path(pts)}L${width},${height}L0,${height}Z` }));
  svg.append(s('path', { class: 'stroke', d: path(pts) }));
  return svg;
}

/** A "nice" axis maximum at or above v: 1, 2, 2.5 or 5 times a power of ten. */
function niceMax(v) {
  if (v <= 0) return 10;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((m) => m >= v);
}

/**
 * The cluster's throughput over a time window ending now: samples [{timestamp, value}], x = time, y = records/s,
 * with a grid, y labels and minute marks.
 */
export function timeChart(samples, { windowMillis, now, width = 720, height = 180, label = 'throughput' }) {
  const left = 64;
  const bottom = 22;
  const plotW = width - left - 8;
  const plotH = height - bottom - 8;
  const max = niceMax(Math.max(0, ...samples.map((p) => p.value)));
  const svg = s('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
    'aria-label': `${label}: ${samples.length ? fmtRate(samples[samples.length - 1].value) + ' records/s now' : 'no data yet'}` });
  for (const f of [0, 0.5, 1]) {
    const y = 8 + plotH - f * plotH;
    svg.append(s('line', { class: 'grid', x1: left, x2: width - 8, y1: y, y2: y }));
    svg.append(s('text', { class: 'axis', x: left - 6, y: y + 4, 'text-anchor': 'end' }, fmtRate(max * f)));
  }
  const minutes = Math.round(windowMillis / 60000);
  for (let m = 0; m <= minutes; m++) {
    const x = left + plotW - (m * 60000 * plotW) / windowMillis;
    svg.append(s('text', { class: 'axis', x, y: height - 6, 'text-anchor': m === 0 ? 'end' : 'middle' },
      m === 0 ? 'now' : `-${m}m`));
  }
  const visible = samples.filter((p) => p.timestamp >= now - windowMillis);
  if (visible.length >= 2) {
    const pts = visible.map((p) => [left + plotW - ((now - p.timestamp) * plotW) / windowMillis,
      8 + plotH - (p.value / max) * plotH]);
    const base = 8 + plotH;
    svg.append(s('path', { class: 'area',
      d: `${path(pts)}L${pts[pts.length - 1][0]},${base}L${pts[0][0]},${base}Z` }));
    svg.append(s('path', { class: 'stroke', d: path(pts) }));
  }
  return svg;
}
