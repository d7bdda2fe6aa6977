// Runs every scenario from the lab page (/lab/) in headless Chromium, as a learner would: fills the form, presses
// Run, waits for the drawing, and reads back what was drawn next to the report it drew (the page's raw JSON).
// Saves a screenshot of each page at 1280x800 (and the retry page at a phone's width) into OUT_DIR.
// Then runs each example of EXAMPLES_JSON ([{key, fields}], the README's and every scenario's defaults) the same way.
// Prints one JSON line: {scenarioKey: {report, drawn...}, examples: [...]}.
// Usage: node lab-page.mjs BASE_URL OUT_DIR EXAMPLES_JSON
import { mkdirSync, readFileSync } from 'node:fs';
import { launch } from './chromium.mjs';

const [base, out, examplesFile] = process.argv.slice(2);
const EXAMPLES = examplesFile ? JSON.parse(readFileSync(examplesFile, 'utf8')) : [];
mkdirSync(out, { recursive: true });
const RUNS = [
  { key: 'deadline', fill: { deadlineMs: '600', delayMs: '1500' } },
  { key: 'retry', fill: { failAttempts: '3' } },
  { key: 'hedging', fill: {} },
  { key: 'fault-tolerance', fill: { failCalls: '2', resetBreaker: true } },
  { key: 'metadata', fill: { 'Grpc-Metadata-tenant': 'acme' } },
  { key: 'auth/basic', fill: {} },
  { key: 'auth/session', fill: {} },
  { key: 'auth/token', fill: {} },
  { key: 'tls', fill: {} },
  { key: 'keepalive', fill: {} },
  { key: 'keepalive/silent-peer', fill: { keepAliveTimeoutMs: '1000', delayMs: '1000' } },
  { key: 'config', fill: {} },
  { key: 'tls/failure', fill: { case: 'EXPIRED' } },
  { key: 'bad-network/reset', fill: { delayMs: '1000' } },
  { key: 'bad-network/slow-backend', fill: { calls: '4' } },
  { key: 'bad-network/silent-backend', fill: { keepAliveTimeoutMs: '1000' } },
];

const browser = await launch();
const result = {};
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${base}/`, { waitUntil: 'networkidle', timeout: 30000 });
  result.index = { url: page.url(), links: await page.locator('nav a').count(),
    cards: await page.locator('.cards .card').count(),
    lessons: await page.locator('.cards .card').evaluateAll(c => c.map(e => Number(e.dataset.lesson))),
    teaches: await page.locator('.cards .card p.teaches').evaluateAll(p => p.map(e => e.textContent.trim())) };
  await page.screenshot({ path: `${out}/index.png` });
  for (const run of RUNS) {
    await page.goto(`${base}/lab/#/${run.key}`, { waitUntil: 'networkidle' });
    await page.locator('form.run').waitFor({ timeout: 10000 });
    for (const [name, value] of Object.entries(run.fill)) {
      const input = page.locator(`form.run [name="${name}"]`);
      const tag = await input.evaluate(e => e.tagName.toLowerCase());
      if (value === true) await input.check();
      else if (tag === 'select') await input.selectOption(value);
      else await input.fill(value);
    }
    const curl = await page.locator('.curl').innerText();
    await page.getByRole('button', { name: 'Run' }).press('Enter'); // the keyboard, as well as the mouse, runs it
    await page.locator('.result[data-state]').waitFor({ timeout: 60000 });
    const drawing = page.locator('.drawing');
    const r = {
      curl, state: await page.locator('.result').getAttribute('data-state'),
      report: JSON.parse(await page.locator('.raw pre').textContent()),
      attempts: await drawing.locator('rect.attempt').count(),
      grpcAttempts: await drawing.locator('rect.grpc-attempt').count(),
      appAttempts: await drawing.locator('rect.app-attempt').count(),
      backoffs: await drawing.locator('line.backoff').count(),
      bounds: await drawing.locator('line.bound').count(),
      winners: await drawing.locator('rect.winner').count(),
      cancelled: await drawing.locator('rect.cancelled').count(),
      steps: await drawing.locator('li.step').count(),
      refusedSteps: await drawing.locator('li.step.refused').evaluateAll(s => s.map(e => e.dataset.status)),
      unexpectedSteps: await drawing.locator('li.step.unexpected').count(),
      added: await drawing.locator('dt.added').count(),
      warnings: await drawing.locator('li.warning').count(),
      drops: await drawing.locator('rect.drop').evaluateAll(d => d.map(e => e.dataset.direction)),
      tlsSteps: await drawing.locator('ol.tls-steps li').evaluateAll(l => l.map(e => e.dataset.result)),
      failedTlsStep: await drawing.locator('ol.tls-steps li.failed').evaluateAll(l => l.map(e => e.dataset.step)),
      connections: await drawing.locator('rect.connection').count(),
      resets: await drawing.locator('rect.connection.reset').count(),
      rotation: await drawing.locator('rect.rotation').evaluateAll(d => d.map(e => e.dataset.rotation)),
      attemptBackends: await drawing.locator('rect.attempt').evaluateAll(d => d.map(e => e.dataset.backend)),
      states: await drawing.locator('rect.state').evaluateAll(d => d.map(e => e.dataset.state)),
      text: await drawing.innerText(),
      inForce: (await page.locator('.in-force').count()) ? await page.locator('.in-force').innerText() : null,
      notice: (await page.locator('.result .explanation').count())
        ? await page.locator('.result .explanation').innerText() : null,
      labels: await page.locator('form.run .field label').evaluateAll(l => l.map(e => e.textContent)),
    };
    const axis = drawing.locator('line.axis-line');
    if (await axis.count()) {
      const x = async (l, a) => Number(await l.getAttribute(a));
      const x0 = await x(axis, 'x1');
      const x1 = await x(axis, 'x2');
      const maxMs = await x(axis, 'data-max-ms');
      const atMs = async selector => {
        const line = drawing.locator(selector).first();
        return (await line.count()) ? ((await x(line, 'x1')) - x0) / (x1 - x0) * maxMs : null;
      };
      r.endMarkerMs = await atMs('line.marker-end');
      r.serverMarkerMs = await atMs('line.marker-server');
      r.silenceMarkerMs = await atMs('line.marker-silence');
      r.detectedMarkerMs = await atMs('line.marker-detected');
    }
    const file = run.key.replace('/', '-');
    await page.screenshot({ path: `${out}/${file}.png`, fullPage: true });
    result[run.key] = r;
  }
  // Runs that last: a link runs the scenario, a reload runs it again, a pinned run is drawn beside the next one.
  await page.goto(`${base}/lab/#/`, { waitUntil: 'networkidle' });
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${base}/lab/#/retry?failAttempts=3`, { waitUntil: 'networkidle' });
  await page.locator('.result[data-state]').waitFor({ timeout: 60000 });
  const rawReport = async () => JSON.parse(await page.locator('.result .raw pre').first().textContent());
  const linked = { hash: await page.evaluate(() => location.hash), report: await rawReport(),
    field: await page.locator('form.run [name="failAttempts"]').inputValue() };
  await page.reload({ waitUntil: 'networkidle' });
  await page.locator('.result[data-state]').waitFor({ timeout: 60000 });
  linked.reloaded = await rawReport();
  await page.locator('.history button.pin').first().click();
  await page.locator('form.run [name="failAttempts"]').fill('1');
  await page.getByRole('button', { name: 'Run' }).click();
  await page.locator('.compare').waitFor({ timeout: 60000 });
  const figures = page.locator('.compare figure');
  result.runs = { linked,
    compare: { axes: await page.locator('.compare svg.timeline').evaluateAll(s => s.map(e => e.dataset.maxMs)),
      differs: await page.locator('.compare tr.differs').evaluateAll(r => r.map(e => e.dataset.measure)),
      drawnAttempts: [await figures.nth(0).locator('rect.attempt').count(),
        await figures.nth(1).locator('rect.attempt').count()],
      report: await rawReport(), kept: await page.locator('.history ol.runs li').count(),
      pinned: await page.locator('.history li.pinned').count() } };
  await page.screenshot({ path: `${out}/compare.png`, fullPage: true });

  // A preset under "Try next" is a link that runs the scenario with its values.
  await page.goto(`${base}/lab/#/retry`, { waitUntil: 'networkidle' });
  const preset = page.locator('.try-next a').first();
  const presetQuery = await preset.getAttribute('data-query');
  await preset.click();
  await page.locator('.result[data-state]').waitFor({ timeout: 60000 });
  result.runs.preset = { query: presetQuery, report: await rawReport(),
    presets: await page.locator('.try-next a').count() };

  result.examples = [];
  for (const example of EXAMPLES) {
    await page.goto(`${base}/lab/#/`, { waitUntil: 'networkidle' }); // a fresh form: the same hash keeps the old one
    await page.goto(`${base}/lab/#/${example.key}`, { waitUntil: 'networkidle' });
    await page.locator('form.run').waitFor({ timeout: 10000 });
    const missing = [];
    for (const [name, value] of Object.entries(example.fields)) {
      const input = page.locator(`form.run [name="${name}"]`);
      if (!(await input.count())) { missing.push(name); continue; }
      const tag = await input.evaluate(e => e.tagName.toLowerCase());
      const type = await input.getAttribute('type');
      if (tag === 'select') await input.selectOption(value);
      else if (type === 'checkbox') await input.setChecked(value === 'true');
      else await input.fill(value);
    }
    const before = errors.length;
    await page.getByRole('button', { name: 'Run' }).click();
    await page.locator('.result[data-state]').waitFor({ timeout: 60000 });
    const drawing = page.locator('.drawing');
    const state = await page.locator('.result').getAttribute('data-state');
    result.examples.push({
      key: example.key, fields: example.fields, missing, state,
      report: state === 'error' ? null : JSON.parse(await page.locator('.raw pre').textContent()),
      outcome: (await page.locator('.outcome').count()) ? await page.locator('.outcome').innerText() : null,
      text: (await drawing.count()) ? await drawing.innerText() : '',
      appAttempts: await drawing.locator('rect.app-attempt').count(),
      bounds: await drawing.locator('line.bound').count(),
      nan: await page.locator('.result *').evaluateAll(all => all.flatMap(e => [...e.attributes])
        .filter(a => /NaN|undefined/.test(a.value)).map(a => `${a.ownerElement.tagName} ${a.name}=${a.value}`)),
      errors: errors.slice(before),
    });
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/lab/#/retry`, { waitUntil: 'networkidle' });
  await page.getByRole('button', { name: 'Run' }).click();
  await page.locator('.result[data-state]').waitFor({ timeout: 60000 });
  result.phone = { scrollWidth: await page.evaluate(() => document.documentElement.scrollWidth) };
  await page.screenshot({ path: `${out}/retry-phone.png`, fullPage: true });
  result.errors = errors;
} catch (error) {
  result.error = String(error.stack || error);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
