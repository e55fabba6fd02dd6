// The job page's vertex table, and the live view of each vertex that the graph shows too.

import { h, replace } from '../dom.js';
import { sparkline } from '../charts.js';
import { fmtInt, fmtRate, fmtWatermark } from '../format.js';
import { backPressureLevel, backPressureShare } from '../rates.js';
import { stateBadge } from './jobs.js';

/**
 * Per vertex of GET /v1/jobs/{id}: records/s in and out from successive polls (the job's "now" is the clock),
 * back pressure as the share of the last interval its subtasks waited for output credit, and the watermark.
 * Rates exist only while the vertex runs.
 */
export function vertexViews(job, tracker) {
  const views = new Map();
  for (const v of job.vertices) {
    const m = v.metrics || {};
    const inRate = tracker.update(`${v.id}:in`, job.now, m['read-records'] ?? 0);
    const outRate = tracker.update(`${v.id}:out`, job.now, m['write-records'] ?? 0);
    const subtasks = (v.tasks && v.tasks.RUNNING) || v.parallelism;
    const share = backPressureShare(tracker, v.id, job.now, m['accumulated-backpressured-time'] ?? 0, subtasks);
    const running = v.status === 'RUNNING';
    const receives = (m['read-records'] ?? 0) > 0;
    views.set(v.id, {
      id: v.id,
      name: v.name.replaceAll(' -> ', ' → '),
      status: v.status,
      parallelism: v.parallelism,
      inRate: running ? inRate : null,
      outRate: running ? outRate : null,
      bpShare: running ? share : null,
      bpLevel: running ? backPressureLevel(share) : null,
      watermark: v.watermark ?? null,
      recordsIn: m['read-records'],
      recordsOut: m['write-records'],
      trend: tracker.history(`${v.id}:${receives ? 'in' : 'out'}`),
      trendLabel: receives ? 'records in/s' : 'records out/s',
    });
  }
  return views;
}

function rateCell(cls, rate) {
  return h('td', { class: `num ${cls}`, 'data-value': rate ?? '' }, fmtRate(rate));
}

/** The table under the graph: one row per vertex. */
export function vertexTable() {
  const el = h('div', { class: 'table-scroll', id: 'vertex-table' });

  function update(views) {
    replace(el, h('table', {},
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Vertex'), h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col', class: 'num' }, 'Parallelism'),
        h('th', { scope: 'col', class: 'num' }, 'Records in/s'), h('th', { scope: 'col', class: 'num' }, 'Records out/s'),
        h('th', { scope: 'col' }, 'Last minute'), h('th', { scope: 'col' }, 'Back pressure'),
        h('th', { scope: 'col' }, 'Watermark'),
        h('th', { scope: 'col', class: 'num' }, 'Received'), h('th', { scope: 'col', class: 'num' }, 'Sent'))),
      h('tbody', {}, [...views.values()].map((v) => h('tr', { 'data-vertex-id': v.id },
        h('th', { scope: 'row' }, v.name),
        h('td', {}, stateBadge(v.status)),
        h('td', { class: 'num' }, v.parallelism),
        rateCell('rate-in', v.inRate),
        rateCell('rate-out', v.outRate),
        h('td', {}, sparkline(v.trend.slice(-40), { label: `${v.name} ${v.trendLabel}` })),
        h('td', { class: 'backpressure' }, v.bpLevel
          ? h('span', { class: `badge bp-${v.bpLevel.toLowerCase()}`, title: 'share of time waiting for output credit' },
            `${v.bpLevel} ${Math.round(v.bpShare * 100)} %`)
          : '—'),
        h('td', { class: 'watermark' }, fmtWatermark(v.watermark)),
        h('td', { class: 'num' }, fmtInt(v.recordsIn)),
        h('td', { class: 'num' }, fmtInt(v.recordsOut)))))));
  }

  return { el, update };
}
