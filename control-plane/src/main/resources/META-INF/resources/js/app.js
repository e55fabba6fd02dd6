// The shell: hash routes to pages, and one polling loop that refreshes the visible page and pauses in hidden tabs.

import { replace, setText } from './dom.js';
import { fmtTime } from './format.js';
import overview from './pages/overview.js';
import jobs from './pages/jobs.js';
import job from './pages/job.js';
import taskManagers from './pages/taskmanagers.js';
import submit from './pages/submit.js';

const POLL_MILLIS = 1500;

const routes = [
  { pattern: /^\/overview$/, page: overview, nav: 'overview' },
  { pattern: /^\/jobs$/, page: jobs, nav: 'jobs' },
  { pattern: /^\/jobs\/([^/]+)$/, page: job, nav: 'jobs' },
  { pattern: /^\/taskmanagers$/, page: taskManagers, nav: 'taskmanagers' },
  { pattern: /^\/submit$/, page: submit, nav: 'submit' },
];

let view = null;
let generation = 0;
let timer = null;

function showProblem(message) {
  const el = document.getElementById('problem');
  el.hidden = !message;
  setText(el, message || '');
}

/** Refreshes the current page, then schedules the next refresh; a newer generation ends this loop. */
async function tick(gen) {
  if (gen !== generation || document.hidden || !view) return;
  try {
    await view.refresh();
    showProblem(null);
    setText(document.getElementById('status'), `Updated ${fmtTime(Date.now()).slice(11)}`);
  } catch (e) {
    showProblem(e.messages ? e.messages.join('; ') : String(e.message || e));
  }
  if (gen === generation && !document.hidden) timer = setTimeout(() => tick(gen), POLL_MILLIS);
}

function restartPolling() {
  clearTimeout(timer);
  generation++;
  tick(generation);
}

function route() {
  const path = decodeURIComponent(location.hash.replace(/^#/, '')) || '/overview';
  let match = null;
  const r = routes.find((candidate) => (match = path.match(candidate.pattern)));
  if (!r) {
    location.replace('#/overview');
    return;
  }
  if (view && view.dispose) view.dispose();
  view = r.page({ params: match.slice(1), navigate: (hash) => { location.hash = hash; } });
  const main = document.getElementById('main');
  replace(main, view.el);
  document.title = `${view.title} · Rivulet`;
  for (const a of document.querySelectorAll('nav a[data-page]')) {
    if (a.dataset.page === r.nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
  restartPolling();
}

window.addEventListener('hashchange', route);
document.addEventListener('visibilitychange', () => {
  if (document.hidden) clearTimeout(timer);
  else restartPolling();
});
route();
