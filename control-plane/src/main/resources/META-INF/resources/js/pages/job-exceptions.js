// The job page's exceptions: the root cause, and the history with collapsible stack traces (newest first).

import { h, replace } from '../dom.js';
import { fmtTime } from '../format.js';

export function exceptionPanel() {
  const el = h('div', { id: 'exceptions' });
  let shown = null;

  function update(e) {
    const entries = (e.exceptionHistory && e.exceptionHistory.entries) || [];
    const signature = JSON.stringify([e.timestamp, entries.length, entries[0] && entries[0].timestamp]);
    if (signature === shown) return; // keep the reader's open/closed traces while nothing changed
    shown = signature;
    if (!e['root-exception'] && !entries.length) {
      replace(el, h('p', { class: 'empty' }, 'No failures.'));
      return;
    }
    const root = e['root-exception'] || '';
    replace(el,
      h('h3', { class: 'subtle' }, 'Root cause', e.timestamp ? ` · ${fmtTime(e.timestamp)}` : ''),
      h('p', { class: 'root-cause' }, root.split('\n')[0]),
      h('h3', { class: 'subtle' }, `History (${entries.length}${e.truncated ? ', older ones dropped' : ''})`),
      entries.map((x) => h('details', { class: 'exception' },
        h('summary', {}, h('b', {}, x.exceptionName || 'failure'), x.message ? `: ${x.message}` : '',
          h('span', { class: 'when' }, `${fmtTime(x.timestamp)}${x.taskName ? ' · ' + x.taskName : ''}`)),
        h('pre', { class: 'trace' }, x.stacktrace || '(no stack trace)'))));
  }

  return { el, update };
}
