import glob, json, os, subprocess, threading, time
import pytest
import zfxxgk

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = sorted(glob.glob(os.path.join(ROOT, "tests/data/corpus/raw/*.txt")))
CLI = os.environ.get("ZFXXGK_CLI", os.path.join(ROOT, "target/debug/zfxxgk"))


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
