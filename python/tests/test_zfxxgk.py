import faulthandler, glob, json, os, subprocess, sys, threading
import pytest
import zfxxgk

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = sorted(glob.glob(os.path.join(ROOT, "tests/data/corpus/raw/*.txt")))
CLI = os.environ.get("ZFXXGK_CLI", os.path.join(ROOT, "target/debug/zfxxgk"))
ORIGINALS = os.path.join(ROOT, "tests/data/originals")
PDFS = sorted(glob.glob(os.path.join(ORIGINALS, "*.pdf")))
DOCXS = sorted(glob.glob(os.path.join(ORIGINALS, "*.docx")))


def cli_lines(*args):
    out = subprocess.run([CLI, "check", "--format", "json", *args], capture_output=True, text=True)
    return [json.loads(l) for l in out.stdout.splitlines()]


def test_corpus_present():
    assert CORPUS


@pytest.mark.parametrize("path", CORPUS, ids=os.path.basename)
def test_corpus_matches_cli(path):
    out = subprocess.run([CLI, "check", "--format", "json", path], capture_output=True, text=True)
    line = json.loads(out.stdout.splitlines()[0])
    report = zfxxgk.read(path)
    assert report.issuer == line["issuer"] and report.year == line["year"]
    assert [f.to_dict() for f in report.check()] == line["findings"]
    base = os.path.basename(path)[:-4]
    expected = os.path.join(ROOT, "tests/data/corpus/expected", base + ".cells.csv")
    if os.path.exists(expected):
        import csv
        with open(expected, encoding="utf-8") as f:
            want = [{k: r.get(k) or "" for k in ("table", "row", "column", "value")} for r in csv.DictReader(f)]
        got = report.cells()
        key = lambda c: (c["table"], c["row"], c["column"])
        gotd = {key(c): c["value"] for c in got}
        for c in want:
            if c["table"] in ("proactive", "applications", "appeals"):
                assert gotd.get(key(c)) == c["value"], key(c)


def test_bad_input_raises_read_error():
    with pytest.raises(zfxxgk.ReadError) as e:
        zfxxgk.read(b"table,row,column,value\nreport,issuer,,x\nreport,year,,not-a-year\nreport,edition,,2021\n", form="csv")
    assert e.value.kind and e.value.line is not None
    with pytest.raises(zfxxgk.ReadError):
        zfxxgk.read(b"nothing here")
    with pytest.raises(TypeError):
        zfxxgk.read(12)


def test_build_computes_totals():
    r = zfxxgk.build("某县某局", 2024, "2021", {("applications", "received", "natural_person"): 3,
                                              ("applications", "granted", "natural_person"): 3})
    assert r.edition == "2021"
    assert r.cell("applications", "received", "total") == 3
    assert not [f for f in r.check() if f.severity == "error" and f.assessable]
    with pytest.raises(zfxxgk.BuildError):
        zfxxgk.build("x", 2024, "2021", {("nope", "a", "b"): 1})


def test_check_order_and_gil(tmp_path):
    data = open(CORPUS[0], "rb").read()
    for i in range(300):
        (tmp_path / f"{i:04d}.txt").write_bytes(data)
    (tmp_path / "z.bin").write_bytes(b"x")
    count = [0]
    stop = threading.Event()
    def spin():
        while not stop.is_set():
            count[0] += 1
    t = threading.Thread(target=spin); t.start()
    before = count[0]
    results = list(zfxxgk.check([str(tmp_path)]))
    during = count[0] - before
    stop.set(); t.join()
    names = [r.file for r in results]
    assert names == zfxxgk._native.walk([str(tmp_path)])
    assert names == sorted(names)
    assert results[-1].error is not None and results[-1].error.kind == "unsupported-shape"
    assert during > 0
    cli = subprocess.run([CLI, "check", "--format", "json", str(tmp_path)], capture_output=True, text=True)
    assert [json.loads(l)["file"] for l in cli.stdout.splitlines()] == names


def test_originals_present():
    assert PDFS and DOCXS


@pytest.mark.parametrize("path", PDFS + DOCXS, ids=os.path.basename)
def test_pdf_and_docx_match_cli(path):
    form = path.rsplit(".", 1)[1]
    (line,) = cli_lines("--from", form, path)
    with open(path, "rb") as f:
        data = f.read()
    if line.get("error"):
        with pytest.raises(zfxxgk.ReadError) as e:
            zfxxgk.read(data, form=form)
        assert e.value.kind == line["error"]["kind"]
        return
    for report in (zfxxgk.read(path, form=form), zfxxgk.read(data, form=form), zfxxgk.read(path)):
        assert report.issuer == line["issuer"] and report.year == line["year"]
        assert report.edition == line["edition"]
        assert [f.to_dict() for f in report.check()] == line["findings"]
    (result,) = list(zfxxgk.check(path, form=form))
    assert result.line == line


def test_docx_round_trip():
    report = zfxxgk.read(CORPUS[1])
    data = report.render("docx")
    assert isinstance(data, bytes) and data[:2] == b"PK"
    back = zfxxgk.read(data, form="docx")
    key = lambda c: (c["table"], c["row"], c["column"])
    tables = ("proactive", "applications", "appeals")
    want = {key(c): c["value"] for c in report.cells() if c["table"] in tables}
    got = {key(c): c["value"] for c in back.cells() if c["table"] in tables}
    assert want and got == want


def test_unknown_form_is_an_error():
    with pytest.raises(zfxxgk.Error):
        zfxxgk.read(b"x", form="ofd-nope")
    with pytest.raises(zfxxgk.Error):
        zfxxgk.check([CORPUS[0]], form="nope")
    with pytest.raises(ValueError):
        zfxxgk.check([CORPUS[0]], jobs=0)


def test_check_order_over_nested_folders(tmp_path):
    data = open(CORPUS[0], "rb").read()
    for sub in ("b", "a/z", "a", "c"):
        (tmp_path / sub).mkdir(parents=True, exist_ok=True)
    for name in ("b/2.txt", "b/10.txt", "a/z/1.txt", "a/y.md", "c/notes.docx.bak", "0.txt"):
        (tmp_path / name).write_bytes(data)
    names = [r.file for r in zfxxgk.check([str(tmp_path), CORPUS[1]], jobs=3)]
    assert names == [l["file"] for l in cli_lines(str(tmp_path), CORPUS[1])]
    assert names == zfxxgk._native.walk([str(tmp_path), CORPUS[1]])
    assert [n[len(str(tmp_path)) + 1:] for n in names[:-1]] == [
        "0.txt", "a/y.md", "a/z/1.txt", "b/10.txt", "b/2.txt", "c/notes.docx.bak"]


def test_check_is_lazy_and_holds_a_bounded_window(tmp_path):
    data = open(CORPUS[0], "rb").read()
    n = 200
    for i in range(n):
        (tmp_path / f"{i:04d}.txt").write_bytes(data)
    extra = zfxxgk._native.CHANNEL + 2
    # The public iterator: the CLI's window, 64 inputs per worker thread.
    it = zfxxgk.check([str(tmp_path)], jobs=1)
    first = next(it)
    walked, held, window = it._run.stats()
    assert window == 64 and walked <= window + extra < n
    assert first.file.endswith("0000.txt") and first.error is None
    # A small window, counted: never more results held than the window allows.
    run = zfxxgk._native.check([str(tmp_path)], 2, None, 4)
    next(run)
    walked, _held, window = run.stats()
    assert window == 4 and walked <= window + extra
    rest = list(run)
    walked, held, _ = run.stats()
    assert len(rest) == n - 1 and walked == n
    assert 1 <= held <= window + zfxxgk._native.CHANNEL + 1


def test_check_releases_the_gil_while_waiting(tmp_path):
    # The only input is a FIFO: its check finishes only when a Python thread writes it. With a
    # switch interval of an hour, that thread can run only if `next` releases the GIL while it
    # waits; if it did not, this would deadlock (the watchdog then ends the run with a trace).
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    data = open(CORPUS[0], "rb").read()
    go = threading.Event()
    wrote = []

    def writer():
        go.wait()
        with open(fifo, "wb") as f:
            f.write(data)
        wrote.append(True)

    t = threading.Thread(target=writer)
    faulthandler.dump_traceback_later(300, exit=True)
    old = sys.getswitchinterval()
    try:
        it = zfxxgk.check([str(tmp_path)], jobs=1)
        t.start()
        sys.setswitchinterval(3600)
        go.set()
        result = next(it)
    finally:
        sys.setswitchinterval(old)
        faulthandler.cancel_dump_traceback_later()
    t.join()
    assert wrote
    assert result.error is None and result.report is not None
    assert [f.to_dict() for f in result.findings] == cli_lines(CORPUS[0])[0]["findings"]


def test_check_dash_reads_standard_input_as_the_cli_does():
    # The walk is the library's (`zfxxgk::inputs`), shared with the CLI: `-` is standard input.
    path = CORPUS[0]
    code = ("import json, zfxxgk\n"
            "(r,) = list(zfxxgk.check('-'))\n"
            "print(json.dumps(r.line, ensure_ascii=False))\n")
    with open(path, "rb") as f:
        py = subprocess.run([sys.executable, "-c", code], stdin=f, capture_output=True, text=True)
    assert py.returncode == 0, py.stderr
    with open(path, "rb") as f:
        cli = subprocess.run([CLI, "check", "--format", "json", "-"], stdin=f, capture_output=True, text=True)
    want = json.loads(cli.stdout.splitlines()[0])
    got = json.loads(py.stdout)
    assert got["file"] == "-" and want["file"] == "-"
    assert got == want
