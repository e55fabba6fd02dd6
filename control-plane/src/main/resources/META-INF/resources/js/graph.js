// The job graph: vertices as boxes in layers from sources (left) to sinks (right), edges labelled with their
// partitioning and exchange. Drawn once from the plan; update() refreshes the live numbers in place.

import { s, setText } from './dom.js';
import { DASH, fmtRate, fmtWatermark } from './format.js';

const BOX_W = 260;
const BOX_H = 124;
const GAP_X = 150;
const GAP_Y = 34;
const PAD = 14;

/** Layer of each node = longest path from a source; within a layer, nodes sit near the mean of their inputs. */
export function layout(nodes) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const depth = new Map();
  const visit = (id, onPath) => {
    if (depth.has(id)) return depth.get(id);
    if (onPath.has(id) || !byId.has(id)) return 0; // a cycle or an unknown input: never loop
    onPath.add(id);
    const inputs = byId.get(id).inputs || [];
    const d = inputs.length ? 1 + Math.max(...inputs.map((i) => visit(i.id, onPath))) : 0;
    onPath.delete(id);
    depth.set(id, d);
    return d;
  };
  nodes.forEach((n) => visit(n.id, new Set()));
  const layers = [];
  nodes.forEach((n) => (layers[depth.get(n.id)] ||= []).push(n));
  const row = new Map();
  layers.forEach((layer) => {
    const mean = (n) => {
      const rows = (n.inputs || []).map((i) => row.get(i.id)).filter((r) => r !== undefined);
      return rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : Number.MAX_SAFE_INTEGER;
    };
    layer.sort((a, b) => mean(a) - mean(b));
    layer.forEach((n, i) => row.set(n.id, i));
  });
  const tallest = Math.max(1, ...layers.map((l) => l.length));
  const pos = new Map();
  layers.forEach((layer, col) => {
    const offset = ((tallest - layer.length) * (BOX_H + GAP_Y)) / 2;
    layer.forEach((n, i) => pos.set(n.id, { x: PAD + col * (BOX_W + GAP_X), y: PAD + offset + i * (BOX_H + GAP_Y) }));
  });
  return {
    pos,
    width: 2 * PAD + layers.length * BOX_W + Math.max(0, layers.length - 1) * GAP_X,
    height: 2 * PAD + tallest * BOX_H + (tallest - 1) * GAP_Y,
  };
}

function truncate(text, max) {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function edgeLabel(input) {
  const parts = [input.ship_strategy, input.exchange];
  if (input['side-output']) parts.push(`side: ${input['side-output']}`);
  return parts.filter(Boolean).join(' · ');
}

function drawEdge(from, to, input) {
  const x1 = from.x + BOX_W;
  const y1 = from.y + BOX_H / 2;
  const x2 = to.x - 2;
  const y2 = to.y + BOX_H / 2;
  const dx = Math.max(40, (x2 - x1) / 2);
  const label = edgeLabel(input);
  const mx = (x1 + x2) / 2;
  const my = (y1 + y2) / 2;
  const w = label.length * 6.4 + 14;
  return s('g', { class: 'edge-group', 'data-from': input.id },
    s('path', { class: 'edge', d: `M${x1},${y1} C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}`,
      'marker-end': 'url(#arrow)' }),
    s('g', { class: 'edge-label' },
      s('rect', { x: mx - w / 2, y: my - 10, width: w, height: 20, rx: 10 }),
      s('text', { x: mx, y: my + 4, 'text-anchor': 'middle' }, label)));
}

function drawVertex(node, p) {
  const name = (node.operators && node.operators.length ? node.operators.join(' → ') : node.description) || node.id;
  const line = (y, cls) => s('text', { class: `line ${cls}`, x: 18, y });
  const status = line(46, 'status');
  const rates = line(68, 'rates');
  const bpBar = s('rect', { class: 'bpfill-none', x: 18, y: 80, width: 8, height: 12, rx: 2 });
  const bp = s('text', { class: 'line bp', x: 32, y: 90 });
  const watermark = line(112, 'watermark');
  const stripe = s('rect', { class: 'stripe-created', x: 0, y: 0, width: 6, height: BOX_H, rx: 3 });
  const g = s('g', { class: 'vertex', transform: `translate(${p.x},${p.y})`, 'data-vertex-id': node.id,
    'data-name': name, tabindex: 0, 'aria-label': `vertex ${name}` },
  s('title', {}, name),
  s('rect', { class: 'box', width: BOX_W, height: BOX_H, rx: 8 }),
  stripe,
  s('text', { class: 'title', x: 18, y: 24 }, truncate(name, 31)),
  status, rates, bpBar, bp, watermark);
  return { g, stripe, status, rates, bpBar, bp, watermark, parallelism: node.parallelism, isSource: false,
    isSink: false };
}

/**
 * Draws the plan ({nodes: [{id, parallelism, description, operators, inputs}]}); returns the SVG and update(views),
 * where views maps a vertex id to {status, parallelism, inRate, outRate, bpLevel, bpShare, watermark}.
 */
export function drawGraph(plan) {
  const { pos, width, height } = layout(plan.nodes);
  const svg = s('svg', { class: 'job-graph', width, height, viewBox: `0 0 ${width} ${height}`, role: 'group',
    'aria-label': 'Job graph' },
  s('defs', {}, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7,
    orient: 'auto-start-reverse' }, s('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#8a96a6' }))));
  for (const node of plan.nodes) {
    for (const input of node.inputs || []) {
      if (pos.has(input.id)) svg.append(drawEdge(pos.get(input.id), pos.get(node.id), input));
    }
  }
  const vertices = new Map();
  const feeds = new Set(plan.nodes.flatMap((n) => (n.inputs || []).map((i) => i.id)));
  for (const node of plan.nodes) {
    const v = drawVertex(node, pos.get(node.id));
    v.isSource = plan.complete !== false && !(node.inputs && node.inputs.length);
    v.isSink = plan.complete !== false && !feeds.has(node.id);
    vertices.set(node.id, v);
    svg.append(v.g);
  }

  function update(views) {
    for (const [id, v] of vertices) {
      const view = views.get(id) || {};
      const state = view.status || 'CREATED';
      v.stripe.setAttribute('class', `stripe-${state.toLowerCase()}`);
      setText(v.status, `${state} · parallelism ${view.parallelism ?? v.parallelism}`);
      // a source only sends and a sink only receives over the network: show what can move
      const rates = [v.isSource ? null : `in ${fmtRate(view.inRate)}`, v.isSink ? null : `out ${fmtRate(view.outRate)}`];
      setText(v.rates, v.isSource && v.isSink ? 'no records leave this chain'
        : `${rates.filter(Boolean).join(' · ')} records/s`);
      v.bpBar.setAttribute('class', `bpfill-${view.bpLevel ? view.bpLevel.toLowerCase() : 'none'}`);
      setText(v.bp, view.bpLevel ? `Back pressure ${view.bpLevel} (${Math.round(view.bpShare * 100)} %)`
        : `Back pressure ${DASH}`);
      setText(v.watermark, `Watermark ${fmtWatermark(view.watermark)}`);
    }
  }
  update(new Map());
  return { svg, update };
}
