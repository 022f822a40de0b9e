// The parts of the package the filing form stands on, in the Node build: layout(), complete()
// with totals typed by hand, and the DOCX writer read back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const z = createRequire(import.meta.url)(path.join(root, 'web/pkg-node/zfxxgk_web.js'));

test('layout: every cell of the catalogue once, labels as the catalogue gives them', () => {
  for (const edition of ['2019', '2021']) {
    const layout = z.layout(edition);
    const catalogue = z.catalogue(edition);
    const keys = layout.tables.flatMap((t) => t.body.flat()).filter((c) => c.key).map((c) => c.key);
    const want = catalogue.tables.flatMap((t) => t.groups.flatMap((g) =>
      g.rows.flatMap((r) => g.columns.map((c) => `${t.key}/${r.key}/${c.key}`))));
    assert.deepEqual([...keys].sort(), [...want].sort(), edition);
    // The header rows carry the catalogue's column labels (and groups) of sections 三 and 四.
    for (const key of ['applications', 'appeals']) {
      const head = new Set(layout.tables.find((t) => t.key === key).head.flat().map((c) => c.label));
      const table = catalogue.tables.find((t) => t.key === key);
      for (const c of table.groups[0].columns) {
        assert.ok(head.has(c.label), `${key}: ${c.label}`);
        if (c.group) assert.ok(head.has(c.group), `${key}: ${c.group}`);
      }
    }
    // Computed cells are the catalogue's computed rows and columns.
    const computed = layout.tables.flatMap((t) => t.body.flat()).filter((c) => c.computed).map((c) => c.key);
    assert.ok(computed.includes('applications/carried_forward/natural_person'));
    assert.ok(computed.includes('appeals/litigation_direct/total'));
    assert.ok(!computed.some((k) => k.startsWith('proactive/')));
  }
  assert.throws(() => z.layout('1999'), (e) => e.kind === 'invalid-argument');
});

test('complete keeps the totals typed by hand and sums them', () => {
  const r = z.build({ issuer: '某局', year: 2024, cells: { 'applications/received/natural_person': 4 } });
  r.applications.carried_forward.natural_person = 9;
  const kept = z.complete(r, ['applications/carried_forward/natural_person']);
  assert.equal(kept.applications.carried_forward.natural_person, 9);
  assert.equal(kept.applications.carried_forward.total, 9);
  assert.ok(z.check(kept).some((f) => f.rule === 'applications.balance'));
  const computed = z.complete(r);
  assert.equal(computed.applications.carried_forward.natural_person, 4);
  assert.ok(!z.check(computed).some((f) => f.rule === 'applications.balance'));
  assert.throws(() => z.complete(r, ['no/such/cell']), (e) => e.kind === 'invalid-argument');
});

test('DOCX renders and reads back to the same cells', () => {
  const r = z.build({ issuer: '某局', year: 2024, cells: {
    'applications/received/natural_person': 4, 'applications/granted/natural_person': 3,
    'appeals/review/upheld': 1, 'proactive/fees/amount': '12.5' } });
  const docx = z.render(r, 'docx');
  assert.ok(docx instanceof Uint8Array);
  assert.equal(z.render(z.read(docx, 'r.docx'), 'csv'), z.render(r, 'csv'));
});
