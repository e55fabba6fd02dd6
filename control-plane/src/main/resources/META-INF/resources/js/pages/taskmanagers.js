// Task runtimes: the processes that run subtasks (in embedded mode, the control plane itself).

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { DASH, fmtBytes, fmtDuration, fmtInt } from '../format.js';

function heartbeat(ms) {
  return ms < 1000 ? 'just now' : `${fmtDuration(ms)} ago`;
}

export default function taskManagers() {
  const table = h('div', { id: 'taskmanagers' });
  const el = h('div', {},
    h('h1', {}, 'Task runtimes'),
    h('section', { class: 'panel' }, table,
      h('p', { class: 'subtle' }, 'A runtime that misses heartbeats for the heartbeat timeout is dropped and its jobs'
        + ' fail over to the others.')));

  async function refresh() {
    const list = (await api.taskManagers()).taskmanagers;
    if (!list.length) {
      replace(table, h('p', { class: 'empty' }, 'No task runtime is registered. Start one with'
        + ' bin/rivulet task-runtime --slots 2.'));
      return;
    }
    replace(table, h('div', { class: 'table-scroll' }, h('table', {},
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'ID'), h('th', { scope: 'col' }, 'Address'),
        h('th', { scope: 'col', class: 'num' }, 'Data port'), h('th', { scope: 'col', class: 'num' }, 'Slots'),
        h('th', { scope: 'col', class: 'num' }, 'Free slots'), h('th', { scope: 'col' }, 'Last heartbeat'),
        h('th', { scope: 'col', class: 'num' }, 'CPU cores'), h('th', { scope: 'col', class: 'num' }, 'Physical memory'))),
      h('tbody', {}, list.map((t) => h('tr', { 'data-taskmanager-id': t.id },
        h('td', { class: 'mono' }, t.id),
        h('td', {}, t.path),
        h('td', { class: 'num' }, t.dataPort >= 0 ? t.dataPort : DASH),
        h('td', { class: 'num slots' }, fmtInt(t.slotsNumber)),
        h('td', { class: 'num free-slots' }, fmtInt(t.freeSlots)),
        h('td', {}, heartbeat(t.timeSinceLastHeartbeat)),
        h('td', { class: 'num' }, t.hardware && t.hardware.cpuCores > 0 ? t.hardware.cpuCores : DASH),
        h('td', { class: 'num' }, t.hardware && t.hardware.physicalMemory > 0
          ? fmtBytes(t.hardware.physicalMemory) : DASH)))))));
  }

  return { title: 'Task runtimes', el, refresh };
}
