"""cognito-tui benchmarks: every flow beside a reference, measured in one run, as ratios.

    python benchmarks/run.py            # writes benchmarks/REPORT.md (about five minutes on 2 idle cores)

Starts the embedded local Cognito in a subprocess, puts a counting proxy in front of it, and
times whole processes (cognito-tui, the AWS CLI from PyPI in its own venv, a bare Textual app,
a minimal boto3 script). API calls are counted at the wire.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from counting_proxy import CountingProxy  # noqa: E402

PY = sys.executable
AWSCLI_VENV = HERE / ".awscli-venv"
def awscli() -> str:
    exe = AWSCLI_VENV / "bin" / "aws"
    if not exe.exists():
        print("installing the AWS CLI (reference) into", AWSCLI_VENV.name, file=sys.stderr)
        subprocess.run([PY, "-m", "venv", str(AWSCLI_VENV)], check=True)
        subprocess.run([str(AWSCLI_VENV / "bin" / "pip"), "install", "-q", "awscli"], check=True)
    return str(exe)


def compile_bytecode() -> None:
    """Compile the package's bytecode, as `pip install` does: run from a checkout with
    PYTHONDONTWRITEBYTECODE set, every process would otherwise compile cognito_tui from source,
    while the references (Textual, boto3, the AWS CLI) load their installed bytecode."""
    import compileall

    compileall.compile_dir(str(HERE.parent / "cognito_tui"), quiet=1)


def start_local() -> tuple[subprocess.Popen, dict]:
    log = HERE / "out" / "local.log"
    log.parent.mkdir(exist_ok=True)
    proc = subprocess.Popen([PY, "-m", "cognito_tui.cli", "local", "--port", "0"], cwd=HERE.parent,
                            stdout=subprocess.PIPE, stderr=log.open("w"), text=True)
    exports = {}
    while True:
        line = proc.stdout.readline()
        if not line.startswith("export "):
            break
        name, _, value = line[len("export "):].strip().partition("=")
        exports[name] = value.strip("'\"")
        if name == "DEMO_AUTH_ROLE_ARN" or len(exports) >= 16:
            break
    return proc, exports


class Bench:
    def __init__(self, repeat: int):
        self.repeat = repeat
        self.rows: list[dict] = []
        self.notes: list[str] = []

    def row(self, name, ours, reference, unit, target, met, detail=""):
        self.rows.append(dict(name=name, ours=ours, reference=reference, unit=unit, target=target, met=met,
                              detail=detail))
        print(f"  {name}: {ours} vs {reference} {unit} -> {'met' if met else 'NOT met'} ({target})", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--out", default=str(HERE / "REPORT.md"))
    parser.add_argument("--pools", type=int, default=100, help="pools for the bulk apply")
    parser.add_argument("--fleet-pools", type=int, default=120, help="pools (in three regions) for the inventory")
    parser.add_argument("--only", nargs="*", help="run only these sections (e.g. tui_start credentials)")
    args = parser.parse_args()

    aws = awscli()
    compile_bytecode()
    local, exports = start_local()
    bench = Bench(args.repeat)
    proxy = CountingProxy(exports["AWS_ENDPOINT_URL"])
    # Times are taken against the endpoint itself; API calls are counted in separate runs
    # through the proxy (a Python proxy in the path would slow concurrent clients most).
    env = {**os.environ, **exports, "AWS_DEFAULT_REGION": "us-east-1",
           "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24",
           # the checkout's package, from any working directory
           "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE.parent), os.environ.get("PYTHONPATH")]))}
    env.pop("AWS_PROFILE", None)
    direct = exports["AWS_ENDPOINT_URL"]
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            env["XDG_STATE_HOME"] = str(tmp / "state")
            env["XDG_CACHE_HOME"] = str(tmp / "cache")
            from sections import ALL_SECTIONS

            for section in ALL_SECTIONS:
                if args.only and section.__name__ not in args.only:
                    continue
                try:
                    section(bench, env=env, counted_env={**env, "AWS_ENDPOINT_URL": proxy.url}, direct=direct,
                            proxy=proxy, aws=aws, tmp=tmp, args=args)
                except Exception as exc:  # a section that breaks is reported, not hidden
                    bench.notes.append(f"{section.__name__}: not measured ({type(exc).__name__}: {exc})")
                    print(f"  {section.__name__} failed: {exc}", file=sys.stderr)
    finally:
        proxy.stop()
        if local.poll() is not None:
            bench.notes.append(f"the local Cognito exited early with status {local.returncode}")
        local.terminate()
        local.wait(10)
    write_report(bench, Path(args.out), time.perf_counter() - started)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


METHOD = [
    "Whole processes, timed from spawn to exit (headless) or to the marker's first appearance in the "
    "output of a real pseudo-terminal at 80x24 (the TUI), against the same local endpoint.",
    "cognito-tui runs from this checkout with its bytecode compiled first, as `pip install` does; "
    "the references (Textual, boto3, the AWS CLI in its own venv) run from their installed packages.",
    "TUI starts: one untimed start of each program first, then six times the runs of the other rows, "
    "the bare app and the wizard interleaved. Start times swing by 10-20% from run to run on this "
    "machine; the details give the range.",
    "Speed tricks: each has a row \"Trick: ...\" with the figure it aims at measured with it (the "
    "cognito-tui column) and without it (the reference column), in the same interleaved rounds; the "
    "ratio is without / with, and a trick stays only where that is at least 1.05 (5%).",
    "Commands end with gc.freeze() and the usual exit (cognito_tui/cli.py entry): handlers run and "
    "output is flushed as usual, and the final garbage collection skips what the command loaded.",
    "API calls are counted at the wire by a loopback proxy, in separate runs.",
]


def write_report(bench: Bench, path: Path, seconds: float) -> None:
    import platform

    lines = [
        "# Benchmark report", "",
        f"One run of `python benchmarks/run.py --repeat {bench.repeat}` on {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {seconds:.0f} s in all. Medians of {bench.repeat} runs; "
        "every figure beside its reference, measured in the same run against the same local endpoint.", "",
        "| measure | cognito-tui | reference | ratio | target | met |",
        "|---|---|---|---|---|---|",
    ]
    for r in bench.rows:
        ratio = ""
        if isinstance(r["ours"], (int, float)) and isinstance(r["reference"], (int, float)) and r["ours"]:
            ratio = f"{r['reference'] / r['ours']:.2f}x" if r["unit"] == "s" else f"{r['ours'] / r['reference']:.2f}"
        ours = _fmt(r["ours"], r["unit"])
        ref = _fmt(r["reference"], r["unit"])
        lines.append(f"| {r['name']} | {ours} | {ref} | {ratio} | {r['target']} | {'yes' if r['met'] else '**no**'} |")
    lines += ["", "Ratio: for times, reference / cognito-tui (above 1 = cognito-tui is faster); "
              "otherwise cognito-tui / reference.", "", "## How it is measured", ""] + [f"- {m}" for m in METHOD] + [""]
    details = [f"- {r['name']}: {r['detail']}" for r in bench.rows if r["detail"]]
    if details:
        lines += ["## Details", ""] + details + [""]
    if bench.notes:
        lines += ["## Not measured", ""] + [f"- {n}" for n in bench.notes] + [""]
    path.write_text("\n".join(lines))


def _fmt(value, unit: str) -> str:
    if isinstance(value, float):
        return f"{value * 1000:.0f} ms" if unit == "s" and value < 10 else (f"{value:.2f} {unit}" if unit else f"{value:.2f}")
    return f"{value} {unit}".strip() if value is not None else "-"


if __name__ == "__main__":
    sys.exit(main())
