// One job: state, times, savepoint, cancel; the drawn job graph with live numbers; vertices; checkpoints; exceptions.

import { api } from '../api.js';
import { h, replace, setText } from '../dom.js';
import { fmtDuration, fmtTime, isTerminal, stateClass } from '../format.js';
import { drawGraph } from '../graph.js';
import { RateTracker } from '../rates.js';
import { checkpointPanel } from './job-checkpoints.js';
import { exceptionPanel } from './job-exceptions.js';
import { vertexTable, vertexViews } from './job-vertices.js';

/** The plan from the job's vertices alone, when GET /plan is not available. */
function planFromVertices(job) {
  return { complete: false, nodes: job.vertices.map((v) => ({ id: v.id, parallelism: v.parallelism,
    description: v.name, operators: [v.name], inputs: [] })) };
}

function origin(o) {
  if (!o) return '—';
  if (o.kind === 'spec') return 'a declarative spec';
  if (o.kind === 'jar') return `${o.entryClass} of an uploaded JAR`;
  if (o.kind === 'graph') return 'a client (RemoteEnvironment)';
  return o.kind || '—';
}

export default function job({ params }) {
  const jobId = params[0];
  const tracker = new RateTracker(60);
  const title = h('h1', { id: 'job-name' }, jobId);
  const state = h('span', { class: 'badge', id: 'job-state' }, '…');
  const start = h('b');
  const duration = h('b');
  const source = h('b');
  const cancelMessage = h('span', { role: 'status', class: 'subtle' });
  const cancel = h('button', { type: 'button', class: 'danger', id: 'cancel-job', hidden: true, onclick: onCancel },
    'Cancel job');
  const savepointMessage = h('span', { role: 'status', class: 'subtle', id: 'savepoint-message' });
  const savepoint = h('button', { type: 'button', id: 'trigger-savepoint', hidden: true, onclick: onSavepoint },
    'Trigger savepoint');
  const graphBox = h('div', { class: 'graph-scroll', id: 'job-graph' }, h('p', { class: 'empty' }, 'Loading the plan…'));
  const graphNote = h('p', { class: 'subtle' });
  const vertices = vertexTable();
  const checkpoints = checkpointPanel();
  const exceptions = exceptionPanel();
  const el = h('div', { 'data-job-id': jobId },
    h('div', { class: 'job-head' },
      h('div', {},
        h('div', { class: 'actions' }, title, state),
        h('div', { class: 'facts' },
          h('span', {}, 'ID ', h('b', { class: 'mono' }, jobId)), h('span', {}, 'Started ', start),
          h('span', {}, 'Duration ', duration), h('span', {}, 'From ', source))),
      h('div', { class: 'cancel actions' }, savepointMessage, savepoint, cancelMessage, cancel)),
    h('section', { class: 'panel', 'aria-labelledby': 'graph-title' },
      h('h2', { id: 'graph-title' }, 'Job graph'), graphBox, graphNote),
    h('section', { class: 'panel', 'aria-labelledby': 'vertices-title' },
      h('h2', { id: 'vertices-title' }, 'Vertices'), vertices.el,
      h('p', { class: 'subtle' }, 'Records are counted where they cross a task boundary: a source vertex only'
        + ' sends, a sink vertex only receives. Back pressure: OK up to 10 % of the time waiting for output credit,'
        + ' LOW up to 50 %, HIGH above.')),
    h('div', { class: 'grid-2' },
      h('section', { class: 'panel', 'aria-labelledby': 'checkpoints-title' },
        h('h2', { id: 'checkpoints-title' }, 'Checkpoints'), checkpoints.el),
      h('section', { class: 'panel', 'aria-labelledby': 'exceptions-title' },
        h('h2', { id: 'exceptions-title' }, 'Exceptions'), exceptions.el)));

  let graph = null;
  let current = null;

  async function onCancel() {
    if (!current || !window.confirm(`Cancel job "${current.name}"? Its tasks stop; this cannot be undone.`)) return;
    cancel.disabled = true;
    setText(cancelMessage, 'Cancelling…');
    try {
      await api.cancel(jobId);
    } catch (e) {
      setText(cancelMessage, e.messages ? e.messages.join('; ') : String(e.message));
      cancel.disabled = false;
    }
  }

  /** Into the control plane's default savepoint directory; polls the request until it completed. */
  async function onSavepoint() {
    savepoint.disabled = true;
    setText(savepointMessage, 'Taking a savepoint…');
    try {
      const trigger = (await api.triggerSavepoint(jobId, {}))['request-id'];
      for (;;) {
        const s = await api.savepointStatus(jobId, trigger);
        if (s.status.id === 'COMPLETED') {
          const op = s.operation || {};
          setText(savepointMessage, op.location ? `Savepoint written to ${op.location}`
            : `Savepoint failed: ${(op['failure-cause'] || {}).message}`);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    } catch (e) {
      setText(savepointMessage, e.messages ? e.messages.join('; ') : String(e.message));
    }
    savepoint.disabled = false;
  }

  async function loadGraph(j) {
    let plan;
    try {
      plan = (await api.plan(jobId)).plan;
    } catch (e) {
      plan = planFromVertices(j);
    }
    graph = drawGraph(plan);
    replace(graphBox, graph.svg);
    const edges = plan.nodes.some((n) => n.inputs && n.inputs.length);
    let note = 'Only the vertices of this job are known (it ended before the control plane restarted).';
    if (plan.complete !== false) {
      note = edges ? 'Edges: partitioning · exchange. Operators joined by → are chained into one task.'
        : 'All operators are chained into one task: no records cross a task boundary.';
    }
    setText(graphNote, note);
  }

  async function refresh() {
    let j;
    try {
      j = await api.job(jobId);
    } catch (e) {
      if (e.status === 404) {
        replace(el, h('h1', {}, 'Job not found'), h('p', {}, e.messages.join(' ')), h('a', { href: '#/jobs' }, 'All jobs'));
        return;
      }
      throw e;
    }
    current = j;
    document.title = `${j.name} · Rivulet`;
    setText(title, j.name);
    setText(state, j.state);
    state.className = `badge ${stateClass(j.state)}`;
    setText(start, fmtTime(j['start-time']));
    setText(duration, fmtDuration(j.duration));
    setText(source, origin(j.origin));
    const ended = isTerminal(j.state);
    cancel.hidden = ended;
    savepoint.hidden = j.state !== 'RUNNING';
    if (ended) setText(cancelMessage, '');
    if (!graph) await loadGraph(j);
    const views = vertexViews(j, tracker);
    graph.update(views);
    vertices.update(views);
    const [c, x] = await Promise.all([api.checkpoints(jobId), api.exceptions(jobId)]);
    checkpoints.update(c);
    exceptions.update(x);
  }

  return { title: 'Job', el, refresh };
}
