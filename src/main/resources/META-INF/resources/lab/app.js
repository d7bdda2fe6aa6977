// The lab page: the scenarios from GET /demo (the same catalogue as the API), each one's form from the OpenAPI
// description (bounds, defaults, allowed values), a run against the real endpoint, and the report drawn.
import { badge, el, facts } from './dom.js';
import { explorerCard, explorerPage } from './explorer.js';
import { field, operation, resolve, useOpenApi } from './fields.js';
import { notice } from './notice.js';
import { copyText, fetchReport, raw, refused } from './parts.js';
import { measures, pin, pinned, recent, remember, unpin } from './runs.js';
import { draw, drawOnOneAxis, inForce } from './views.js';

const main = document.getElementById('main');
const nav = document.getElementById('scenarios');
let scenarios = [];

const keyOf = scenario => scenario.path.replace(/^\/demo\//, '');

async function json(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

async function start() {
  try {
    let openapi;
    [{ scenarios }, openapi] = await Promise.all([json('/demo'), json('/q/openapi?format=json')]);
    useOpenApi(openapi);
  } catch (error) {
    main.replaceChildren(el('p', { role: 'alert' }, `The scenarios could not be loaded: ${error.message}`));
    return;
  }
  nav.replaceChildren(...scenarios.map(s => el('li', {}, el('a', { href: `#/${keyOf(s)}` }, s.summary))),
    el('li', { class: 'tool' }, el('a', { href: '#/explorer' }, 'Explorer: any method')));
  const menu = document.querySelector('.nav-toggle'); // on a phone the lessons fold into one button
  menu.addEventListener('click', () => {
    const open = menu.getAttribute('aria-expanded') !== 'true';
    menu.setAttribute('aria-expanded', String(open));
    menu.parentElement.toggleAttribute('data-open', open);
  });
  addEventListener('hashchange', () => {
    menu.setAttribute('aria-expanded', 'false');
    menu.parentElement.removeAttribute('data-open');
  });
  addEventListener('hashchange', route);
  route();
}

/**
 * The hash is the page and its run: #/retry?failAttempts=12 opens the retry page and runs it with that value; a hash
 * with a query, even an empty one (#/tls?), runs the scenario, one without (#/tls) only opens it.
 */
function route() {
  const [path, query] = location.hash.replace(/^#\/?/, '').split(/\?(.*)/s);
  const key = decodeURIComponent(path);
  const scenario = scenarios.find(s => keyOf(s) === key);
  for (const link of nav.querySelectorAll('a')) {
    if (link.getAttribute('href') === `#/${key}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const values = new URLSearchParams(query || '');
  const explorer = key === 'explorer';
  const runNow = location.hash.includes('?');
  main.replaceChildren(explorer ? explorerPage(values) : scenario ? page(scenario, values, runNow) : index());
  document.title = explorer ? 'Explorer · gRPC resilience lab'
    : scenario ? `${scenario.summary} · gRPC resilience lab` : 'gRPC resilience lab';
  if (scenario || explorer) main.focus();
}

/** The lessons in order, one card per scenario saying what it teaches. */
function index() {
  return el('section', { class: 'index' }, el('h2', {}, 'The lessons, in order'),
    el('p', {}, 'Each one makes real gRPC calls through this app\'s gateway and draws what happened. Start with ',
      'the deadline; each lesson builds on the ones before it.'),
    el('ol', { class: 'cards' }, scenarios.map(s => el('li', { class: 'card', 'data-lesson': s.lesson },
      el('h3', {}, el('a', { href: `#/${keyOf(s)}` }, s.summary)),
      el('p', { class: 'teaches' }, s.teaches || s.description || ''), el('code', {}, `${s.method} ${s.path}`)))),
    el('h2', {}, 'Then, any method'), el('ul', { class: 'tools' }, explorerCard()));
}

const operationOf = scenario => operation(scenario.method, scenario.path);

function fields(scenario) {
  const op = operationOf(scenario);
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

function page(scenario, values, runNow) {
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
  if (runNow) queueMicrotask(() => run(scenario, key, form, result, history)); // a shared link
  const presets = scenario.tryNext || [];
  return el('article', { class: 'scenario' }, el('h2', {}, scenario.summary),
    scenario.teaches ? el('p', { class: 'teaches' }, scenario.teaches) : '',
    el('p', {}, scenario.description || ''), form,
    presets.length ? el('p', { class: 'try-next' }, el('strong', {}, 'Try next: '), presets.flatMap((p, i) =>
      [i ? ' · ' : '', el('a', { href: `#/${p.scenario || key}?${p.query}`, 'data-query': p.query,
        'data-scenario': p.scenario || key }, p.label)])) : '',
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
    const { ok, report } = await fetchReport(url, init);
    const current = { link: runLink, at: Date.now(), report };
    result.replaceChildren(...(ok ? drawn(key, report) : refused(report)), raw(report));
    if (ok) {
      remember(key, current);
      result.append(comparison(key, current));
      showHistory(key, history, result);
    }
    result.dataset.state = ok ? 'done' : 'refused';
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
  const noticed = notice(key, report);
  return [el('p', { class: 'outcome' }, badge(outcome.status), ' ', outcome.description || '',
    report.elapsedMs !== undefined ? ` in ${report.elapsedMs} ms` : ''),
  policy ? el('p', { class: 'in-force' }, el('strong', {}, 'In force: '), policy) : '',
  noticed ? el('p', { class: 'explanation' }, el('strong', {}, 'What to notice: '), noticed) : '',
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




start();
