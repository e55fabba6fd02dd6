// Jobs: running and completed, newest first, with state, start, duration and task counts.

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { fmtDuration, fmtTime, isTerminal, stateClass } from '../format.js';

export function stateBadge(state) {
  return h('span', { class: `badge ${stateClass(state)}` }, state);
}

/** A table of jobs from GET /v1/jobs/overview; rows carry data-job-id. */
export function jobTable(jobs, emptyText) {
  if (!jobs.length) return h('p', { class: 'empty' }, emptyText);
  return h('div', { class: 'table-scroll' }, h('table', {},
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'State'), h('th', { scope: 'col' }, 'Start'),
      h('th', { scope: 'col', class: 'num' }, 'Duration'), h('th', { scope: 'col', class: 'num' }, 'Tasks'),
      h('th', { scope: 'col' }, 'Job ID'))),
    h('tbody', {}, jobs.map((j) => h('tr', { 'data-job-id': j.jid },
      h('td', {}, h('a', { href: `#/jobs/${j.jid}`, class: 'job-link' }, j.name || j.jid)),
      h('td', { class: 'state' }, stateBadge(j.state)),
      h('td', {}, fmtTime(j['start-time'])),
      h('td', { class: 'num' }, fmtDuration(j.duration)),
      h('td', { class: 'num', title: 'running / total subtasks' },
        `${j.tasks ? j.tasks.running ?? 0 : 0} / ${j.tasks ? j.tasks.total ?? 0 : 0}`),
      h('td', { class: 'mono subtle' }, j.jid))))));
}

export default function jobs() {
  const running = h('div', { id: 'jobs-running' });
  const completed = h('div', { id: 'jobs-completed' });
  const el = h('div', {},
    h('h1', {}, 'Jobs'),
    h('section', { class: 'panel' }, h('h2', {}, 'Running'), running),
    h('section', { class: 'panel' }, h('h2', {}, 'Completed'), completed));

  async function refresh() {
    const list = (await api.jobsOverview()).jobs.slice().sort((a, b) => b['start-time'] - a['start-time']);
    replace(running, jobTable(list.filter((j) => !isTerminal(j.state)), 'No job is running.'));
    replace(completed, jobTable(list.filter((j) => isTerminal(j.state)), 'No job has ended yet.'));
  }

  return { title: 'Jobs', el, refresh };
}
