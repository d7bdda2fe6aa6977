// The explorer: any method of this app's gRPC services (GET /demo/explorer lists them with their messages' shapes),
// called from a form built from the request message, through the channel of the policy picked, and answered with
// the lab's report: attempts, metadata both ways, status details, each streamed message with when it came.
import { badge, el, facts } from './dom.js';
import { field, operation } from './fields.js';
import { message } from './message-form.js';
import { copyText, fetchReport, raw, refused } from './parts.js';
import { attemptTable, attempts, inForce, metadata } from './views.js';

const PATH = '/demo/explorer/{service}/{method}';
/** The body on one line for the curl command, or as written when it is not JSON (the server will say why). */
const compact = text => {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
};
const listings = new Map(); // by target: the methods do not change while the page is open

/** The card that leads to the explorer from the index. */
export function explorerCard() {
  return el('li', { class: 'card tool' }, el('h3', {}, el('a', { href: '#/explorer' }, 'Explorer: any method')),
    el('p', { class: 'teaches' }, 'Call any method of this app\'s gRPC services from a form, with your own deadline, ',
      'metadata and policy, and see every attempt, as grpcui would not show you.'), el('code', {}, 'POST ', PATH));
}

/** The explorer page; `values` (from the link) may name the method: #/explorer?method=EchoService/Echo. */
export function explorerPage(values) {
  const article = el('article', { class: 'scenario explorer' }, el('h2', {}, 'Explorer: any method, with the lab\'s eyes'),
    el('p', { class: 'teaches' }, 'Pick a method of this app\'s services, write its request, and call it through a ',
      'channel that retries, hedges, or does neither. The report is the lab\'s: every attempt, the metadata both ',
      'ways, the status and its details.'), el('p', {}, 'Loading the methods…'));
  const target = values.get('target') || 'self';
  (listings.has(target) ? Promise.resolve(listings.get(target))
    : fetch(`/demo/explorer?target=${encodeURIComponent(target)}`, { headers: { Accept: 'application/json' } })
      .then(async r => (r.ok ? r.json() : Promise.reject(new Error((await r.json().catch(() => ({}))).detail
        || `HTTP ${r.status}`)))))
    .then(found => {
      listings.set(target, found);
      article.lastChild.replaceWith(form(found, values));
    })
    .catch(error => article.lastChild.replaceWith(el('p', { role: 'alert' },
      `The methods could not be loaded: ${error.message}`)));
  return article;
}

function form(found, values) {
  const methods = found.services.flatMap(s => s.methods);
  if (!methods.length) return el('p', { role: 'alert' }, `${found.target} lists no services to call.`);
  const op = operation('POST', PATH);
  const param = name => (op.parameters || []).find(p => p.name === name) || { schema: {} };
  const option = name => field(name, param(name).schema, param(name).description, 'query');
  const pick = el('select', { id: 'explorer-method', name: 'method' }, found.services.map(s => el('optgroup',
    { label: s.name }, s.methods.map(m => el('option', { value: m.fullName, selected: m.fullName === values.get('method') },
      `${m.name}${m.type === 'UNARY' ? '' : ` (${m.type.toLowerCase().replace('_', ' ')})`}`)))));
  const settings = ['policy', 'deadlineMs'].map(option);
  // another server's methods are another listing: picking one opens the page for it
  const server = found.targets.length > 1 ? el('div', { class: 'field' }, el('label', { for: 'explorer-target' },
    'Server'), el('select', { id: 'explorer-target', onchange: event => {
    location.hash = `#/explorer?target=${encodeURIComponent(event.target.value)}`;
  } }, found.targets.map(t => el('option', { value: t, selected: t === found.target },
    t === 'self' ? 'this app (self)' : t))), el('small', {}, 'lab.explorer.targets')) : '';
  const knobs = ['failAttempts', 'failCode', 'delayMs', 'echoMetadata'].map(name => [name, option(name)]);
  const rows = el('div', { class: 'metadata-rows' });
  const addRow = () => rows.append(el('div', { class: 'metadata-row' },
    el('input', { type: 'text', class: 'md-key', placeholder: 'key, e.g. tenant', 'aria-label': 'metadata key',
      maxlength: 100 }),
    el('input', { type: 'text', class: 'md-value', placeholder: 'value', 'aria-label': 'metadata value' })));
  addRow();
  const authorization = el('input', { id: 'explorer-authorization', type: 'password', autocomplete: 'off',
    placeholder: 'Basic … or Bearer …' });
  const body = el('textarea', { id: 'explorer-body', name: 'body', rows: 4, spellcheck: 'false' });
  const messageBox = el('div', { class: 'message-box' });
  const curl = el('code', { class: 'curl' });
  const copy = el('button', { type: 'button', class: 'secondary', onclick: () => copyText(curl.textContent, copy) },
    'Copy curl');
  const result = el('div', { class: 'result', 'aria-live': 'polite' });
  let current = { read: () => ({}) };
  const chosen = () => methods.find(m => m.fullName === pick.value) || methods[0];
  const request = () => {
    const m = chosen();
    const query = new URLSearchParams(found.target === 'self' ? {} : { target: found.target });
    for (const input of [...settings, ...knobs.map(([, f]) => f)].map(f => f.querySelector('input, select'))) {
      if (input.closest('.field').hidden) continue;
      const value = input.type === 'checkbox' ? (input.checked ? 'true' : '') : input.value.trim();
      if (value !== '') query.set(input.name, value);
    }
    const headers = { 'Content-Type': 'application/json' };
    for (const row of rows.children) {
      const key = row.querySelector('.md-key').value.trim();
      if (key) headers[`Grpc-Metadata-${key}`] = row.querySelector('.md-value').value;
    }
    if (authorization.value) headers.Authorization = authorization.value;
    const [service, name] = m.fullName.split('/');
    const url = `/demo/explorer/${encodeURIComponent(service)}/${encodeURIComponent(name)}${query.size ? `?${query}` : ''}`;
    const quote = s => `'${String(s).replaceAll("'", "'\\''")}'`;
    const shownHeaders = Object.entries(headers).map(([k, v]) => `-H ${quote(`${k}: ${k === 'Authorization' ? '…' : v}`)}`);
    return { url, init: { method: 'POST', headers, body: body.value },
      curl: ['curl -s -X POST', quote(location.origin + url), ...shownHeaders, `-d ${quote(compact(body.value))}`]
        .join(' ') };
  };
  const refresh = () => { curl.textContent = request().curl; };
  const writeBody = () => {
    const value = current.read();
    body.value = JSON.stringify(chosen().type.startsWith('CLIENT') || chosen().type.startsWith('BIDI')
      ? [value] : value, null, 1);
    refresh();
  };
  const choose = () => {
    const m = chosen();
    for (const [name, f] of knobs) f.hidden = !(m.knobs || []).includes(name);
    current = message(m.requestType, m.requestType, found.messages);
    messageBox.replaceChildren(el('h3', {}, 'The request: ', el('code', {}, m.requestType)), current.element);
    writeBody();
  };
  pick.addEventListener('change', choose);
  messageBox.addEventListener('input', writeBody);
  messageBox.addEventListener('click', event => { if (event.target.matches('button')) queueMicrotask(writeBody); });
  const formElement = el('form', { class: 'run explorer-form' },
    server, el('div', { class: 'field wide' }, el('label', { for: 'explorer-method' }, 'Method'), pick), settings,
    el('fieldset', { class: 'knobs' }, el('legend', {}, 'The lab\'s knobs (where the method honours them)'),
      knobs.map(([, f]) => f)),
    el('fieldset', { class: 'metadata' }, el('legend', {}, 'Request metadata'), rows,
      el('button', { type: 'button', class: 'secondary', onclick: addRow }, 'Add an entry'),
      el('div', { class: 'field' }, el('label', { for: 'explorer-authorization' }, 'Credentials'), authorization,
        el('small', {}, 'sent as the authorization metadata, never kept or put in a link'))),
    messageBox,
    el('div', { class: 'field wide' }, el('label', { for: 'explorer-body' }, 'As proto3 JSON (what is sent; edit it ',
      'freely)'), body),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Call')));
  formElement.addEventListener('input', refresh);
  formElement.addEventListener('change', refresh);
  formElement.addEventListener('submit', event => {
    event.preventDefault();
    call(request(), formElement, result);
  });
  choose();
  return el('div', {}, formElement, el('div', { class: 'curl-box' }, curl, copy), result);
}

async function call({ url, init }, form, result) {
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  result.setAttribute('aria-busy', 'true');
  result.replaceChildren(el('p', { class: 'running' }, `Calling ${url} …`));
  try {
    const { ok, report } = await fetchReport(url, init);
    result.replaceChildren(...(ok ? drawn(report) : refused(report)), raw(report));
    result.dataset.state = ok ? 'done' : 'refused';
  } catch (error) {
    result.replaceChildren(el('p', { role: 'alert' }, `The request failed: ${error.message}`));
    result.dataset.state = 'error';
  } finally {
    button.disabled = false;
    result.removeAttribute('aria-busy');
  }
}

function drawn(r) {
  const policy = inForce(r);
  const sent = new Set(Object.keys((r.metadata || {}).sent || {}));
  const added = Object.keys((r.metadata || {}).serverReceived || {}).filter(k => !sent.has(k));
  return [el('p', { class: 'outcome' }, badge(r.outcome.status), ' ', r.outcome.description || '',
    ` in ${r.elapsedMs} ms`),
  el('p', { class: 'in-force' }, el('strong', {}, 'In force: '), policy || 'no retries, no hedging'),
  el('p', { class: 'explanation' }, el('strong', {}, 'What to notice: '), r.explanation),
  el('div', { class: 'drawing', 'data-scenario': 'explorer' },
    attempts(r, r.attempts || [], a => (a.status === 'CANCELLED' ? 'cancelled' : '')), attemptTable(r.attempts || []),
    el('h3', {}, `Response messages (${r.responsesReceived})`),
    el('ol', { class: 'responses' }, (r.responses || []).map(m => el('li', { 'data-at-ms': m.atMs },
      el('span', { class: 'muted' }, `${m.atMs} ms`), el('pre', { class: 'reason' }, JSON.stringify(m.message, null, 1))))),
    r.statusDetails ? [el('h3', {}, 'Status details'), el('pre', { class: 'reason' },
      JSON.stringify(r.statusDetails, null, 1))] : '',
    el('h3', {}, 'Metadata'), metadata({ ...r, addedOnTheWay: added }),
    facts([['method', `${r.method} (${r.type})`], ['channel', r.config && r.config.target]]))];
}
