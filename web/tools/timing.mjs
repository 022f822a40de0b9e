// `check` of a typical report in Chromium beside `JSON.parse` of the same report's JSON, in the
// same run: 1,000 calls each, timed with performance.now() (BENCHMARKS.md, "Browser").
// Usage: node web/tools/timing.mjs [CELLS_CSV]   (web/build.sh and npm ci in web/ first)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { serve, launch, root } from './chromium.mjs';

const file = process.argv[2]
  ?? path.join(root, 'tests/data/corpus/expected/008_huaian-city-2024-pypdf.cells.csv');
const csv = readFileSync(file, 'utf8');
const server = await serve();
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}/form/`);
  await page.waitForSelector('body[data-ready=true]');
  const result = await page.evaluate(async (text) => {
    const z = await import('/pkg/zfxxgk_web.js');
    await z.default();
    const N = 1000;
    const asRead = z.read(new TextEncoder().encode(text), 'report.cells.csv');
    // The form's case: a report as typed (plain figures, no source positions), not as read, so
    // checked from its JSON.
    const typed = JSON.parse(z.render(asRead, 'json'));
    typed.issuer += '（填报）';
    for (const t of ['proactive', 'applications', 'appeals']) {
      for (const row of Object.values(typed[t] ?? {})) {
        for (const [k, v] of Object.entries(row)) if (v && typeof v === 'object') row[k] = v.value;
      }
    }
    const json = JSON.stringify(typed);
    // 1,000 calls of each, in 10 interleaved rounds of 100 so that the load of the shared
    // machine falls on all alike; the per-call figure is the median round's.
    let sink = 0;
    const fns = {
      parse: () => { sink += JSON.parse(json).year; },
      checkTyped: () => { sink += z.check(typed).length; },
      checkRead: () => { sink += z.check(asRead).length; },
      complete: () => { sink += z.complete(typed).year; },
    };
    const rounds = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
    for (const f of Object.values(fns)) for (let i = 0; i < 100; i += 1) f();
    for (let r = 0; r < N / 100; r += 1) {
      for (const [k, f] of Object.entries(fns)) {
        const t0 = performance.now();
        for (let i = 0; i < 100; i += 1) f();
        rounds[k].push((performance.now() - t0) / 100);
      }
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const { parse, checkTyped, checkRead, complete } = Object.fromEntries(
      Object.entries(rounds).map(([k, xs]) => [k, median(xs)]));
    return { bytes: json.length, findings: z.check(typed).length, parse, checkTyped, checkRead, complete, sink };
  }, csv);
  const ms = (x) => `${(x * 1000).toFixed(1)} µs`;
  console.log(`report: ${path.basename(file)} (JSON ${result.bytes} bytes, ${result.findings} findings)`);
  console.log(`JSON.parse of its JSON:        ${ms(result.parse)} per call`);
  console.log(`check (a report as typed):     ${ms(result.checkTyped)} per call, ${(result.checkTyped / result.parse).toFixed(1)}× JSON.parse`);
  console.log(`check (the report as read):    ${ms(result.checkRead)} per call, ${(result.checkRead / result.parse).toFixed(1)}× JSON.parse`);
  console.log(`complete (totals of the form): ${ms(result.complete)} per call, ${(result.complete / result.parse).toFixed(1)}× JSON.parse`);
} finally {
  await browser.close();
  await server.close();
}
