// The filing form (web/form/) in Debian's Chromium, driven by playwright-core: web/ served from
// a loopback server on a random port, every request that would leave 127.0.0.1 recorded and
// refused. Needs web/pkg (web/build.sh) and `npm ci` in web/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { serve, launch, root } from '../tools/chromium.mjs';

const z = createRequire(import.meta.url)(path.join(root, 'web/pkg-node/zfxxgk_web.js'));
const SEED = path.join(root, 'tests/data/corpus/expected/000_499bb3d63922cf9c.cells.csv');
const work = mkdtempSync(path.join(tmpdir(), 'zfxxgk-form-'));

let server;
let browser;
// Requests to anything but the loopback server, per page.
const outside = [];
const seen = [];

before(async () => {
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open() {
  const context = await browser.newContext({ viewport: { width: 1500, height: 1100 }, acceptDownloads: true });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    seen.push(url);
    if (url.startsWith(`${server.url}/`)) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => d.accept());
  await page.goto(`${server.url}/form/`);
  await page.waitForSelector('body[data-ready=true]');
  return { page, context, errors };
}

const cell = (page, key) => page.locator(`input[data-key="${key}"]`);

// The seed report's figures, as its cells CSV gives them: every cell that is not blank and not
// a total the form computes.
function seedFigures() {
  const lines = readFileSync(SEED, 'utf8').trim().split('\n').slice(1);
  const out = [];
  for (const line of lines) {
    const [table, row, column, value] = line.split(',');
    if (table === 'report' || value === '') continue;
    out.push([`${table}/${row}/${column}`, value]);
  }
  return out;
}

async function fillSeed(page) {
  await page.fill('#issuer', '彭阳县退役军人事务局');
  await page.fill('#year', '2020');
  let filled = 0;
  for (const [key, value] of seedFigures()) {
    const input = cell(page, key);
    assert.equal(await input.count(), 1, `no input for ${key}`);
    if (await input.getAttribute('readonly') !== null) continue;
    await input.fill(value);
    filled += 1;
  }
  return filled;
}

// Every input's value by key.
const values = (page) => page.evaluate(() => Object.fromEntries(
  [...document.querySelectorAll('input[data-key]')].map((i) => [i.dataset.key, i.value])));

const rules = (page) => page.evaluate(() =>
  [...document.querySelectorAll('#findings li')].map((li) => `${li.dataset.rule} ${li.dataset.key}`));

test('each input has its key and official labels; the seed fills in with no error', async () => {
  const { page, context, errors } = await open();
  const filled = await fillSeed(page);
  // Every figure of the seed but its totals, which the form computes.
  const computed = new Set(z.layout('2019').tables.flatMap((t) => t.body.flat())
    .filter((c) => c.computed).map((c) => c.key));
  const figures = seedFigures();
  assert.equal(filled, figures.filter(([k]) => !computed.has(k)).length);
  assert.ok(filled >= 50 && filled < figures.length, `filled ${filled}`);
  // 2020 is the 2019 edition: its section 二 rows.
  assert.equal(await cell(page, 'proactive/regulations/newly_made').count(), 1);
  assert.equal(await cell(page, 'proactive/regulations/issued').count(), 0);
  const label = await cell(page, 'applications/granted/natural_person').getAttribute('aria-label');
  assert.match(label, /（一）予以公开/);
  assert.match(label, /自然人/);
  // Every input: a CELLS.md key and an accessible name.
  const bad = await page.evaluate(() => [...document.querySelectorAll('input[data-key]')]
    .filter((i) => !/^(proactive|applications|appeals)\/[a-z_.]+\/[a-z_]+$/.test(i.dataset.key)
      || !i.getAttribute('aria-label')).map((i) => i.dataset.key));
  assert.deepEqual(bad, []);
  // Merged header cells as the official table has them.
  assert.equal(await page.locator('table[data-table=applications] thead th[colspan="5"]').textContent(), '法人或其他组织');
  // Totals computed as typed, blank where nothing is typed.
  assert.equal(await cell(page, 'applications/total/natural_person').inputValue(), '0');
  assert.equal(await cell(page, 'applications/withheld.state_secret/total').inputValue(), '');
  assert.equal(await cell(page, 'applications/withheld.state_secret/natural_person').inputValue(), '');
  assert.equal(await cell(page, 'appeals/review/total').getAttribute('readonly'), '');
  const found = await rules(page);
  assert.ok(!found.some((r) => r.startsWith('applications.') || r.startsWith('appeals.')), found.join('\n'));
  assert.ok(found.includes('cell.blank applications/withheld.state_secret/'), found.join('\n'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('applications.balance appears when 结转 is made wrong, within the keystroke, and goes when fixed', async () => {
  const { page, context } = await open();
  await fillSeed(page);
  const key = 'applications/carried_forward/natural_person';
  const finding = '[data-rule="applications.balance"][data-key="applications//natural_person"]';
  assert.equal(await page.locator(finding).count(), 0);
  // Type the total instead of computing it.
  await page.click(`button[data-manual="${key}"]`);
  assert.equal(await cell(page, key).getAttribute('readonly'), null);
  // In the same task as the input event: no frame passes between keystroke and finding.
  const shown = await page.evaluate(([k, f]) => {
    const i = document.querySelector(`input[data-key="${k}"]`);
    i.value = '5';
    i.dispatchEvent(new Event('input', { bubbles: true }));
    return { list: document.querySelectorAll(`#findings li${f}`).length,
      cell: i.parentElement.querySelectorAll(`.mark${f}`).length,
      invalid: i.getAttribute('aria-invalid') };
  }, [key, finding]);
  assert.deepEqual(shown, { list: 1, cell: 1, invalid: 'true' });
  const message = await page.locator(`#findings li${finding} .msg`).textContent();
  assert.match(message, /自然人/);
  // The typed 结转 goes into its row's 总计: only the balance is wrong.
  assert.equal(await cell(page, 'applications/carried_forward/total').inputValue(), '5');
  assert.ok(!(await rules(page)).some((r) => r.startsWith('applications.row-total')));
  if (process.env.ZFXXGK_SCREENSHOT) {
    await cell(page, 'applications/received/natural_person').scrollIntoViewIfNeeded();
    await page.screenshot({ path: process.env.ZFXXGK_SCREENSHOT });
  }
  await cell(page, key).fill('0');
  assert.equal(await page.locator(finding).count(), 0);
  // Back to computed: the balance is the form's again.
  await cell(page, key).fill('7');
  assert.equal(await page.locator(`#findings li${finding}`).count(), 1);
  await page.click(`button[data-manual="${key}"]`);
  assert.equal(await cell(page, key).inputValue(), '0');
  assert.equal(await page.locator(finding).count(), 0);
  await context.close();
});

async function pasteAt(page, key, text) {
  await cell(page, key).focus();
  await page.evaluate(([k, t]) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.querySelector(`input[data-key="${k}"]`)
      .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, [key, text]);
}

test('a TSV block pastes at the cursor; a pasted total that disagrees is kept and checked', async () => {
  const { page, context } = await open();
  await page.fill('#year', '2024');
  // A row copied from a spreadsheet, with its 总计, then a second row below it.
  await pasteAt(page, 'applications/received/natural_person', '1\t2\t3\t4\t5\t6\t21\r\n7\t0\t0\t0\t0\t1\t8\r\n');
  const v = await values(page);
  const row = (r) => ['natural_person', 'commercial', 'research', 'social_welfare', 'legal_service', 'other', 'total']
    .map((c) => v[`applications/${r}/${c}`]);
  assert.deepEqual(row('received'), ['1', '2', '3', '4', '5', '6', '21']);
  assert.deepEqual(row('carried_over'), ['7', '0', '0', '0', '0', '1', '8']);
  // The totals agreed with the parts: still computed.
  assert.equal(await cell(page, 'applications/received/total').getAttribute('readonly'), '');
  // Pasted mid-row into the appeals table (one row of fifteen cells): from the cursor on.
  await pasteAt(page, 'appeals/review/corrected', '0\t0\t2\t9\t1');
  assert.equal(await cell(page, 'appeals/review/pending').inputValue(), '2');
  assert.equal(await cell(page, 'appeals/review/upheld').inputValue(), '');
  await cell(page, 'appeals/review/upheld').fill('0');
  // 9 differs from the computed 2: a typed total, and the check says so.
  assert.equal(await cell(page, 'appeals/review/total').inputValue(), '9');
  assert.equal(await cell(page, 'appeals/review/total').getAttribute('readonly'), null);
  assert.equal(await cell(page, 'appeals/litigation_direct/upheld').inputValue(), '1');
  const found = await rules(page);
  assert.ok(found.includes('appeals.total appeals/review/total'), found.join('\n'));
  await context.close();
});

test('keyboard: Enter and arrows move by the grid, Tab skips computed totals', async () => {
  const { page, context } = await open();
  await page.fill('#year', '2024');
  const focused = () => page.evaluate(() => document.activeElement?.dataset?.key);
  await cell(page, 'applications/received/natural_person').focus();
  await page.keyboard.press('Enter');
  assert.equal(await focused(), 'applications/carried_over/natural_person');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(), 'applications/carried_over/commercial');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), 'applications/received/commercial');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await focused(), 'applications/received/natural_person');
  await cell(page, 'applications/received/other').focus();
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'applications/carried_over/natural_person');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), 'applications/granted/natural_person');
  await context.close();
});

test('last year\'s JSON prefills 上年结转 and the series checks show', async () => {
  const { page, context } = await open();
  await fillSeed(page);
  const last = z.build({ issuer: '彭阳县退役军人事务局', year: 2019, cells: {
    'applications/received/natural_person': 5, 'applications/received/commercial': 2,
    'applications/granted/natural_person': 2 } });
  assert.equal(last.applications.carried_forward.natural_person, 3);
  const file = path.join(work, 'last.json');
  writeFileSync(file, z.render(last, 'json'));
  await page.setInputFiles('#import-prior', file);
  await page.waitForFunction(() => document.querySelector('#prior').textContent.includes('last.json'));
  assert.equal(await cell(page, 'applications/carried_over/natural_person').inputValue(), '3');
  assert.equal(await cell(page, 'applications/carried_over/commercial').inputValue(), '2');
  assert.equal(await cell(page, 'applications/carried_over/research').inputValue(), '0');
  assert.equal(await cell(page, 'applications/carried_over/total').inputValue(), '5');
  assert.equal(await page.locator('[data-rule="series.carry-over"]').count(), 0);
  // Now differ from last year's 结转下年度继续办理.
  await cell(page, 'applications/carried_over/natural_person').fill('4');
  const found = await rules(page);
  assert.ok(found.includes('series.carry-over applications/carried_over/natural_person'), found.join('\n'));
  await context.close();
});

async function exported(page, form) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click(`[data-export="${form}"]`),
  ]);
  const file = path.join(work, `export-${form}-${download.suggestedFilename()}`);
  await download.saveAs(file);
  return file;
}

test('export then import back gives identical cells (CSV, JSON, HTML, XLSX, DOCX)', async () => {
  const { page, context } = await open();
  await fillSeed(page);
  await pasteAt(page, 'applications/received/natural_person', '4\t1');
  await cell(page, 'applications/granted/natural_person').fill('2');
  await page.click('button[data-manual="applications/carried_forward/natural_person"]');
  await cell(page, 'applications/carried_forward/natural_person').fill('1');
  await page.fill('#published', '2021-01-25');
  const before = await values(page);
  const csv = await exported(page, 'csv');
  const text = readFileSync(csv, 'utf8');
  assert.match(text, /^table,row,column,value\n/);
  assert.match(text, /applications,carried_forward,natural_person,1\n/);
  const back = async (file, form) => {
    await page.click('#clear');
    assert.equal(await cell(page, 'applications/received/natural_person').inputValue(), '');
    await page.setInputFiles('#import', file);
    await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('已导入'));
    assert.deepEqual(await values(page), before, form);
    assert.equal(await page.inputValue('#issuer'), '彭阳县退役军人事务局');
    // The typed 结转 came back as typed, not recomputed.
    assert.equal(await cell(page, 'applications/carried_forward/natural_person').getAttribute('readonly'), null, form);
  };
  await back(csv, 'csv');
  // The CSV written again is the same text, published date included.
  assert.equal(readFileSync(await exported(page, 'csv'), 'utf8'), text);
  for (const form of ['json', 'html', 'xlsx', 'docx']) await back(await exported(page, form), form);
  await context.close();
});

test('a reload keeps the draft; the edition override shows structure.edition', async () => {
  const { page, context } = await open();
  await fillSeed(page);
  await cell(page, 'applications/received/natural_person').fill('6');
  await page.click('button[data-manual="appeals/review/total"]');
  await cell(page, 'appeals/review/total').fill('3');
  await page.locator('textarea[data-prose=overview]').fill('本年度共计公开信息 3 条。');
  const before = await values(page);
  await page.reload();
  await page.waitForSelector('body[data-ready=true]');
  assert.deepEqual(await values(page), before);
  assert.equal(await page.inputValue('#issuer'), '彭阳县退役军人事务局');
  assert.equal(await cell(page, 'appeals/review/total').getAttribute('readonly'), null);
  assert.equal(await page.locator('textarea[data-prose=overview]').inputValue(), '本年度共计公开信息 3 条。');
  // 2020 with the 2021 edition: the other layout, and the warning.
  assert.equal(await page.locator('[data-rule="structure.edition"]').count(), 0);
  await page.selectOption('#edition', '2021');
  assert.equal(await cell(page, 'proactive/regulations/issued').count(), 1);
  assert.ok((await rules(page)).includes('structure.edition report/edition/'));
  // The section 三 figures stay: the same keys in both editions.
  assert.equal(await cell(page, 'applications/received/natural_person').inputValue(), '6');
  await context.close();
});

test('no request leaves the loopback server', () => {
  // Runs last: every page above went through the route that records them.
  assert.ok(seen.some((u) => u.endsWith('.wasm')), 'the route saw the module load');
  assert.deepEqual(outside, []);
});
