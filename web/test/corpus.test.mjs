// Every corpus report read and checked by the Node build gives the cells `zfxxgk convert --to csv`
// writes and exactly the findings of `zfxxgk check --format json` (run here, on the same files).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const z = createRequire(import.meta.url)(path.join(root, 'web/pkg-node/zfxxgk_web.js'));
const raw = path.join(root, 'tests/data/corpus/raw');
const files = readdirSync(raw).filter((f) => f.endsWith('.txt')).sort();

// Exit status 1 means some report has an error finding: that is what the corpus holds.
const run = spawnSync('cargo', ['run', '-q', '-p', 'zfxxgk-cli', '--', 'check', '--format', 'json',
  ...files.map((f) => path.join('tests/data/corpus/raw', f))], { cwd: root, maxBuffer: 1 << 28 });
assert.ok(run.status === 0 || run.status === 1, `zfxxgk check exited ${run.status}`);
const cli = run.stdout.toString().trim().split('\n').map((l) => JSON.parse(l));

test('the corpus is there', () => {
  assert.ok(files.length >= 40);
  assert.equal(cli.length, files.length);
});

for (const [i, f] of files.entries()) {
  test(f, () => {
    const bytes = readFileSync(path.join(raw, f));
    const line = cli[i];
    assert.equal(path.basename(line.file), f);
    const report = z.read(bytes, f);
    assert.deepEqual(z.check(report), line.findings);
    assert.equal(report.issuer, line.issuer);
    // The cells: what `zfxxgk convert --to csv` writes for the file.
    const csv = spawnSync('cargo', ['run', '-q', '-p', 'zfxxgk-cli', '--', 'convert', '--to', 'csv',
      path.join('tests/data/corpus/raw', f)], { cwd: root, maxBuffer: 1 << 26 });
    assert.equal(csv.status, 0);
    assert.equal(z.render(report, 'csv'), csv.stdout.toString());
    // Changed, it is checked from its JSON: the reader's notes are no longer the check's.
    const copy = JSON.parse(JSON.stringify(report));
    copy.issuer += '（副本）';
    assert.ok(Array.isArray(z.check(copy)));
  });
}

test('errors carry kind and position', () => {
  assert.throws(() => z.read(Buffer.from('{"issuer": 3'), 'json'),
    (e) => e instanceof Error && e.kind === 'syntax' && e.line === 1);
  assert.throws(() => z.read(Buffer.from('nothing here'), 'text'), (e) => e.kind === 'not-a-report');
});

test('build computes totals; catalogue lists the tables', () => {
  const r = z.build({ issuer: '某县某局', year: 2024, cells: { 'applications/received/natural_person': 3 } });
  assert.equal(r.edition, '2021');
  assert.deepEqual(z.check(r).filter((x) => x.severity === 'error'), []);
  const c = z.catalogue('2021');
  assert.deepEqual(c.tables.map((t) => t.key), ['proactive', 'applications', 'appeals']);
  assert.ok(z.render(r, 'xlsx') instanceof Uint8Array);
});
