// Overview: task runtimes, slots, jobs by state, the cluster's throughput over the last minutes, running jobs.

import { api } from '../api.js';
import { h, replace, setText } from '../dom.js';
import { timeChart } from '../charts.js';
import { fmtInt, fmtRate, isTerminal } from '../format.js';
import { jobTable } from './jobs.js';

const WINDOW_MILLIS = 5 * 60 * 1000;

function card(label, id) {
  const value = h('div', { class: 'value', id }, '—');
  const detail = h('div', { class: 'detail' });
  return { el: h('div', { class: 'card' }, h('div', { class: 'label' }, label), value, detail), value, detail };
}

export default function overview() {
  const runtimes = card('Task runtimes', 'ov-taskmanagers');
  const slots = card('Free slots', 'ov-slots');
  const running = card('Running jobs', 'ov-running');
  const finished = card('Finished', 'ov-finished');
  const cancelled = card('Cancelled', 'ov-cancelled');
  const failed = card('Failed', 'ov-failed');
  const now = h('span', { id: 'ov-throughput-now' }, '—');
  const chart = h('div', { id: 'ov-throughput-chart' });
  const jobs = h('div');
  const el = h('div', {},
    h('h1', {}, 'Overview'),
    h('div', { class: 'cards' }, runtimes.el, slots.el, running.el, finished.el, cancelled.el, failed.el),
    h('section', { class: 'panel', 'aria-labelledby': 'ov-throughput-title' },
      h('h2', { id: 'ov-throughput-title' }, 'Throughput ', h('span', { class: 'subtle' }, '· '), now,
        h('span', { class: 'subtle' }, ' records/s')),
      h('p', { class: 'subtle' }, 'Records sent between tasks by all running jobs, over the last 5 minutes.'),
      chart),
    h('section', { class: 'panel' }, h('h2', {}, 'Running jobs'), jobs));

  async function refresh() {
    const [o, t, list] = await Promise.all([api.overview(), api.throughput(), api.jobsOverview()]);
    setText(runtimes.value, fmtInt(o.taskmanagers));
    setText(runtimes.detail, o['rivulet-version'] ? `Rivulet ${o['rivulet-version']}` : '');
    setText(slots.value, `${fmtInt(o['slots-available'])} / ${fmtInt(o['slots-total'])}`);
    setText(slots.detail, 'free / total');
    setText(running.value, fmtInt(o['jobs-running']));
    setText(finished.value, fmtInt(o['jobs-finished']));
    setText(cancelled.value, fmtInt(o['jobs-cancelled']));
    setText(failed.value, fmtInt(o['jobs-failed']));
    failed.value.classList.toggle('bad', o['jobs-failed'] > 0);
    const samples = t.samples.map((p) => ({ timestamp: p.timestamp, value: p['records-per-second'] }));
    setText(now, samples.length ? fmtRate(samples[samples.length - 1].value) : '—');
    const last = samples.length ? samples[samples.length - 1].timestamp : Date.now();
    // drawn at the panel's pixel width, so that text keeps its size on any screen
    const width = Math.max(320, chart.clientWidth || 720);
    replace(chart, timeChart(samples, { windowMillis: WINDOW_MILLIS, now: last, width, label: 'Cluster throughput' }));
    const active = list.jobs.filter((j) => !isTerminal(j.state)).sort((a, b) => b['start-time'] - a['start-time']);
    replace(jobs, jobTable(active, 'No job is running.'));
  }

  return { title: 'Overview', el, refresh };
}
