// The control plane's REST API (/v1). Paths are relative, so the UI also works behind a path prefix.

/** A refused request: the API's {"errors": [...]} messages, verbatim. */
export class ApiError extends Error {
  constructor(status, messages) {
    super(messages.join('\n'));
    this.status = status;
    this.messages = messages;
  }
}

async function request(method, path, body, contentType) {
  const init = { method, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.body = body;
    if (contentType) init.headers['Content-Type'] = contentType;
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, [`control plane unreachable (${e.message})`]);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    const messages = json && Array.isArray(json.errors) && json.errors.length ? json.errors.map(String)
      : [`${response.status} ${response.statusText}${text && !json ? ': ' + text : ''}`];
    throw new ApiError(response.status, messages);
  }
  return json;
}

const get = (path) => request('GET', path);
const enc = encodeURIComponent;

export const api = {
  overview: () => get('v1/overview'),
  throughput: () => get('v1/overview/throughput'),
  taskManagers: () => get('v1/taskmanagers'),
  jobsOverview: () => get('v1/jobs/overview'),
  job: (id) => get(`v1/jobs/${enc(id)}`),
  plan: (id) => get(`v1/jobs/${enc(id)}/plan`),
  checkpoints: (id) => get(`v1/jobs/${enc(id)}/checkpoints`),
  exceptions: (id) => get(`v1/jobs/${enc(id)}/exceptions`),
  cancel: (id) => request('PATCH', `v1/jobs/${enc(id)}?mode=cancel`),
  triggerSavepoint: (id, body) => request('POST', `v1/jobs/${enc(id)}/savepoints`, JSON.stringify(body || {}),
    'application/json'),
  savepointStatus: (id, trigger) => get(`v1/jobs/${enc(id)}/savepoints/${enc(trigger)}`),
  submitSpec: (text) => request('POST', 'v1/jobs', text, 'application/json'),
  builtins: () => get('v1/builtins'),
  jars: () => get('v1/jars'),
  uploadJar: (file) => {
    const form = new FormData();
    form.append('jarfile', file, file.name);
    return request('POST', 'v1/jars/upload', form);
  },
  deleteJar: (id) => request('DELETE', `v1/jars/${enc(id)}`),
  runJar: (id, run) => request('POST', `v1/jars/${enc(id)}/run`, JSON.stringify(run), 'application/json'),
};
