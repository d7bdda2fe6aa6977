// The lab page: the scenarios from GET /demo (the same catalogue as the API), each one's form from the OpenAPI
// description (bounds, defaults, allowed values), a run against the real endpoint, and the report drawn.
import { badge, el } from './dom.js';
import { draw } from './views.js';

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

function route() {
  const key = decodeURIComponent(location.hash.replace(/^#\/?/, ''));
  const scenario = scenarios.find(s => keyOf(s) === key);
  for (const link of nav.querySelectorAll('a')) {
    if (link.getAttribute('href') === `#/${key}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  main.replaceChildren(scenario ? page(scenario) : index());
  document.title = scenario ? `${scenario.summary} · gRPC resilience lab` : 'gRPC resilience lab';
  if (scenario) main.focus();
}

function index() {
  return el('section', { class: 'index' }, el('h2', {}, 'Scenarios'),
    el('p', {}, 'Each one makes real gRPC calls through this app\'s gateway and draws what happened.'),
    el('ul', { class: 'cards' }, scenarios.map(s => el('li', { class: 'card' },
      el('h3', {}, el('a', { href: `#/${keyOf(s)}` }, s.summary)),
      el('p', {}, s.description || ''), el('code', {}, `${s.method} ${s.path}`)))));
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
  return el('div', { class: 'field' }, el('label', { for: id }, name),
    input, el('small', {}, [description, bounds && `(${bounds})`, schema.default !== undefined
      && !choices.length && `default ${schema.default}`].filter(Boolean).join(' ')));
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

function page(scenario) {
  const key = keyOf(scenario);
  const result = el('div', { class: 'result', 'aria-live': 'polite' });
  const curl = el('code', { class: 'curl' });
  const copy = el('button', { type: 'button', class: 'secondary', onclick: () => copyText(curl.textContent, copy) },
    'Copy curl');
  const form = el('form', { class: 'run', 'data-scenario': key }, fields(scenario),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Run')));
  const refreshCurl = () => { curl.textContent = request(scenario, form).curl; };
  form.addEventListener('input', refreshCurl);
  form.addEventListener('submit', event => {
    event.preventDefault();
    run(scenario, key, form, result);
  });
  refreshCurl();
  return el('article', { class: 'scenario' }, el('h2', {}, scenario.summary),
    el('p', {}, scenario.description || ''), form,
    el('div', { class: 'curl-box' }, curl, copy), result);
}

async function run(scenario, key, form, result) {
  const button = form.querySelector('button[type=submit]');
  const { url, init } = request(scenario, form);
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
    result.replaceChildren(...(response.ok ? drawn(key, report) : refused(report)), raw(report));
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
  return [el('p', { class: 'outcome' }, badge(outcome.status), ' ', outcome.description || '',
    report.elapsedMs !== undefined ? ` in ${report.elapsedMs} ms` : ''),
  report.explanation ? el('p', { class: 'explanation' }, report.explanation) : '',
  el('div', { class: 'drawing', 'data-scenario': key }, draw(key, report))];
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

async function copyText(text, button) {
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    button.textContent = 'Select and copy the command';
  }
  setTimeout(() => { button.textContent = 'Copy curl'; }, 2000);
}

start();
