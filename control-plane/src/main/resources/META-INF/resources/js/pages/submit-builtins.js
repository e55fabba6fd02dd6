// The node types of declarative specs (GET /v1/builtins), as a collapsible reference next to the spec editor.

import { api } from '../api.js';
import { h, replace } from '../dom.js';

export function builtinsReference() {
  const body = h('div', {}, h('p', { class: 'empty' }, 'Loading…'));
  const details = h('details', { id: 'builtins' }, h('summary', {}, 'Built-in sources, operators and sinks'), body);
  api.builtins().then((b) => {
    replace(body, h('div', { class: 'table-scroll' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col' }, 'Role'),
        h('th', { scope: 'col' }, 'What it does'), h('th', { scope: 'col' }, 'Parameters'))),
      h('tbody', {}, b.types.map((t) => h('tr', {},
        h('td', { class: 'mono' }, t.type),
        h('td', {}, t.role + (t.needsKeyedInput ? ' (keyed)' : '')),
        h('td', {}, t.description),
        h('td', {}, (t.params || []).map((p) => h('div', {},
          h('span', { class: 'mono' }, p.name), p.required ? ' (required)' : '',
          p.description ? h('span', { class: 'subtle' }, ` — ${p.description}`) : null)))))))));
  }).catch((e) => replace(body, h('p', { class: 'empty' }, `Could not load the built-ins: ${e.message}`)));
  return details;
}
