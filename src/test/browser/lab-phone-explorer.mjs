// Two things of the lab page a learner meets beyond one run. The explorer: Echo, SayHello, WhoAmI and (where the
// test service is there) the kitchen sink called through forms built from their messages. A phone: every scenario
// run at 390x844, reading where the end marker lies on the screen, the page's width, the smallest text, and whether
// the navigation folds away. Screenshots go to OUT_DIR. Prints one JSON line: {explorer: {...}, phone: {...}}.
// Usage: node lab-phone-explorer.mjs BASE_URL OUT_DIR BASIC_CREDENTIALS
import { mkdirSync } from 'node:fs';
import { launch } from './chromium.mjs';

const [base, out, basic] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await launch();
const result = { explorer: {}, phone: {} };
const errors = [];
const report = async page => JSON.parse(await page.locator('.result .raw pre').textContent());

async function call(page, method, fill) {
  await page.goto(`${base}/lab/#/`, { waitUntil: 'networkidle' });
  await page.goto(`${base}/lab/#/explorer?method=${encodeURIComponent(method)}`, { waitUntil: 'networkidle' });
  await page.locator('form.explorer-form').waitFor({ timeout: 10000 });
  await fill(page);
  const body = await page.locator('#explorer-body').inputValue();
  await page.getByRole('button', { name: 'Call' }).click();
  await page.locator('.result[data-state]').waitFor({ timeout: 60000 });
  const drawing = page.locator('.result .drawing');
  return { body: JSON.parse(body), state: await page.locator('.result').getAttribute('data-state'),
    report: await report(page), attemptBars: await drawing.locator('rect.attempt').count(),
    responses: await drawing.locator('ol.responses li').count(),
    outcome: await page.locator('.result .outcome').innerText() };
}

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', e => errors.push(String(e)));
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${base}/lab/#/`, { waitUntil: 'networkidle' });
  result.explorer.navLink = await page.locator('nav a[href="#/explorer"]').count();
  result.explorer.methods = await (async () => {
    await page.goto(`${base}/lab/#/explorer`, { waitUntil: 'networkidle' });
    await page.locator('#explorer-method').waitFor({ timeout: 10000 });
    return page.locator('#explorer-method option').evaluateAll(o => o.map(e => e.value));
  })();
  result.explorer.echo = await call(page, 'EchoService/Echo', async p => {
    await p.locator('[data-field="echoMessage"]').fill('from the form');
    await p.locator('input[name="failAttempts"]').fill('2');
  });
  await page.screenshot({ path: `${out}/explorer.png`, fullPage: true });
  result.explorer.hello = await call(page, 'ExampleService/SayHello', async p => {
    await p.locator('[data-field="name"]').fill('learner');
    await p.locator('select[name="policy"]').selectOption('none');
  });
  result.explorer.whoAmI = await call(page, 'lab.auth.v1.IdentityService/WhoAmI', async p => {
    await p.locator('#explorer-authorization').fill(basic);
    await p.locator('.metadata-row .md-key').fill('tenant');
    await p.locator('.metadata-row .md-value').fill('acme');
  });
  if (result.explorer.methods.includes('lab.testing.v1.KitchenSinkService/Echo')) {
    result.explorer.sink = await call(page, 'lab.testing.v1.KitchenSinkService/Echo', async p => {
      await p.locator('[data-field="name"]').first().fill('sink');
      await p.locator('select[data-field="color"]').selectOption('GREEN');
      await p.locator('[data-add="tags"]').click();
      await p.locator('fieldset[data-field="tags"] input').first().fill('first');
      await p.locator('details[data-field="inner"] > summary').click();
      await p.locator('details[data-field="inner"] [data-field="count"]').fill('7');
      await p.locator('[data-field="int64Value"]').fill('9007199254740993');
      await p.locator('[data-field="at"]').fill('2026-12-03T10:00:00Z');
      await p.locator('select[data-field="boolValue"]').selectOption('true');
      await p.locator('[data-add="counts"]').click();
      await p.locator('fieldset[data-field="counts"] input').nth(0).fill('k');
      await p.locator('fieldset[data-field="counts"] input').nth(1).fill('3');
    });
  }

  // A phone: every scenario with its defaults
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/lab/#/`, { waitUntil: 'networkidle' });
  result.phone.navFolded = await page.locator('nav ul').isHidden();
  await page.locator('.nav-toggle').click();
  result.phone.navOpens = await page.locator('nav ul').isVisible();
  const keys = await page.locator('nav li:not(.tool) a').evaluateAll(a => a.map(e => e.getAttribute('href').slice(2)));
  await page.locator('nav li a').first().click(); // the menu folds on the hashchange that follows
  result.phone.navClosesAfterAPick = await page.locator('nav ul').waitFor({ state: 'hidden', timeout: 5000 })
    .then(() => true, () => false);
  result.phone.pages = [];
  for (const key of keys) {
    await page.goto(`${base}/lab/#/`, { waitUntil: 'networkidle' });
    await page.goto(`${base}/lab/#/${key}`, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Run' }).click();
    await page.locator('.result[data-state]').waitFor({ timeout: 60000 });
    result.phone.pages.push(await page.evaluate(key => {
      // every marker and bar drawn must be on screen, or in a box that says it scrolls
      const drawnParts = [...document.querySelectorAll('.result .drawing svg line.marker, .result .drawing svg rect')];
      const right = Math.max(0, ...drawnParts.map(e => e.getBoundingClientRect().right));
      const left = Math.min(innerWidth, ...drawnParts.map(e => e.getBoundingClientRect().left));
      const end = document.querySelector('.result .drawing line.marker-end');
      const scroller = drawnParts.length ? drawnParts[0].closest('.chart') : null;
      const smallest = [...document.querySelectorAll('main *')].filter(e => e.getClientRects().length
        && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
        .map(e => {
          const svg = e.closest('svg');
          const scale = svg ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 1;
          return { size: parseFloat(getComputedStyle(e).fontSize) * scale, what: `${e.tagName} ${e.textContent.slice(0, 30)}` };
        }).sort((a, b) => a.size - b.size)[0] || null;
      return { key, scrollWidth: document.documentElement.scrollWidth, drawn: drawnParts.length ? { left, right,
        inViewport: left >= 0 && right <= innerWidth, endMarker: Boolean(end),
        scrolls: scroller ? scroller.scrollWidth > scroller.clientWidth : false } : null, smallest };
    }, key));
    if (key === 'retry' || key === 'hedging') await page.screenshot({ path: `${out}/${key}-phone.png`, fullPage: true });
  }
  result.errors = errors;
} catch (error) {
  result.error = String(error.stack || error);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
