"""zfxxgk.check from Python against a loop of the CLI and against json.loads (a timed script).

    python python/bench/bench.py [--files 10000] [--cli PATH] [--subprocess 1000]

Copies a few corpus reports (tests/data/corpus/raw) into a temporary folder until it holds
--files files, then times, in the same run:

1. ``zfxxgk.check(folder)`` consumed to the end (default threads, and one thread);
2. ``subprocess.run([cli, "check", "--format", "json", f])`` for the first --subprocess files,
   extrapolated per file to --files;
3. reading each of the same reports as zfxxgk JSON (``Report.to_json``, one file per report)
   and parsing it with ``json.loads``.

Prints the times and the ratios against (1). Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import subprocess
import tempfile
import time

import zfxxgk

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOURCES = [
    "001_pingtan-2019.txt",
    "003_pingtan-2021.txt",
    "008_huaian-city-2024-pypdf.txt",
    "010_hongze-district-2023-pypdf.txt",
    "012_shanghai-stcsm-2024-md.txt",
]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--subprocess", type=int, default=1_000)
    ap.add_argument("--cli", default=shutil.which("zfxxgk") or os.path.join(ROOT, "target/release/zfxxgk"))
    args = ap.parse_args()
    raw = os.path.join(ROOT, "tests/data/corpus/raw")
    sources = [os.path.join(raw, s) for s in SOURCES if os.path.exists(os.path.join(raw, s))]
    if not sources:
        sources = sorted(glob.glob(os.path.join(raw, "*.txt")))[:5]
    datas = [open(p, "rb").read() for p in sources]
    jsons = [zfxxgk.read(p).to_json() for p in sources]

    with tempfile.TemporaryDirectory() as tmp:
        texts = os.path.join(tmp, "reports")
        as_json = os.path.join(tmp, "json")
        os.mkdir(texts)
        os.mkdir(as_json)
        files = []
        for i in range(args.files):
            f = os.path.join(texts, f"{i:05d}.txt")
            with open(f, "wb") as out:
                out.write(datas[i % len(datas)])
            with open(os.path.join(as_json, f"{i:05d}.json"), "w", encoding="utf-8") as out:
                out.write(jsons[i % len(jsons)])
            files.append(f)

        def run_check(jobs):
            t = time.perf_counter()
            n = findings = 0
            for r in zfxxgk.check(texts, jobs=jobs):
                n += 1
                findings += len(r.findings)
            return time.perf_counter() - t, n, findings

        check_s, n, findings = run_check(None)
        check1_s, _, _ = run_check(1)

        t = time.perf_counter()
        parsed = 0
        for name in sorted(os.listdir(as_json)):
            with open(os.path.join(as_json, name), encoding="utf-8") as f:
                parsed += len(json.loads(f.read()))
        json_s = time.perf_counter() - t

        k = min(args.subprocess, len(files))
        t = time.perf_counter()
        for f in files[:k]:
            subprocess.run([args.cli, "check", "--format", "json", f], capture_output=True, check=False)
        sub_k = time.perf_counter() - t
        sub_s = sub_k / k * args.files

    cores = os.cpu_count()
    print(f"files: {n} ({len(sources)} distinct reports), findings: {findings}, cores: {cores}")
    print(f"zfxxgk.check (default threads)  {check_s:8.3f} s  {check_s / n * 1e6:9.1f} us/file  1.00x")
    print(f"zfxxgk.check (jobs=1)           {check1_s:8.3f} s  {check1_s / n * 1e6:9.1f} us/file  "
          f"{check1_s / check_s:.2f}x")
    print(f"subprocess loop ({k} run, extrapolated) {sub_s:8.3f} s  {sub_k / k * 1e6:9.1f} us/file  "
          f"{sub_s / check_s:.2f}x")
    print(f"json.loads of the reports' JSON {json_s:8.3f} s  {json_s / n * 1e6:9.1f} us/file  "
          f"{json_s / check_s:.2f}x")
    print(f"cli: {args.cli}")


if __name__ == "__main__":
    main()
