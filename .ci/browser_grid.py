#!/usr/bin/env python3
"""Helper of .ci/browser-check.

inject PAGE OUT      -- adds a script to PAGE that computes, in the browser, the grid of every
                        table (rowspan/colspan resolved) and writes it as JSON into the DOM.
check EDITION DOM    -- reads that JSON from a --dump-dom of the page and compares it with the
                        official tables of EDITION (2019 or 2021); prints what the browser saw.

The expected tables are written here from the format (docs/spec/FORMAT.md), independently of
the crate, so a layout bug in the crate cannot hide itself.
"""
import html
import json
import re
import sys

PROBE = """
<script>
(function () {
  function grid(table) {
    var m = [];
    Array.prototype.forEach.call(table.rows, function (tr, r) {
      m[r] = m[r] || [];
      var c = 0;
      Array.prototype.forEach.call(tr.cells, function (cell) {
        while (m[r][c] !== undefined) c++;
        var v = cell.dataset.cell ? '@' + cell.dataset.cell : cell.textContent.trim();
        for (var i = 0; i < cell.rowSpan; i++) {
          m[r + i] = m[r + i] || [];
          for (var j = 0; j < cell.colSpan; j++) m[r + i][c + j] = v;
        }
        c += cell.colSpan;
      });
    });
    return m;
  }
  var out = Array.prototype.map.call(document.querySelectorAll('table'), function (t) {
    return {
      table: t.dataset.table,
      caption: t.caption ? t.caption.textContent.trim() : null,
      head_rows: t.tHead ? t.tHead.rows.length : 0,
      grid: grid(t)
    };
  });
  var pre = document.createElement('pre');
  pre.id = 'browser-grids';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
"""

NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
APPLICANTS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]

PROACTIVE = {
    "2019": [("第二十条第（一）项", 3, 4), ("第二十条第（五）项", 3, 4), ("第二十条第（六）项", 3, 4),
             ("第二十条第（八）项", 2, 3), ("第二十条第（九）项", 2, 3)],
    "2021": [("第二十条第（一）项", 3, 4), ("第二十条第（五）项", 2, 2), ("第二十条第（六）项", 3, 2),
             ("第二十条第（八）项", 2, 2)],
}


def expected_applications(edition):
    """(rows, cols, anchors): anchors are (row, col, text) the grid must have."""
    other_rows = 1 if edition == "2019" else 3
    outcome_rows = 2 + 8 + 3 + 5 + other_rows + 1  # （一）（二） 三 四 五 六 （七）
    rows = 3 + 2 + outcome_rows + 1
    a = []
    for r in range(3):
        for c in range(3):
            a.append((r, c, NOTE))
    for c in range(3, 10):
        a.append((0, c, "申请人情况"))
    a += [(1, 3, "自然人"), (2, 3, "自然人"), (1, 9, "总计"), (2, 9, "总计")]
    for c in range(4, 9):
        a.append((1, c, "法人或其他组织"))
        a.append((2, c, APPLICANTS[c - 3]))
    for c in range(3):
        a.append((3, c, "一、本年新收政府信息公开申请数量"))
        a.append((4, c, "二、上年结转政府信息公开申请数量"))
        a.append((rows - 1, c, "四、结转下年度继续办理"))
    for r in range(5, 5 + outcome_rows):
        a.append((r, 0, "三、本年度办理结果"))
    a += [(5, 1, "（一）予以公开"), (5, 2, "（一）予以公开"), (6, 1, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")]
    for r in range(7, 15):
        a.append((r, 1, "（三）不予公开"))
    for r in range(15, 18):
        a.append((r, 1, "（四）无法提供"))
    for r in range(18, 23):
        a.append((r, 1, "（五）不予处理"))
    for r in range(23, 23 + other_rows):
        a.append((r, 1, "（六）其他处理"))
    if edition == "2019":
        a.append((23, 2, "（六）其他处理"))
    else:
        a.append((25, 2, "3.其他"))
    a += [(rows - 2, 1, "（七）总计"), (rows - 2, 2, "（七）总计")]
    for r in range(3, rows):
        for c in range(3, 10):
            a.append((r, c, "@"))
    return rows, 10, a


def expected_appeals():
    a = []
    for c in range(15):
        a.append((0, c, "行政复议" if c < 5 else "行政诉讼"))
        a.append((3, c, "@appeals/"))
    for c in range(5):
        a.append((1, c, RESULTS[c]))
        a.append((2, c, RESULTS[c]))
        a.append((1, 5 + c, "未经复议直接起诉"))
        a.append((1, 10 + c, "复议后起诉"))
        a.append((2, 5 + c, RESULTS[c]))
        a.append((2, 10 + c, RESULTS[c]))
    return 4, 15, a


def inject(page, out):
    text = open(page, encoding="utf-8").read()
    if "</body>" not in text:
        sys.exit(f"{page}: no </body>")
    open(out, "w", encoding="utf-8").write(text.replace("</body>", PROBE + "</body>", 1))


def check(edition, dom):
    text = open(dom, encoding="utf-8").read()
    m = re.search(r'<pre id="browser-grids">(.*?)</pre>', text, re.S)
    if not m:
        print(f"browser-check {edition}: the probe did not run (no grid in the DOM)")
        return 1
    tables = json.loads(html.unescape(m.group(1)))
    problems = []
    print(f"browser-check {edition}: the browser built {len(tables)} tables")
    for t in tables:
        g = t["grid"]
        widths = sorted({len(r) for r in g})
        holes = sum(1 for r in g for v in r if v is None)
        print(f"  {t['table']:<12} {t['caption'] or '':<12} {len(g)} rows x {'/'.join(map(str, widths))} columns"
              f" ({t['head_rows']} header rows){', %d holes' % holes if holes else ''}")
    expected = [("proactive", cap, r, c, []) for cap, r, c in PROACTIVE[edition]]
    expected.append(("applications", None) + expected_applications(edition))
    expected.append(("appeals", None) + expected_appeals())
    if len(tables) != len(expected):
        problems.append(f"expected {len(expected)} tables, the browser saw {len(tables)}")
    for t, (key, cap, rows, cols, anchors) in zip(tables, expected):
        g = t["grid"]
        name = f"{key} {cap or ''}".strip()
        if t["table"] != key or t["caption"] != cap:
            problems.append(f"{name}: the browser saw table {t['table']} captioned {t['caption']}")
        if len(g) != rows or any(len(r) != cols or None in r for r in g):
            problems.append(f"{name}: expected {rows}x{cols}, the browser saw "
                            f"{len(g)} rows of {[len(r) for r in g]} columns")
            continue
        for r, c, want in anchors:
            got = g[r][c]
            ok = got.startswith(want) if want.startswith("@") else got == want
            if not ok:
                problems.append(f"{name}: at row {r + 1}, column {c + 1} expected {want!r}, the browser saw {got!r}")
    if problems:
        print(f"browser-check {edition}: {len(problems)} mismatches")
        for p in problems[:40]:
            print("  " + p)
        return 1
    print(f"browser-check {edition}: every table is the official one")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "inject":
        inject(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "check":
        sys.exit(check(sys.argv[2], sys.argv[3]))
    else:
        sys.exit(__doc__)
