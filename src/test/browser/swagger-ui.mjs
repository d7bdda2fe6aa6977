// Opens Swagger UI in headless Chromium, runs GET /demo/deadline and the gateway's POST /api/hello (a route of an
// HTTP rule, its body prefilled from the schema built from the descriptors) through "Try it out" and reports what
// the page rendered, as one JSON line. Usage: node swagger-ui.mjs BASE_URL SCREENSHOT_PATH
import { launch } from './chromium.mjs';

const [base, screenshot] = process.argv.slice(2);
const browser = await launch();
const result = {};
try {
  const page = await browser.newPage();
  await page.goto(`${base}/q/swagger-ui/`, { waitUntil: 'domcontentloaded', timeout: 30000 });
  const operation = page.locator('#operations-demo-get_demo_deadline');
  await operation.locator('.opblock-summary').click({ timeout: 30000 });
  await operation.getByRole('button', { name: 'Try it out' }).click();
  result.deadlineMsPrefilled = await operation.locator('tr[data-param-name="deadlineMs"] input').inputValue();
  await operation.locator('tr[data-param-name="deadlineMs"] input').fill('1000');
  await operation.locator('tr[data-param-name="delayMs"] input').fill('2000');
  await operation.getByRole('button', { name: 'Execute' }).click();
  const body = operation.locator('.live-responses-table .response-col_description .microlight').first();
  await body.waitFor({ timeout: 30000 });
  result.statusCode = (await operation.locator('.live-responses-table tbody .response-col_status').first().innerText()).trim();
  result.body = JSON.parse(await body.innerText());
  await page.screenshot({ path: screenshot, fullPage: true });

  const hello = page.locator('.opblock')
    .filter({ has: page.locator('.opblock-summary-path[data-path="/api/hello"]') });
  await hello.locator('.opblock-summary').click({ timeout: 30000 });
  await hello.getByRole('button', { name: 'Try it out' }).click();
  result.helloBodyPrefilled = JSON.parse(await hello.locator('textarea.body-param__text').inputValue());
  await hello.getByRole('button', { name: 'Execute' }).click();
  const helloBody = hello.locator('.live-responses-table .response-col_description .microlight').first();
  await helloBody.waitFor({ timeout: 30000 });
  result.helloStatusCode = (await hello.locator('.live-responses-table tbody .response-col_status').first()
    .innerText()).trim();
  result.helloBody = JSON.parse(await helloBody.innerText());
} catch (error) {
  result.error = String(error);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
process.exit(result.error ? 1 : 0);
