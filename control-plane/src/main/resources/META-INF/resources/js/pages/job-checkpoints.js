// The job page's checkpoint panel: counts, the latest completed checkpoint and the latest savepoint.

import { h, replace } from '../dom.js';
import { DASH, fmtBytes, fmtDuration, fmtInt, fmtTime } from '../format.js';

function count(label, value, cls) {
  return h('div', { class: cls }, h('b', {}, fmtInt(value)), label);
}

export function checkpointPanel() {
  const el = h('div', { id: 'checkpoints' });

  function update(c) {
    const counts = c.counts || {};
    const latest = c.latest && c.latest.completed;
    const restored = c.latest && c.latest.restored;
    const savepoint = c.latest && c.latest.savepoint;
    replace(el,
      h('div', { class: 'count-row' },
        count('triggered', counts.total, 'cp-total'), count('completed', counts.completed, 'cp-completed'),
        count('failed', counts.failed, 'cp-failed'), count('in progress', counts.in_progress, 'cp-in-progress'),
        count('restored', counts.restored, 'cp-restored')),
      latest
        ? h('dl', { class: 'facts' },
          h('dt', {}, 'Latest completed'), h('dd', { class: 'cp-latest-id' }, `#${latest.id}${latest.is_savepoint ? ' (savepoint)' : ''}`),
          h('dt', {}, 'Completed at'), h('dd', {}, fmtTime(latest.latest_ack_timestamp)),
          h('dt', {}, 'Duration'), h('dd', {}, fmtDuration(latest.end_to_end_duration)),
          h('dt', {}, 'State size'), h('dd', {}, fmtBytes(latest.state_size)),
          h('dt', {}, 'Path'), h('dd', { class: 'mono' }, latest.external_path || DASH))
        : h('p', { class: 'empty' }, 'No checkpoint has completed yet.'),
      savepoint ? h('p', { class: 'subtle' }, `Latest savepoint #${savepoint.id} (${fmtTime(savepoint.latest_ack_timestamp)}): `,
        h('span', { class: 'mono cp-latest-savepoint' }, savepoint.external_path)) : null,
      restored ? h('p', { class: 'subtle' }, 'Restored from ', h('span', { class: 'mono' }, restored.external_path))
        : null);
  }

  return { el, update };
}
