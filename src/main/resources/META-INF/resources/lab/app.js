// The lab page: the scenarios from GET /demo (the same catalogue as the API), each one's form from the OpenAPI
// description (bounds, defaults, allowed values), a run against the real endpoint, and the report drawn.
import { badge, el, facts } from './dom.js';
import { measures, pin, pinned, recent, remember, unpin } from './runs.js';
import { draw, drawOnOneAxis, inForce } from './views.js';

const main = document.getElementById('main');
const nav = document.getElementById('scenarios');
let scenarios = [];
let openapi = {};

const keyOf = scenario => scenario.path.replace(/^\/demo\//, '');

async function json(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

async function start() {
  try {
    [{ scenarios }, openapi] = await Promise.all([json('/demo'), json('/q/openapi?format=json')]);
  } catch (error) {
    main.replaceChildren(el('p', { role: 'alert' }, `The scenarios could not be loaded: ${error.message}`));
    return;
  }
  nav.replaceChildren(...scenarios.map(s => el('li', {}, el('a', { href: `#/${keyOf(s)}` }, s.summary))));
  addEventListener('hashchange', route);
  route();
}

/** The hash is the page and its run: #/retry?failAttempts=12 opens the retry page and runs it with that value. */
function route() {
  const [path, query] = location.hash.replace(/^#\/?/, '').split(/\?(.*)/s);
  const key = decodeURIComponent(path);
  const scenario = scenarios.find(s => keyOf(s) === key);
  for (const link of nav.querySelectorAll('a')) {
    if (link.getAttribute('href') === `#/${key}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  main.replaceChildren(scenario ? page(scenario, new URLSearchParams(query || '')) : index());
  document.title = scenario ? `${scenario.summary} · gRPC resilience lab` : 'gRPC resilience lab';
  if (scenario) main.focus();
}

/** The lessons in order, one card per scenario saying what it teaches. */
function index() {
  return el('section', { class: 'index' }, el('h2', {}, 'The lessons, in order'),
    el('p', {}, 'Each one makes real gRPC calls through this app\'s gateway and draws what happened. Start with ',
      'the deadline; each lesson builds on the ones before it.'),
    el('ol', { class: 'cards' }, scenarios.map(s => el('li', { class: 'card', 'data-lesson': s.lesson },
      el('h3', {}, el('a', { href: `#/${keyOf(s)}` }, s.summary)),
      el('p', { class: 'teaches' }, s.teaches || s.description || ''), el('code', {}, `${s.method} ${s.path}`)))));
}

function operation(scenario) {
  return ((openapi.paths || {})[scenario.path] || {})[scenario.method.toLowerCase()] || {};
}

/** A schema with its $ref and allOf parts folded in (SmallRye writes a default beside a $ref as allOf). */
function resolve(schema) {
  if (!schema) return {};
  if (schema.$ref) return resolve(openapi.components.schemas[schema.$ref.split('/').pop()]);
  if (schema.allOf) {
    const { allOf, ...own } = schema;
    return Object.assign({}, ...allOf.map(resolve), own);
  }
  return schema;
}

const types = schema => [].concat(schema.type || []);

/** One form field from an OpenAPI parameter or body property: its input carries the schema's bounds. */
function field(name, schema, description, where, secret) {
  schema = resolve(schema);
  const id = `field-${where}-${name}`;
  const choices = (schema.enum || []).filter(v => v !== null);
  let input;
  if (choices.length) {
    input = el('select', { id, name }, el('option', { value: '' }, '(server default)'),
      choices.map(v => el('option', { value: v, selected: String(v) === String(schema.default) }, v)));
  } else if (types(schema).includes('boolean')) {
    // a box on by default is sent as false when cleared: left out, the server would take its default, true
    input = el('input', { id, name, type: 'checkbox', checked: schema.default === true,
      'data-default-on': schema.default === true });
  } else if (types(schema).includes('integer') || types(schema).includes('number')) {
    input = el('input', { id, name, type: 'number', min: schema.minimum, max: schema.maximum,
      step: types(schema).includes('integer') ? 1 : 'any', value: schema.default, inputmode: 'numeric' });
  } else {
    input = el('input', { id, name, type: secret ? 'password' : 'text', maxlength: schema.maxLength,
      autocomplete: 'off' });
  }
  input.dataset.where = where;
  const bounds = schema.minimum !== undefined || schema.maximum !== undefined
    ? `${schema.minimum ?? ''}..${schema.maximum ?? ''}` : '';
  // the description is the plain label; the parameter's own name, its bounds and default are the small print
  const label = description ? description[0].toUpperCase() + description.slice(1) : name;
  return el('div', { class: 'field' }, el('label', { for: id }, label),
    input, el('small', {}, [el('code', {}, name), bounds && ` ${bounds}`, schema.default !== undefined
      && !choices.length && `, default ${schema.default}`]));
}

function fields(scenario) {
  const op = operation(scenario);
  const list = (op.parameters || []).map(p => field(p.name, p.schema, p.description, p.in));
  const body = resolve((((op.requestBody || {}).content || {})['application/json'] || {}).schema);
  for (const [name, schema] of Object.entries(body.properties || {})) {
    list.push(field(name, schema, schema.description || (name === 'password' ? '' : 'empty: the demo user'),
      'body', name === 'password'));
  }
  return list;
}

/** The request the form describes: URL, headers and JSON body, and the same as one curl command. */
function request(scenario, form) {
  const query = new URLSearchParams();
  const headers = {};
  const body = {};
  for (const input of form.querySelectorAll('input, select')) {
    const cleared = input.dataset.defaultOn !== undefined ? 'false' : '';
    const value = input.type === 'checkbox' ? (input.checked ? 'true' : cleared) : input.value.trim();
    if (value === '') continue;
    if (input.dataset.where === 'query') query.set(input.name, value);
    else if (input.dataset.where === 'header') headers[input.name] = value;
    else if (input.dataset.where === 'body') body[input.name] = value;
  }
  const url = scenario.path + (query.toString() ? `?${query}` : '');
  const hasBody = Object.keys(body).length > 0;
  if (hasBody) headers['Content-Type'] = 'application/json';
  const quote = s => `'${String(s).replaceAll("'", "'\\''")}'`;
  const curl = ['curl -s', scenario.method === 'GET' ? '' : `-X ${scenario.method}`, quote(location.origin + url),
    ...Object.entries(headers).map(([k, v]) => `-H ${quote(`${k}: ${v}`)}`),
    hasBody ? `-d ${quote(JSON.stringify(body))}` : ''].filter(Boolean).join(' ');
  return { url, init: { method: scenario.method, headers, body: hasBody ? JSON.stringify(body) : undefined }, curl };
}

/** The form's values as a link to this page that runs them again (never a password: links get shared). */
function link(key, form) {
  const values = new URLSearchParams();
  for (const input of form.querySelectorAll('input, select')) {
    if (input.type === 'password') continue;
    const cleared = input.dataset.defaultOn !== undefined ? 'false' : '';
    const value = input.type === 'checkbox' ? (input.checked ? 'true' : cleared) : input.value.trim();
    if (value !== '') values.set(input.name, value);
  }
  return `#/${key}${values.toString() ? `?${values}` : ''}`;
}

function fill(form, values) {
  for (const [name, value] of values) {
    const input = form.querySelector(`[name="${CSS.escape(name)}"]`);
    if (!input || input.type === 'password') continue;
    if (input.type === 'checkbox') input.checked = value === 'true';
    else input.value = value;
  }
}

function page(scenario, values) {
  const key = keyOf(scenario);
  const result = el('div', { class: 'result', 'aria-live': 'polite' });
  const history = el('section', { class: 'history' });
  const curl = el('code', { class: 'curl' });
  const copy = el('button', { type: 'button', class: 'secondary', onclick: () => copyText(curl.textContent, copy) },
    'Copy curl');
  const copyLink = el('button', { type: 'button', class: 'secondary copy-link',
    onclick: () => copyText(location.origin + location.pathname + link(key, form), copyLink, 'Copy link') },
  'Copy link');
  const form = el('form', { class: 'run', 'data-scenario': key }, fields(scenario),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Run')));
  const refreshCurl = () => { curl.textContent = request(scenario, form).curl; };
  form.addEventListener('input', refreshCurl);
  form.addEventListener('submit', event => {
    event.preventDefault();
    run(scenario, key, form, result, history);
  });
  fill(form, values);
  refreshCurl();
  showHistory(key, history, result);
  if ([...values.keys()].length) queueMicrotask(() => run(scenario, key, form, result, history)); // a shared link
  const presets = scenario.tryNext || [];
  return el('article', { class: 'scenario' }, el('h2', {}, scenario.summary),
    scenario.teaches ? el('p', { class: 'teaches' }, scenario.teaches) : '',
    el('p', {}, scenario.description || ''), form,
    presets.length ? el('p', { class: 'try-next' }, el('strong', {}, 'Try next: '), presets.flatMap((p, i) =>
      [i ? ' · ' : '', el('a', { href: `#/${key}?${p.query}`, 'data-query': p.query }, p.label)])) : '',
    el('div', { class: 'curl-box' }, curl, copy, copyLink), result, history);
}

async function run(scenario, key, form, result, history) {
  const button = form.querySelector('button[type=submit]');
  const { url, init } = request(scenario, form);
  const runLink = link(key, form);
  window.history.replaceState(null, '', runLink); // a reload or a shared link runs it again
  button.disabled = true;
  result.setAttribute('aria-busy', 'true');
  result.replaceChildren(el('p', { class: 'running' }, `Running ${scenario.method} ${url} …`));
  try {
    const response = await fetch(url, init);
    const text = await response.text();
    let report;
    try {
      report = JSON.parse(text);
    } catch {
      report = { title: `HTTP ${response.status}`, detail: text };
    }
    const current = { link: runLink, at: Date.now(), report };
    result.replaceChildren(...(response.ok ? drawn(key, report) : refused(report)), raw(report));
    if (response.ok) {
      remember(key, current);
      result.append(comparison(key, current));
      showHistory(key, history, result);
    }
    result.dataset.state = response.ok ? 'done' : 'refused';
  } catch (error) {
    result.replaceChildren(el('p', { role: 'alert' }, `The request failed: ${error.message}`));
    result.dataset.state = 'error';
  } finally {
    button.disabled = false;
    result.removeAttribute('aria-busy');
  }
}

function drawn(key, report) {
  const outcome = report.outcome || {};
  const policy = inForce(report);
  const notice = report.explanation; // retry's own view says why it stopped
  return [el('p', { class: 'outcome' }, badge(outcome.status), ' ', outcome.description || '',
    report.elapsedMs !== undefined ? ` in ${report.elapsedMs} ms` : ''),
  policy ? el('p', { class: 'in-force' }, el('strong', {}, 'In force: '), policy) : '',
  notice ? el('p', { class: 'explanation' }, el('strong', {}, 'What to notice: '), notice) : '',
  el('div', { class: 'drawing', 'data-scenario': key }, draw(key, report))];
}

/** The pinned run and this one on one time axis, with what differs between them named. */
function comparison(key, current) {
  const reference = pinned(key);
  if (!reference || reference.at === current.at) return '';
  const [left, right] = drawOnOneAxis(key, [reference.report, current.report]);
  const mine = measures(current.report);
  const theirs = new Map(measures(reference.report));
  return el('section', { class: 'compare' }, el('h3', {}, 'The pinned run against this one'),
    el('table', { class: 'differences' }, el('thead', {}, el('tr', {}, ['', 'pinned', 'this run']
      .map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, mine.map(([name, value]) => el('tr', { class: String(theirs.get(name)) === String(value)
      ? 'same' : 'differs', 'data-measure': name }, el('th', { scope: 'row' }, name),
    el('td', {}, String(theirs.get(name))), el('td', {}, String(value)))))),
    el('div', { class: 'side-by-side' },
      el('figure', {}, el('figcaption', {}, el('a', { href: reference.link }, 'pinned: ', reference.link)), left),
      el('figure', {}, el('figcaption', {}, 'this run: ', current.link), right)));
}

/** The last runs of this scenario, each one a link that runs it again, and a button to pin it. */
function showHistory(key, history, result) {
  const runs = recent(key);
  const reference = pinned(key);
  history.replaceChildren(runs.length ? el('h3', {}, 'Your last runs (kept in this browser)') : '',
    runs.length ? el('ol', { class: 'runs' }, runs.map(r => el('li', { class: reference && reference.at === r.at
      ? 'pinned' : '' }, el('a', { href: r.link }, r.link.replace(/^#\//, '')), ' ',
    badge((r.report.outcome || {}).status), r.report.elapsedMs !== undefined ? ` ${r.report.elapsedMs} ms ` : ' ',
    reference && reference.at === r.at
      ? el('button', { type: 'button', class: 'secondary unpin', onclick: () => {
        unpin(key);
        showHistory(key, history, result);
      } }, 'Unpin')
      : el('button', { type: 'button', class: 'secondary pin', onclick: () => {
        pin(key, r);
        showHistory(key, history, result);
      } }, 'Pin to compare')))) : '',
    reference ? facts([['pinned', reference.link]]) : '');
}

function refused(problem) {
  return [el('div', { role: 'alert', class: 'problem' }, el('strong', {}, problem.title || 'Refused'), ': ',
    problem.detail || '',
    el('ul', {}, (problem.invalidParams || []).map(p => el('li', {}, `${p.name}: ${p.reason}`))))];
}

function raw(report) {
  return el('details', { class: 'raw' }, el('summary', {}, 'Raw JSON'),
    el('pre', {}, JSON.stringify(report, null, 2)));
}

async function copyText(text, button, label = 'Copy curl') {
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    button.textContent = label === 'Copy curl' ? 'Select and copy the command' : 'Copy it from the address bar';
  }
  setTimeout(() => { button.textContent = label; }, 2000);
}

start();
