// The filing form: the official tables of the report's edition drawn from the package's
// `layout()` and `catalogue()`, every keystroke checked by the package's `check()` (and
// `series()` against last year's report), totals computed by `complete()`. Nothing leaves the
// browser: the draft lives in localStorage, files are read and written locally.
import init, * as z from '../pkg/zfxxgk_web.js';

const DRAFT = 'zfxxgk.form.draft.v1';
const SEVERITY = { error: '错误', warning: '警告', info: '提示' };
const ORDER = { error: 0, warning: 1, info: 2 };
const TABLES = ['proactive', 'applications', 'appeals'];

// The draft: what the person typed, nothing computed.
let state = blank();
// The drawn edition's layout: key → {input, td, cell, table, row, col}.
let cells = new Map();
let drawn = null;
// The last report checked, with its totals.
let current = null;

function blank() {
  return {
    issuer: '', year: '', edition: '', published: '', kind: '',
    prose: {}, cells: {}, manual: {}, prior: null, priorName: '',
  };
}

const $ = (id) => document.getElementById(id);

function status(text, isError = false) {
  const s = $('status');
  s.textContent = text;
  s.classList.toggle('error', isError);
}

// The edition the year implies, as the library decides it.
function editionOfYear() {
  const year = Number(state.year);
  if (!Number.isInteger(year) || year < 1 || year > 65535) return '2021';
  return z.build({ issuer: '-', year }).edition;
}

function edition() {
  return state.edition || editionOfYear();
}

// ---------------------------------------------------------------------------------------------
// Drawing the tables
// ---------------------------------------------------------------------------------------------

function draw() {
  const ed = edition();
  const layout = z.layout(ed);
  const catalogue = z.catalogue(ed);
  const main = $('tables');
  main.replaceChildren();
  cells = new Map();
  const headings = layout.headings;
  const section = (i, el) => {
    const h = document.createElement('h2');
    h.textContent = headings[i];
    el.append(h);
    return h;
  };
  const prose = (i, field) => {
    const wrap = document.createElement('section');
    section(i, wrap);
    const t = document.createElement('textarea');
    t.rows = 3;
    t.dataset.prose = field;
    t.setAttribute('aria-label', headings[i]);
    t.value = state.prose[field] ?? '';
    t.addEventListener('input', () => {
      if (t.value === '') delete state.prose[field];
      else state.prose[field] = t.value;
      changed();
    });
    wrap.append(t);
    main.append(wrap);
  };
  prose(0, 'overview');
  const byTable = {};
  for (const key of TABLES) {
    const wrap = document.createElement('section');
    wrap.dataset.table = key;
    const label = catalogue.tables.find((t) => t.key === key)?.label;
    const h = section(TABLES.indexOf(key) + 1, wrap);
    h.dataset.tableKey = key;
    if (label) h.title = label;
    byTable[key] = wrap;
    main.append(wrap);
  }
  for (const [ti, t] of layout.tables.entries()) {
    byTable[t.key].append(table(t, ti));
  }
  prose(4, 'problems');
  prose(5, 'other');
  drawn = ed;
  const lost = Object.keys(state.cells).filter((k) => !cells.has(k));
  if (lost.length) {
    status(`草稿中有 ${lost.length} 个单元格不属于 ${ed} 版式，已保留（换回版式即可见）。`);
  }
}

// One official table: the cells laid out as HTML lays out rowspan/colspan, so that arrow keys
// can move by grid position.
function table(t, index) {
  const el = document.createElement('table');
  el.dataset.table = t.key;
  if (t.caption) {
    const c = document.createElement('caption');
    c.textContent = t.caption;
    el.append(c);
  }
  const taken = [];
  const place = (r, span) => {
    taken[r] ??= [];
    let c = 0;
    while (taken[r][c]) c += 1;
    for (let dr = 0; dr < span.rows; dr += 1) {
      taken[r + dr] ??= [];
      for (let dc = 0; dc < span.cols; dc += 1) taken[r + dr][c + dc] = true;
    }
    return c;
  };
  const part = (tag, rows, offset) => {
    const section = document.createElement(tag);
    for (const [i, spans] of rows.entries()) {
      const tr = document.createElement('tr');
      for (const span of spans) {
        const col = place(offset + i, span);
        const cell = document.createElement(span.key ? 'td' : 'th');
        if (span.rows > 1) cell.rowSpan = span.rows;
        if (span.cols > 1) cell.colSpan = span.cols;
        if (span.key) {
          cell.append(...input(span, t.key, index, offset + i, col));
        } else {
          cell.textContent = span.label;
          if (tag === 'tbody') cell.scope = 'row';
        }
        tr.append(cell);
      }
      section.append(tr);
    }
    el.append(section);
  };
  part('thead', t.head, 0);
  part('tbody', t.body, t.head.length);
  return el;
}

function input(span, tableKey, tableIndex, row, col) {
  const i = document.createElement('input');
  i.dataset.key = span.key;
  i.setAttribute('aria-label', span.label);
  i.inputMode = span.type === 'amount' ? 'decimal' : 'numeric';
  i.autocomplete = 'off';
  i.spellcheck = false;
  i.size = 4;
  i.value = state.cells[span.key] ?? '';
  i.addEventListener('input', () => typed(i));
  i.addEventListener('keydown', (e) => key(e, i));
  i.addEventListener('paste', (e) => paste(e, i));
  const out = [i];
  const info = { input: i, span, table: tableKey, tableIndex, row, col, toggle: null };
  if (span.computed) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'manual';
    b.tabIndex = -1;
    b.dataset.manual = span.key;
    b.addEventListener('click', () => toggleManual(span.key));
    info.toggle = b;
    out.push(b);
  }
  cells.set(span.key, info);
  computedLook(info);
  return out;
}

// A computed cell is read-only unless the person chose to type it.
function computedLook(info) {
  if (!info.span.computed) return;
  const manual = Boolean(state.manual[info.span.key]);
  info.input.readOnly = !manual;
  info.input.tabIndex = manual ? 0 : -1;
  info.input.classList.toggle('computed', !manual);
  info.input.classList.toggle('typed-total', manual);
  info.toggle.textContent = manual ? '↺' : '✎';
  const what = manual ? '恢复自动计算' : '手工填写';
  info.toggle.title = `${what}：${info.span.label}`;
  info.toggle.setAttribute('aria-label', info.toggle.title);
}

function toggleManual(key) {
  const info = cells.get(key);
  if (state.manual[key]) {
    delete state.manual[key];
    delete state.cells[key];
  } else {
    state.manual[key] = true;
    // Start from what it shows: the computed figure.
    state.cells[key] = info.input.value;
  }
  computedLook(info);
  changed();
  if (state.manual[key]) info.input.focus();
}

function typed(i) {
  const key = i.dataset.key;
  const info = cells.get(key);
  if (info.span.computed && !state.manual[key]) return;
  if (i.value.trim() === '') delete state.cells[key];
  else state.cells[key] = i.value;
  changed();
}

// ---------------------------------------------------------------------------------------------
// The report, its totals and its findings
// ---------------------------------------------------------------------------------------------

// A typed value as a cell of the report's JSON: a whole number as a number, anything else as
// the text typed (an amount such as "7730.28", a mark such as "/", or an invalid entry the
// check then names).
function cellValue(text) {
  const t = text.trim();
  if (t === '') return null;
  if (/^-?\d{1,15}$/.test(t)) return Number(t);
  return t;
}

// The report as typed: every cell of the edition, blank where nothing is typed; totals left out
// unless typed by hand.
function typedReport() {
  const year = Number(state.year);
  const report = {
    issuer: state.issuer,
    year: Number.isInteger(year) && year > 0 && year < 65536 ? year : 0,
    edition: edition(),
  };
  if (state.published) report.published = state.published;
  if (state.kind) report.kind = state.kind;
  for (const [field, text] of Object.entries(state.prose)) report[field] = text;
  for (const t of TABLES) report[t] = {};
  for (const [key, info] of cells) {
    const [t, row, col] = key.split('/');
    const manual = info.span.computed && state.manual[key];
    const value = info.span.computed && !manual ? null : cellValue(state.cells[key] ?? '');
    (report[t][row] ??= {})[col] = value;
  }
  return report;
}

function valueOf(cell) {
  if (cell && typeof cell === 'object') return valueOf(cell.value);
  if (cell === null || cell === undefined) return '';
  return String(cell);
}

function cellOf(report, key) {
  const [t, row, col] = key.split('/');
  return report?.[t]?.[row]?.[col];
}

// The report with its totals: computed by the package where not typed by hand (a typed total
// counts as given in the totals computed from it).
function completeReport() {
  const typed = Object.keys(state.manual).filter((k) => cells.get(k)?.span.computed);
  return z.complete(typedReport(), typed);
}

function changed() {
  save();
  refresh();
}

function refresh() {
  let report;
  try {
    report = completeReport();
  } catch (e) {
    status(`无法计算：${e.message}`, true);
    return;
  }
  current = report;
  for (const [key, info] of cells) {
    if (info.span.computed && !state.manual[key]) info.input.value = valueOf(cellOf(report, key));
  }
  let findings = z.check(report);
  if (state.prior) {
    try {
      const series = z.series([state.prior, report]);
      findings = findings.concat(series[1] ?? []);
    } catch (e) {
      status(`上年报告无法比较：${e.message}`, true);
    }
  }
  show(findings);
}

// Where a finding is shown: its cell; a column finding (applications.balance) at the column's
// 结转下年度继续办理; a row finding at the row's 总计 (or its first cell); else at its table's
// heading.
function anchorOf(location) {
  const { table: t, row, column } = location;
  const candidates = [];
  if (row && column) candidates.push(`${t}/${row}/${column}`);
  if (!row && column) candidates.push(`${t}/carried_forward/${column}`, `${t}/total/${column}`);
  if (row && !column) {
    candidates.push(`${t}/${row}/total`);
    const first = [...cells.keys()].find((k) => k.startsWith(`${t}/${row}/`));
    if (first) candidates.push(first);
  }
  return candidates.find((k) => cells.has(k)) ?? null;
}

function findingKey(location) {
  return `${location.table ?? ''}/${location.row ?? ''}/${location.column ?? ''}`;
}

function show(findings) {
  const showInfo = $('show-info').checked;
  for (const info of cells.values()) {
    info.input.removeAttribute('aria-invalid');
    info.input.removeAttribute('title');
    info.input.classList.remove('has-error', 'has-warning', 'has-info');
    info.input.parentElement.querySelectorAll('.mark').forEach((m) => m.remove());
  }
  document.querySelectorAll('h2 > .mark').forEach((m) => m.remove());
  const sorted = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
  const counts = { error: 0, warning: 0, info: 0 };
  const list = $('findings');
  const items = [];
  const titles = new Map();
  for (const f of sorted) {
    counts[f.severity] = (counts[f.severity] ?? 0) + 1;
    if (f.severity === 'info' && !showInfo) continue;
    const loc = f.location ?? {};
    const dataKey = findingKey(loc);
    const anchor = anchorOf(loc);
    const li = document.createElement('li');
    li.className = f.severity;
    li.dataset.rule = f.rule;
    li.dataset.key = dataKey;
    const sev = document.createElement('span');
    sev.className = 'sev';
    sev.textContent = SEVERITY[f.severity] ?? f.severity;
    const msg = document.createElement('span');
    msg.className = 'msg';
    msg.textContent = f.message;
    const rule = document.createElement('code');
    rule.textContent = f.rule;
    li.append(sev, msg, rule);
    items.push(li);
    const mark = document.createElement('span');
    mark.className = `mark ${f.severity}`;
    mark.dataset.rule = f.rule;
    mark.dataset.key = dataKey;
    mark.title = f.message;
    mark.textContent = f.severity === 'error' ? '!' : f.severity === 'warning' ? '?' : 'i';
    if (anchor) {
      const info = cells.get(anchor);
      info.input.parentElement.append(mark);
      info.input.classList.add(`has-${f.severity}`);
      if (f.severity === 'error') info.input.setAttribute('aria-invalid', 'true');
      titles.set(anchor, [...(titles.get(anchor) ?? []), f.message]);
      li.addEventListener('click', () => info.input.focus());
      li.addEventListener('keydown', (e) => { if (e.key === 'Enter') info.input.focus(); });
      li.tabIndex = 0;
    } else {
      const h = document.querySelector(`h2[data-table-key="${loc.table}"]`) ?? $('findings-panel').querySelector('h2');
      h.append(mark);
    }
  }
  for (const [key, messages] of titles) cells.get(key).input.title = messages.join('\n');
  list.replaceChildren(...items);
  $('counts').textContent = `错误 ${counts.error} · 警告 ${counts.warning} · 提示 ${counts.info}`;
}

// ---------------------------------------------------------------------------------------------
// Keyboard: Tab (the browser's order; totals skipped unless typed by hand), Enter and arrows
// ---------------------------------------------------------------------------------------------

function ordered() {
  return [...cells.values()];
}

function move(from, dr, dc) {
  const all = ordered();
  let target = null;
  if (dr !== 0) {
    // The nearest cell above or below in the same grid column, else the next table's first.
    const same = all.filter((c) => c.tableIndex === from.tableIndex && c.col === from.col
      && Math.sign(c.row - from.row) === dr);
    same.sort((a, b) => dr * (a.row - b.row));
    target = same[0] ?? null;
    if (!target) {
      const i = all.indexOf(from);
      const step = dr > 0 ? all.slice(i + 1) : all.slice(0, i).reverse();
      target = step.find((c) => c.tableIndex !== from.tableIndex) ?? null;
    }
  } else {
    const i = all.indexOf(from);
    target = all[i + dc] ?? null;
  }
  if (target) {
    target.input.focus();
    target.input.select();
  }
}

function key(e, i) {
  const info = cells.get(i.dataset.key);
  const atStart = i.selectionStart === 0 && i.selectionEnd === 0;
  const atEnd = i.selectionStart === i.value.length && i.selectionEnd === i.value.length;
  const all = i.selectionStart === 0 && i.selectionEnd === i.value.length;
  switch (e.key) {
    case 'Enter': move(info, e.shiftKey ? -1 : 1, 0); break;
    case 'ArrowDown': move(info, 1, 0); break;
    case 'ArrowUp': move(info, -1, 0); break;
    case 'ArrowRight': if (atEnd || all || i.readOnly) move(info, 0, 1); else return; break;
    case 'ArrowLeft': if (atStart || all || i.readOnly) move(info, 0, -1); else return; break;
    default: return;
  }
  e.preventDefault();
}

// ---------------------------------------------------------------------------------------------
// Paste: a block copied from Excel or WPS (rows by newline, cells by tab) at the cursor
// ---------------------------------------------------------------------------------------------

function paste(e, i) {
  const text = e.clipboardData?.getData('text/plain') ?? '';
  if (!text.includes('\t') && !/\r?\n./.test(text.trim())) return;
  e.preventDefault();
  pasteBlock(i.dataset.key, text);
}

// Rows of the block go to the following rows of the table (the data rows, in order), cells of a
// row to the following data cells of that row. A figure pasted into a total that differs from
// the computed one becomes a typed total, so the check compares it: nothing pasted is lost.
export function pasteBlock(startKey, text) {
  const start = cells.get(startKey);
  if (!start) return 0;
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  const rows = [...new Set(ordered().filter((c) => c.tableIndex === start.tableIndex).map((c) => c.row))]
    .sort((a, b) => a - b);
  const r0 = rows.indexOf(start.row);
  const totals = [];
  let placed = 0;
  let dropped = 0;
  for (const [li, line] of lines.entries()) {
    const row = rows[r0 + li];
    const fields = line.split('\t');
    if (row === undefined) { dropped += fields.filter((f) => f.trim() !== '').length; continue; }
    const inRow = ordered().filter((c) => c.tableIndex === start.tableIndex && c.row === row)
      .sort((a, b) => a.col - b.col);
    const c0 = li === 0 ? inRow.indexOf(start) : inRow.findIndex((c) => c.col >= start.col);
    for (const [fi, field] of fields.entries()) {
      const target = c0 < 0 ? undefined : inRow[c0 + fi];
      const value = field.trim();
      if (!target) { if (value !== '') dropped += 1; continue; }
      const key = target.span.key;
      if (target.span.computed && !state.manual[key]) {
        if (value !== '') totals.push([target, value]);
        continue;
      }
      if (value === '') delete state.cells[key];
      else state.cells[key] = value;
      target.input.value = value;
      placed += 1;
    }
  }
  save();
  refresh();
  for (const [target, value] of totals) {
    if (target.input.value.trim() === value) continue;
    state.manual[target.span.key] = true;
    state.cells[target.span.key] = value;
    target.input.value = value;
    computedLook(target);
    placed += 1;
  }
  if (totals.length) changed();
  status(dropped ? `已粘贴 ${placed} 个单元格；${dropped} 个超出表格，未粘贴。` : `已粘贴 ${placed} 个单元格。`, dropped > 0);
  return placed;
}

// ---------------------------------------------------------------------------------------------
// Draft, import, export
// ---------------------------------------------------------------------------------------------

function save() {
  try {
    localStorage.setItem(DRAFT, JSON.stringify(state));
  } catch (e) {
    status(`草稿未能保存：${e.message}`, true);
  }
}

function load() {
  try {
    const text = localStorage.getItem(DRAFT);
    if (text) state = { ...blank(), ...JSON.parse(text) };
  } catch {
    state = blank();
  }
}

function fields() {
  $('issuer').value = state.issuer;
  $('year').value = state.year;
  $('published').value = state.published;
  $('kind').value = state.kind;
  const auto = editionOfYear();
  const sel = $('edition');
  sel.replaceChildren();
  const option = (value, text) => {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = text;
    sel.append(o);
  };
  const doc = (ed) => z.catalogue(ed).document;
  option('', `随年度（${auto} 版：${doc(auto)}）`);
  for (const ed of ['2019', '2021']) option(ed, `${ed} 版：${doc(ed)}`);
  sel.value = state.edition;
  $('prior').textContent = state.prior ? `上年：${state.priorName || state.prior.year}` : '';
  if (state.prior) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = '移除';
    b.addEventListener('click', () => {
      state.prior = null;
      state.priorName = '';
      fields();
      changed();
    });
    $('prior').append(' ', b);
  }
}

function redraw() {
  fields();
  if (drawn !== edition()) draw();
  refresh();
}

async function readFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return z.read(bytes, file.name);
}

function failure(e, file) {
  const where = [e.line && `第 ${e.line} 行`, e.column && `第 ${e.column} 列`].filter(Boolean).join('');
  return `${file.name}：${e.message}${where ? `（${where}）` : ''}${e.kind ? ` [${e.kind}]` : ''}`;
}

// A report read back: every cell it gives, totals kept as computed where they agree with the
// parts and as typed where they do not.
function adopt(report) {
  const prior = state.prior;
  const priorName = state.priorName;
  state = blank();
  state.prior = prior;
  state.priorName = priorName;
  state.issuer = report.issuer ?? '';
  state.year = report.year ? String(report.year) : '';
  state.published = report.published ?? '';
  state.kind = report.kind ?? '';
  for (const f of ['overview', 'problems', 'other']) if (report[f]) state.prose[f] = report[f];
  if (report.edition && report.edition !== editionOfYear()) state.edition = report.edition;
  fields();
  draw();
  for (const [key, info] of cells) {
    const v = valueOf(cellOf(report, key));
    if (v !== '') state.cells[key] = v;
    if (!info.span.computed) info.input.value = v;
  }
  const computed = completeReport();
  for (const [key, info] of cells) {
    if (!info.span.computed) continue;
    const v = state.cells[key] ?? '';
    if (v === valueOf(cellOf(computed, key))) delete state.cells[key];
    else {
      state.manual[key] = true;
      info.input.value = v;
    }
    computedLook(info);
  }
  changed();
}

function prefill(prior) {
  let n = 0;
  for (const [key, info] of cells) {
    const [t, row, col] = key.split('/');
    if (t !== 'applications' || row !== 'carried_over' || info.span.computed) continue;
    const v = valueOf(prior.applications?.carried_forward?.[col]);
    if (v === '') continue;
    state.cells[key] = v;
    info.input.value = v;
    n += 1;
  }
  return n;
}

function download(name, data, type) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const FORMS = {
  json: ['json', 'application/json'],
  csv: ['cells.csv', 'text/csv;charset=utf-8'],
  html: ['html', 'text/html;charset=utf-8'],
  xlsx: ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  docx: ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
};

function exportAs(form) {
  if (!current) refresh();
  try {
    const data = z.render(current, form);
    const [ext, type] = FORMS[form];
    const name = `${state.issuer || '报告'}${state.year || ''}年政府信息公开工作年度报告.${ext}`;
    download(name, data, type);
    status(`已导出 ${name}`);
  } catch (e) {
    status(`导出失败：${e.message}`, true);
  }
}

function wire() {
  const field = (id, name, event = 'input') => $(id).addEventListener(event, () => {
    state[name] = $(id).value.trim();
    if (name === 'year' || name === 'edition') redraw();
    save();
    if (name !== 'year' && name !== 'edition') refresh();
  });
  field('issuer', 'issuer');
  field('year', 'year');
  field('edition', 'edition', 'change');
  field('published', 'published', 'change');
  field('kind', 'kind', 'change');
  $('show-info').addEventListener('change', refresh);
  $('import-prior').addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    try {
      const prior = await readFile(file);
      state.prior = prior;
      state.priorName = file.name;
      const n = prefill(prior);
      fields();
      changed();
      status(`已导入上年报告 ${file.name}（${prior.year} 年），上年结转预填 ${n} 个单元格。`);
    } catch (err) {
      status(failure(err, file), true);
    }
    e.target.value = '';
  });
  $('import').addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    try {
      adopt(await readFile(file));
      status(`已导入 ${file.name}`);
    } catch (err) {
      status(failure(err, file), true);
    }
    e.target.value = '';
  });
  $('clear').addEventListener('click', () => {
    if (!globalThis.confirm || globalThis.confirm('清空所有已填写的内容？')) {
      state = blank();
      save();
      fields();
      draw();
      refresh();
      status('已清空。');
    }
  });
  for (const b of document.querySelectorAll('[data-export]')) {
    b.addEventListener('click', () => exportAs(b.dataset.export));
  }
}

async function main() {
  await init();
  load();
  wire();
  fields();
  draw();
  refresh();
  document.body.dataset.ready = 'true';
  // For vendors who script the page and for the tests.
  globalThis.zfxxgkForm = { z, pasteBlock, report: () => current, state: () => state };
}

main().catch((e) => status(`无法加载校验模块：${e.message}`, true));
