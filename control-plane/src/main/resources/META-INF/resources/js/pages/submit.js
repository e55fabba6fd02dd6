// Submit: a declarative JSON spec, or an uploaded JAR run with entry class, arguments, parallelism and savepoint.
// Refusals show the API's error messages verbatim.

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { fmtTime } from '../format.js';
import { builtinsReference } from './submit-builtins.js';

const EXAMPLE = `{
  "name": "keyed-sequence",
  "parallelism": 2,
  "checkpointInterval": "2s",
  "nodes": [
    {"id": "src", "type": "keyed-sequence-source", "params": {"keys": 4, "rate": 1000}},
    {"id": "check", "type": "fifo-check", "input": "src", "keyBy": "key"},
    {"id": "out", "type": "discard-sink", "input": "check"}
  ]
}`;

function messageOf(e) {
  return e.messages || [String(e.message || e)];
}

/** Fills box with a success line or the error messages, one per line, exactly as the API wrote them. */
function show(box, ok, content) {
  box.hidden = false;
  box.className = `message ${ok ? 'ok' : 'error'}`;
  if (ok) replace(box, content);
  else replace(box, 'Refused:', h('ul', {}, content.map((m) => h('li', {}, m))));
}

function specSection(navigate) {
  const text = h('textarea', { id: 'spec-text', spellcheck: 'false', 'aria-describedby': 'spec-hint' }, EXAMPLE);
  const result = h('div', { id: 'spec-result', role: 'status', hidden: true });
  const submit = h('button', { type: 'submit', id: 'spec-submit' }, 'Submit spec');
  const form = h('form', { onsubmit: async (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    try {
      const r = await api.submitSpec(text.value);
      show(result, true, ['Submitted ', h('a', { href: `#/jobs/${r.jobid}` }, r.jobid)]);
      navigate(`#/jobs/${r.jobid}`);
    } catch (e) {
      show(result, false, messageOf(e));
    } finally {
      submit.disabled = false;
    }
  } },
  h('div', { class: 'field' }, h('label', { for: 'spec-text' }, 'Job spec (JSON)'), text,
    h('div', { class: 'hint', id: 'spec-hint' }, 'Posted to POST /v1/jobs. Node types and their parameters are'
      + ' listed below.')),
  h('div', { class: 'actions' }, submit,
    h('button', { type: 'button', class: 'secondary', onclick: () => { text.value = EXAMPLE; text.focus(); } },
      'Reset to the example')),
  result);
  return h('section', { class: 'panel', 'aria-labelledby': 'spec-title' },
    h('h2', { id: 'spec-title' }, 'Declarative job'), form, builtinsReference());
}

function runForm(jar, navigate) {
  const entries = (jar.entry || []).map((e) => e.name);
  const entry = h('input', { type: 'text', id: 'run-entry', list: 'run-entries', value: entries[0] || '',
    placeholder: 'com.example.MyJob' });
  const args = h('input', { type: 'text', id: 'run-args', placeholder: '--output /tmp/out' });
  const parallelism = h('input', { type: 'number', id: 'run-parallelism', min: 1, placeholder: 'job default' });
  const savepoint = h('input', { type: 'text', id: 'run-savepoint', placeholder: 'none' });
  const result = h('div', { id: 'run-result', role: 'status', hidden: true });
  const run = h('button', { type: 'submit', id: 'run-submit' }, 'Run');
  const field = (label, input, hint) => h('div', { class: 'field' }, h('label', { for: input.id }, label), input,
    hint ? h('div', { class: 'hint' }, hint) : null);
  return h('form', { id: 'run-form', 'aria-label': `Run ${jar.name}`, onsubmit: async (ev) => {
    ev.preventDefault();
    const body = { entryClass: entry.value.trim() || null, programArgs: args.value.trim() || null,
      savepointPath: savepoint.value.trim() || null };
    if (parallelism.value !== '') body.parallelism = Number(parallelism.value);
    run.disabled = true;
    try {
      const r = await api.runJar(jar.id, body);
      show(result, true, ['Submitted ', h('a', { href: `#/jobs/${r.jobid}` }, r.jobid)]);
      navigate(`#/jobs/${r.jobid}`);
    } catch (e) {
      show(result, false, messageOf(e));
    } finally {
      run.disabled = false;
    }
  } },
  h('h3', {}, `Run ${jar.name}`),
  h('datalist', { id: 'run-entries' }, entries.map((e) => h('option', { value: e }))),
  h('div', { class: 'row' },
    field('Entry class', entry, entries.length ? null : 'The JAR names no Main-Class: type the class.'),
    field('Program arguments', args), field('Parallelism', parallelism), field('Savepoint path', savepoint)),
  h('div', { class: 'actions' }, run), result);
}

function jarSection(navigate) {
  const file = h('input', { type: 'file', id: 'jar-file', accept: '.jar,application/java-archive' });
  const upload = h('button', { type: 'submit', id: 'jar-upload' }, 'Upload');
  const uploadResult = h('div', { id: 'upload-result', role: 'status', hidden: true });
  const list = h('div', { id: 'jar-list' });
  const runBox = h('div', { id: 'run-box' });
  let shown = null;
  let selected = null;

  async function refresh(force) {
    const jars = (await api.jars()).files;
    const signature = JSON.stringify(jars.map((j) => j.id));
    if (!force && signature === shown) return;
    shown = signature;
    if (selected && !jars.some((j) => j.id === selected)) {
      selected = null;
      replace(runBox);
    }
    if (!jars.length) {
      replace(list, h('p', { class: 'empty' }, 'No JAR uploaded yet.'));
      return;
    }
    replace(list, h('div', { class: 'table-scroll' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'JAR'), h('th', { scope: 'col' }, 'Uploaded'),
        h('th', { scope: 'col' }, 'Entry classes'), h('th', { scope: 'col' }, h('span', { class: 'subtle' }, 'Actions')))),
      h('tbody', {}, jars.map((j) => h('tr', { 'data-jar-id': j.id },
        h('td', { class: 'nowrap' }, j.name), h('td', { class: 'nowrap' }, fmtTime(j.uploaded)),
        h('td', { class: 'mono' }, (j.entry || []).map((e) => e.name).join(', ') || '—'),
        h('td', {}, h('div', { class: 'actions nowrap' },
          h('button', { type: 'button', class: 'secondary run-jar', onclick: () => {
            selected = j.id;
            replace(runBox, runForm(j, navigate));
            document.getElementById('run-entry').focus();
          } }, 'Run…'),
          h('button', { type: 'button', class: 'danger', 'aria-label': `Delete ${j.name}`, onclick: async () => {
            if (!window.confirm(`Delete ${j.name}?`)) return;
            try {
              await api.deleteJar(j.id);
              await refresh(true);
            } catch (e) {
              show(uploadResult, false, messageOf(e));
            }
          } }, 'Delete')))))))));
  }

  const form = h('form', { onsubmit: async (ev) => {
    ev.preventDefault();
    if (!file.files.length) {
      show(uploadResult, false, ['Choose a JAR file first.']);
      return;
    }
    upload.disabled = true;
    try {
      await api.uploadJar(file.files[0]);
      show(uploadResult, true, [`Uploaded ${file.files[0].name}.`]);
      file.value = '';
      await refresh(true);
    } catch (e) {
      show(uploadResult, false, messageOf(e));
    } finally {
      upload.disabled = false;
    }
  } },
  h('div', { class: 'row' },
    h('div', { class: 'field' }, h('label', { for: 'jar-file' }, 'Job JAR'), file),
    h('div', { class: 'field fixed' }, upload)),
  uploadResult);

  const el = h('section', { class: 'panel', 'aria-labelledby': 'jars-title' },
    h('h2', { id: 'jars-title' }, 'Job JARs'), form, list, runBox);
  return { el, refresh };
}

export default function submit({ navigate }) {
  const jars = jarSection(navigate);
  const el = h('div', {}, h('h1', {}, 'Submit a job'), h('div', { class: 'grid-2' }, specSection(navigate), jars.el));
  return { title: 'Submit', el, refresh: () => jars.refresh(false) };
}
