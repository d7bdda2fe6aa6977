// Runs every scenario of the lab page RUNS times with parameters drawn at random within their OpenAPI bounds (a
// seeded generator: the same SEED draws the same runs, so a failure can be replayed), each through a link as a
// learner shares one. Reads back, for every run, what the page drew next to the report: the badge, attributes
// drawn from no number, the attempt bars and the end marker's time. Prints one JSON line: {runs: [...]}.
// The runs are drawn first, then made by WORKERS pages at once, the longest-looking first (by the sum of their
// durations): some scenarios take a minute a run, and the server runs each in its own channels and proxies.
// Usage: node lab-random.mjs BASE_URL SEED RUNS [WORKERS]
import { launch } from './chromium.mjs';

const [base, seedText, runsText] = process.argv.slice(2);
const RUNS = Number(runsText || 20);
const WORKERS = Number(process.argv[5] || 12);

/** mulberry32: small, seeded, good enough to spread parameters. */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const json = async url => (await fetch(url, { headers: { Accept: 'application/json' } })).json();
const openapi = await json(`${base}/q/openapi?format=json`);
const { scenarios } = await json(`${base}/demo`);

function resolve(schema) {
  if (!schema) return {};
  if (schema.$ref) return resolve(openapi.components.schemas[schema.$ref.split('/').pop()]);
  if (schema.allOf) {
    const { allOf, ...own } = schema;
    return Object.assign({}, ...allOf.map(resolve), own);
  }
  return schema;
}

/**
 * A value within the schema's bounds, or null to leave the parameter at its default (half the time). Durations
 * (names ending in Ms) are drawn evenly on a log scale: as many runs in 1..10 ms as in 10..100 ms or 1..10 s.
 */
function draw(name, schema, random) {
  if (random() < 0.5) return null;
  const type = [].concat(schema.type || []);
  const choices = (schema.enum || []).filter(v => v !== null);
  if (choices.length) return choices[Math.floor(random() * choices.length)];
  if (type.includes('boolean')) return random() < 0.5;
  if (!type.includes('integer') && !type.includes('number')) return null;
  const min = Number(schema.minimum ?? 0);
  const max = Number(schema.maximum ?? min + 1000);
  if (!type.includes('integer')) {
    const exclusive = schema.exclusiveMinimum !== undefined;
    return Math.max(min + (exclusive ? 1e-3 : 0), min + random() * (max - min));
  }
  if (/Ms$/.test(name) && max > 10) {
    const low = Math.max(min, 1);
    const value = Math.floor(Math.exp(Math.log(low) + random() * (Math.log(max + 1) - Math.log(low))));
    return Math.min(max, Math.max(min, value));
  }
  return min + Math.floor(random() * (max - min + 1));
}

const attemptsOf = r => (r.attempts ? r.attempts.length : r.calls ? r.calls.reduce((n, c) => n + c.attempts.length, 0)
  : r.appAttempts ? r.appAttempts.reduce((n, a) => n + (a.grpcAttempts || []).length, 0) : null);
const endOf = r => (r.calls ? Math.max(...r.calls.map(c => c.startMs + c.elapsedMs)) : r.elapsedMs);

const browser = await launch();
const result = { seed: Number(seedText), runs: [] };
try {
  const planned = [];
  for (const [index, scenario] of scenarios.entries()) {
    const key = scenario.path.replace(/^\/demo\//, '');
    const op = ((openapi.paths || {})[scenario.path] || {})[scenario.method.toLowerCase()] || {};
    const random = generator(Number(seedText) + index * 7919); // each scenario its own stream: replayable alone
    for (let n = 0; n < RUNS; n++) {
      const query = new URLSearchParams();
      let weight = 0;
      for (const p of (op.parameters || []).filter(p => p.in === 'query')) {
        const schema = resolve(p.schema);
        const value = draw(p.name, schema, random);
        if (value !== null) query.set(p.name, String(value));
        if (/Ms$/.test(p.name)) weight += Number(value ?? schema.default ?? 0);
      }
      planned.push({ key, query, weight });
    }
  }
  const queue = [...planned].sort((a, b) => b.weight - a.weight);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const worker = async () => {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', e => errors.push(String(e)));
    page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { key, query } = next;
      const before = errors.length;
      const started = Date.now();
      await page.goto(`${base}/lab/#/`, { waitUntil: 'domcontentloaded' });
      await page.locator('.cards .card').first().waitFor({ timeout: 30000 });
      await page.evaluate(hash => { location.hash = hash; }, `#/${key}?${query}`); // a link with a query runs
      await page.locator('.result[data-state]').waitFor({ timeout: 180000 });
      const run = await page.evaluate(() => {
        const drawing = document.querySelector('.result .drawing');
        const axis = drawing && drawing.querySelector('line.axis-line');
        const end = drawing && drawing.querySelector('line.marker-end');
        const at = line => (Number(line.getAttribute('x1')) - Number(axis.getAttribute('x1')))
          / (Number(axis.getAttribute('x2')) - Number(axis.getAttribute('x1'))) * Number(axis.dataset.maxMs);
        return {
          state: document.querySelector('.result').dataset.state,
          badge: (document.querySelector('.result .outcome .badge') || {}).textContent || '',
          report: JSON.parse((document.querySelector('.result .raw pre') || {}).textContent || 'null'),
          attemptBars: drawing ? drawing.querySelectorAll('rect.attempt').length : null,
          endMarkerMs: axis && end ? at(end) : null,
          axisMaxMs: axis ? Number(axis.dataset.maxMs) : null,
          nan: [...document.querySelectorAll('.result *')].flatMap(e => [...e.attributes])
            .filter(a => /NaN|Infinity|undefined/.test(a.value)).map(a => `${a.ownerElement.tagName} ${a.name}`)
            .concat((document.querySelector('.result').innerText.match(/.{0,30}\b(undefined|NaN|Infinity)\b.{0,30}/g)
              || []).map(t => `text: ${t}`)),
        };
      });
      const r = run.report || {};
      result.runs.push({ key, query: query.toString(), state: run.state, badge: run.badge.trim(),
        status: (r.outcome || {}).status ?? null, invalidParams: r.invalidParams ? r.invalidParams.map(p => p.name) : null,
        attemptBars: run.attemptBars, attempts: run.state === 'done' ? attemptsOf(r) : null,
        endMarkerMs: run.endMarkerMs, endMs: run.state === 'done' && run.endMarkerMs !== null ? endOf(r) : null,
        axisMaxMs: run.axisMaxMs, nan: run.nan, errors: errors.slice(before), wallMs: Date.now() - started });
      console.error(`${result.runs.length}/${planned.length} ${key}?${query} ${run.state} in ${Date.now() - started} ms`);
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
} catch (error) {
  result.error = String(error.stack || error);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
