#!/usr/bin/python3
"""Benchmark: neural-style (ours) against the Python reference, side by side.

Same machine, same weights (synthetic by default, written by
tests/make_synthetic_weights.py), same images (data/chelsea.png as content,
data/starry_night.jpg as style, both resized to the size: long edge of the
content, style to the content's width and height), same evaluation count.

Per size: median seconds per evaluation of each (from their --log-json
`seconds`, the first evaluation left out: it includes the style and content
targets), the ratio ours/reference and each process's peak memory: RSS on
the CPU, device memory on CUDA (nvidia-smi's memory.used above what it was
before the run: the whole process, CUDA context included, both sides alike).
The reference runs on each --python given (Debian's torch 1.13 and the
current pip torch, say): with that torch's default thread count (Debian's
uses 1 thread unless told) and, on the CPU where that differs, with
--threads = the number of CPUs, as ours does.  A size is a long edge in px
(the content keeps its aspect) or WIDTHxHEIGHT.

--precision fp32 bf16 repeats the size table for each precision of ours
(the reference computes in fp32); without it ours runs at its default.
--python with no value leaves the reference out (ours alone).
--tf32 off on repeats the table (and the wall-time row) for each setting,
the same for both sides: off sets NVIDIA_TF32_OVERRIDE=0 (cuBLAS and cuDNN
compute in fp32), on sets TORCH_ALLOW_TF32_CUBLAS_OVERRIDE=1 (matrix
products in TF32 too; libtorch runs cuDNN convolutions in TF32 by default).
--wall-evaluations N times whole processes (start-up included) of N
evaluations at --wall-size.  A reference run that runs out of memory is
reported as such; --json FILE writes every figure.

--full-run SIZE times one run of ours alone at SIZE with the default
schedule (--size 0: the layer's own size through its levels, the default
evaluations and memory budget), first, as an artist's full-size run: its
process wall time, the run's own time and its peak memory, against the
60 s target of a 3840x2160 run on a GPU; --full-iterations N shortens it
(a smoke test of the step).

Then the multi-scale comparison: the reference's single-scale run of
--ms-evaluations at --ms-size gives a final (best) loss and a time; ours with
--scales 2 and 3 reports when its total loss at the full-size scale first
drops below that loss.  Times are the runs' own `seconds` (from the start of
the run, weights already loaded); process wall times are printed too.

Synthetic weights say nothing about artistic quality; they cost what the
real ones cost.  This is not a test: run it on a quiet machine.

  tests/bench/bench.py --cli build/cli/neural-style              # full
  tests/bench/bench.py --sizes 128 --evaluations 6 --ms-size 0   # quick
  tests/bench/bench.py --python /usr/bin/python3 build-cuda/venv/bin/python
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REFERENCE = os.path.join(ROOT, "tests", "reference", "nst_reference.py")
MAKE_WEIGHTS = os.path.join(ROOT, "tests", "make_synthetic_weights.py")


class RunFailed(Exception):
    """A benchmarked process failed; `out_of_memory` when it said so."""

    def __init__(self, message, out_of_memory):
        super().__init__(message)
        self.out_of_memory = out_of_memory


class GpuMemory:
    """Peak of nvidia-smi's memory.used (MiB) while a run lasts, above
    what it was before: sampled every 100 ms."""

    def __init__(self):
        self.base = self._used()
        self.peak = self.base
        self.proc = subprocess.Popen(
            ["nvidia-smi", "--query-gpu=memory.used",
             "--format=csv,noheader,nounits", "-i", "0", "-lms", "100"],
            stdout=subprocess.PIPE, text=True)
        self.thread = threading.Thread(target=self._follow, daemon=True)
        self.thread.start()

    @staticmethod
    def _used():
        out = subprocess.run(
            ["nvidia-smi", "--query-gpu=memory.used",
             "--format=csv,noheader,nounits", "-i", "0"],
            check=True, capture_output=True, text=True).stdout
        return float(out.split()[0])

    def _follow(self):
        for line in self.proc.stdout:
            if line.strip():
                self.peak = max(self.peak, float(line.split()[0]))

    def stop(self):
        self.proc.terminate()
        self.proc.wait()
        self.thread.join()
        return self.peak - self.base


def run(cmd, stem, device="cpu", env=None, timeout=None, usage_out=None):
    """Runs cmd with stdout/stderr to stem.out/.err; returns (wall s, peak
    memory MiB) of that child alone: RSS on the CPU, device memory on
    CUDA.  usage_out, a dict, receives its CPU seconds (user + system) and
    the load average at its start and end.  Raises RunFailed."""
    gpu = GpuMemory() if device == "cuda" else None
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    with open(stem + ".out", "w") as out, open(stem + ".err", "w") as err:
        p = subprocess.Popen(cmd, stdout=out, stderr=err,
                             env={**os.environ, **(env or {})})
        timer = threading.Timer(timeout, p.kill) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(p.pid, 0)
        if timer:
            timer.cancel()
    returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    peak = gpu.stop() if gpu else usage.ru_maxrss / 1024.0
    if usage_out is not None:
        usage_out.update(cpu_seconds=usage.ru_utime + usage.ru_stime,
                         load=(load_before, os.getloadavg()[0]))
    if returncode != 0:
        with open(stem + ".err") as err:
            tail = err.read()[-2000:]
        why = (f"killed after {timeout} s" if timer and returncode == -9
               else f"exited with {returncode}")
        raise RunFailed(f"{' '.join(cmd)}\n{why}:\n{tail}",
                        "out of memory" in tail.lower())
    return wall, peak


def read_log(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.startswith("{")]


def per_evaluation(log):
    """Median seconds per evaluation, the first evaluation left out."""
    seconds = [e["seconds"] for e in log]
    steps = [b - a for a, b in zip(seconds, seconds[1:])]
    return statistics.median(steps) if steps else float("nan")


def parse_size(text):
    """"512" (long edge) or "3840x2160"."""
    w, _, h = text.partition("x")
    if not w.isdigit() or (h and not h.isdigit()):
        raise argparse.ArgumentTypeError(f"{text}: not N or WIDTHxHEIGHT")
    return text


def prepare_images(args, size, workdir):
    content = Image.open(args.content).convert("RGB")
    if "x" in size:
        w, h = (int(v) for v in size.split("x"))
    else:
        scale = int(size) / max(content.size)
        w = max(1, round(content.width * scale))
        h = max(1, round(content.height * scale))
    content = content.resize((w, h), Image.LANCZOS)
    style = Image.open(args.style).convert("RGB").resize((w, h), Image.LANCZOS)
    paths = (os.path.join(workdir, f"content-{size}.png"),
             os.path.join(workdir, f"style-{size}.png"))
    content.save(paths[0])
    style.save(paths[1])
    return paths, (w, h)


def ours_cmd(args, images, evaluations, log, extra=()):
    return [args.cli, "--size", "0", "--iterations", str(evaluations),
            "--device", args.device, "--weights", args.weights,
            "--log-json", log, *extra, "-o", log + ".png", *images]


def ref_cmd(args, images, evaluations, log, threads=None, python=None):
    cmd = [python or args.python[0], REFERENCE, *images,
           "--weights", args.weights, "--iterations", str(evaluations),
           "--optimizer", args.ref_optimizer, "--device", args.device,
           "--log-json", log, "-o", log + ".png"]
    if threads:
        cmd += ["--threads", str(threads)]
    return cmd


def peers(args, nproc):
    """The reference runs per size: (label, python, threads or None)."""
    runs = []
    for python in args.python:
        version, default = subprocess.run(
            [python, "-c", "import torch; print(torch.__version__, "
             "torch.get_num_threads())"],
            check=True, capture_output=True, text=True).stdout.split()
        if args.device != "cpu":
            runs.append((f"torch {version}", python, None))
            continue
        plural = "" if default == "1" else "s"
        runs.append((f"torch {version}, {default} thread{plural} (default)",
                     python, None))
        if int(default) != nproc:
            runs.append((f"torch {version}, {nproc} threads", python, nproc))
    return runs


TF32_ENV = {None: {}, "off": {"NVIDIA_TF32_OVERRIDE": "0"},
            "on": {"TORCH_ALLOW_TF32_CUBLAS_OVERRIDE": "1"}}


def timed(args, name, cmd, env, record):
    """Runs one benchmarked process into `record`; False if it failed.
    One that --budget leaves no time for is reported as not run."""
    log = cmd[cmd.index("--log-json") + 1]
    timeout = args.timeout
    if args.budget:
        left = args.budget - (time.monotonic() - args.started)
        if left < 10:
            record.update(error="not run: out of time")
            print(f"  {name}: not run, --budget spent", file=sys.stderr)
            return True
        timeout = min(timeout or left, left)
    try:
        wall, peak = run(cmd, log, args.device, env, timeout)
    except RunFailed as e:
        record.update(error="out of memory" if e.out_of_memory else str(e))
        print(f"  {name}: {record['error'][:300]}", file=sys.stderr)
        return False
    entries = read_log(log)
    record.update(seconds_per_evaluation=per_evaluation(entries),
                  wall_seconds=wall, peak_memory_mib=peak,
                  evaluations=len(entries))
    print(f"  {name}: {len(entries)} evaluations, "
          f"{record['seconds_per_evaluation']:.4f} s/eval, wall {wall:.1f} s,"
          f" peak memory {peak:.0f} MiB", file=sys.stderr)
    return True


def cell(record, key, fmt):
    if "error" in record:
        error = record["error"]
        return error if error in ("out of memory", "not run: out of time") \
            else "failed"
    return format(record[key], fmt)


def ratio(ours, ref, key):
    if "error" in ours or "error" in ref:
        return "—"
    return f"{ours[key] / ref[key]:.2f}"


def bench_sizes(args, workdir, nproc, refs, tf32, precision, results):
    env = TF32_ENV[tf32]
    extra = ["--precision", precision] if precision else []
    memory = "peak device memory" if args.device == "cuda" else "peak RSS"
    print(f"\n## Seconds per evaluation ({args.evaluations} evaluations, "
          f"median without the first; {nproc} CPUs, device {args.device}"
          f"{'' if tf32 is None else ', TF32 ' + tf32}"
          f"{'' if precision is None else ', ours in ' + precision})\n")
    header = (["size", "ours s/eval"]
              + [f"{label} {what}" for label, _, _ in refs
                 for what in ("s/eval", "ratio")]
              + [f"{memory} ours"]
              + [f"{memory} {label}" for label, _, _ in refs])
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    failed = False
    for size in args.sizes:
        images, (w, h) = prepare_images(args, size, workdir)
        stem = os.path.join(workdir, f"{size}-tf32-{tf32}-{precision}")
        ours = {"side": "ours", "size": [w, h], "tf32": tf32,
                "precision": precision}
        failed |= not timed(args, f"{w}x{h} ours",
                            ours_cmd(args, images, args.evaluations,
                                     stem + "-ours.jsonl", extra), env, ours)
        row = [ours]
        for i, (label, python, threads) in enumerate(refs):
            ref = {"side": label, "size": [w, h], "tf32": tf32}
            ok = timed(args, f"{w}x{h} {label}",
                       ref_cmd(args, images, args.evaluations,
                               f"{stem}-ref{i}.jsonl", threads, python),
                       env, ref)
            # The reference may not fit where ours does: that is a result.
            failed |= not ok and ref["error"] != "out of memory"
            row.append(ref)
        results.extend(row)
        s_eval = "seconds_per_evaluation"
        cells = ([f"{size} ({w}x{h})", cell(ours, s_eval, ".4f")]
                 + [text for r in row[1:]
                    for text in (cell(r, s_eval, ".4f"),
                                 ratio(ours, r, s_eval))]
                 + [cell(r, "peak_memory_mib", ".0f") + " MiB"
                    if "error" not in r else cell(r, "", "") for r in row])
        print("| " + " | ".join(cells) + " |", flush=True)
    return not failed


def bench_wall(args, workdir, refs, tf32, results):
    """Whole processes of --wall-evaluations at --wall-size."""
    images, (w, h) = prepare_images(args, args.wall_size, workdir)
    env = TF32_ENV[tf32]
    n = args.wall_evaluations
    stem = os.path.join(workdir, f"wall-{args.wall_size}-tf32-{tf32}")
    print(f"\n## {n} evaluations at {args.wall_size} px ({w}x{h}), whole "
          "process wall time (start-up included)"
          f"{'' if tf32 is None else ', TF32 ' + tf32}\n")
    print("| run | evaluations | wall time | vs ours |\n|---|---|---|---|")
    ours = {"side": "ours", "size": [w, h], "tf32": tf32, "wall_run": True}
    ok = timed(args, "wall ours",
               ours_cmd(args, images, n, stem + "-ours.jsonl"), env, ours)
    row = [("ours", ours)]
    for i, (label, python, threads) in enumerate(refs):
        ref = {"side": label, "size": [w, h], "tf32": tf32, "wall_run": True}
        ok &= (timed(args, f"wall {label}",
                     ref_cmd(args, images, n, f"{stem}-ref{i}.jsonl", threads,
                             python), env, ref)
               or ref["error"] == "out of memory")
        row.append((label, ref))
    for label, r in row:
        results.append(r)
        wall = cell(r, "wall_seconds", ".1f") + ("" if "error" in r else " s")
        print(f"| {label} | {r.get('evaluations', '—')} | {wall} "
              f"| {ratio(r, ours, 'wall_seconds')} |", flush=True)
    return ok


FULL_RUN_TARGET = 60.0  # seconds, a 3840x2160 run on one GPU


def bench_full_run(args, workdir, results):
    """One run of ours at --full-run with the default schedule."""
    images, (w, h) = prepare_images(args, args.full_run, workdir)
    log = os.path.join(workdir, f"full-{args.full_run}.jsonl")
    cmd = [args.cli, "--size", "0", "--device", args.device,
           "--weights", args.weights, "--log-json", log, "-o", log + ".png",
           *images]
    if args.full_iterations:
        cmd[1:1] = ["--iterations", str(args.full_iterations)]
    record = {"side": "ours", "size": [w, h], "full_run": True}
    ok = timed(args, f"full run {w}x{h}", cmd, {}, record)
    results.append(record)
    memory = "peak device memory" if args.device == "cuda" else "peak RSS"
    print(f"\n## Full size, default schedule: {w}x{h} (--size 0)\n")
    print(f"| evaluations | run time | process wall | {memory} | "
          f"target {FULL_RUN_TARGET:.0f} s |\n|---|---|---|---|---|")
    if "error" in record:
        print(f"| — | {cell(record, '', '')} | — | — | — |", flush=True)
        return ok
    entries = read_log(log)
    seconds = entries[-1]["seconds"] if entries else float("nan")
    record.update(run_seconds=seconds)
    # The target is for that size and schedule on a GPU only.
    if (args.full_run, args.full_iterations, args.device) != ("3840x2160",
                                                              None, "cuda"):
        met = "—"
    else:
        met = "met" if record["wall_seconds"] <= FULL_RUN_TARGET else "not met"
    print(f"| {len(entries)} | {seconds:.1f} s | {record['wall_seconds']:.1f} s"
          f" | {record['peak_memory_mib']:.0f} MiB | {met} |", flush=True)
    return ok


def bench_multiscale(args, workdir, nproc):
    size = args.ms_size
    images, (w, h) = prepare_images(args, str(size), workdir)
    log = os.path.join(workdir, f"ms-ref-{size}.jsonl")
    ref_wall, _ = run(ref_cmd(args, images, args.ms_evaluations, log,
                              threads=nproc), log)
    ref = read_log(log)
    target = min(e["total"] for e in ref)
    ref_time = ref[-1]["seconds"]
    print(f"\n## Multi-scale: time to the reference's loss at {size} px "
          f"({w}x{h})\n")
    print(f"Reference (--threads {nproc}), single scale, {len(ref)} "
          f"evaluations: best total {target:.6g} after {ref_time:.1f} s "
          f"(process wall {ref_wall:.1f} s).\n")
    print("| ours | evaluations at full size until below | time | "
          "vs reference | process wall | best total at full size |")
    print("|---|---|---|---|---|---|")
    for scales in args.ms_scales:
        log = os.path.join(workdir, f"ms-ours-{size}-s{scales}.jsonl")
        wall, _ = run(ours_cmd(args, images, args.ms_evaluations, log,
                               ["--scales", str(scales)]), log)
        final = [e for e in read_log(log) if e["scale"] == scales]
        hit = next((i for i, e in enumerate(final) if e["total"] < target), None)
        best = min(e["total"] for e in final)
        if hit is None:
            print(f"| --scales {scales} | never ({len(final)}) | — | — "
                  f"| {wall:.1f} s | {best:.6g} |", flush=True)
        else:
            t = final[hit]["seconds"]
            print(f"| --scales {scales} | {hit + 1} | {t:.1f} s "
                  f"| {t / ref_time:.2f}× | {wall:.1f} s | {best:.6g} |",
                  flush=True)


def main(argv=None):
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1])
    p.add_argument("--cli", default=os.path.join(ROOT, "build", "cli",
                                                 "neural-style"),
                   help="the neural-style executable (default: %(default)s)")
    p.add_argument("--python", nargs="*", default=["/usr/bin/python3"],
                   help="Pythons with torch for the reference, each a peer "
                        "(the first also makes the weights and runs the "
                        "multi-scale comparison)")
    p.add_argument("--weights",
                   help="VGG19 safetensors (default: synthetic, seed 1)")
    p.add_argument("--content", default=os.path.join(ROOT, "data", "chelsea.png"))
    p.add_argument("--style", default=os.path.join(ROOT, "data",
                                                   "starry_night.jpg"))
    p.add_argument("--sizes", type=parse_size, nargs="*",
                   default=["128", "256", "512"])
    p.add_argument("--evaluations", type=int, default=30,
                   help="evaluations per run in the size table")
    p.add_argument("--ref-optimizer", choices=("projected", "torch"),
                   default="projected",
                   help="projected: exactly the evaluations asked, the "
                        "engine's algorithm; torch: the article's loop")
    p.add_argument("--ms-size", type=int, default=512,
                   help="size of the multi-scale comparison (0: skip it)")
    p.add_argument("--ms-evaluations", type=int, default=350,
                   help="the reference's evaluations there, and ours at "
                        "the full-size scale")
    p.add_argument("--ms-scales", type=int, nargs="+", default=[2, 3])
    p.add_argument("--device", default="cpu", choices=("cpu", "cuda"),
                   help="for both")
    p.add_argument("--precision", nargs="+", choices=("auto", "fp32", "bf16"),
                   help="repeat the size table with ours at each precision")
    p.add_argument("--tf32", nargs="+", choices=("off", "on"),
                   help="repeat the tables with TF32 off and/or on")
    p.add_argument("--wall-evaluations", type=int, default=0,
                   help="whole-process wall time of this many evaluations "
                        "(0: skip)")
    p.add_argument("--wall-size", type=parse_size, default="512")
    p.add_argument("--full-run", type=parse_size,
                   help="one run of ours at this size, default schedule")
    p.add_argument("--full-iterations", type=int,
                   help="evaluations of --full-run at its full size "
                        "(default: the default schedule's)")
    p.add_argument("--timeout", type=float,
                   help="seconds after which one benchmarked process is "
                        "killed (and reported as failed)")
    p.add_argument("--budget", type=float,
                   help="seconds for all runs: a run that would start later "
                        "is reported as not run, and none outlasts it")
    p.add_argument("--json", help="write every figure to this file")
    p.add_argument("--workdir", help="keep images and logs here "
                                     "(default: a temporary directory)")
    args = p.parse_args(argv)
    args.started = time.monotonic()

    workdir = args.workdir or tempfile.mkdtemp(prefix="nst-bench-")
    os.makedirs(workdir, exist_ok=True)
    nproc = os.cpu_count()
    if not args.weights:
        args.weights = os.path.join(workdir, "synthetic-vgg19.safetensors")
        subprocess.run([(args.python or ["/usr/bin/python3"])[0], MAKE_WEIGHTS, "--out", args.weights,
                        "--seed", "1"], check=True)
    print(f"logs in {workdir}; weights {args.weights}", file=sys.stderr)
    refs = peers(args, nproc)
    results = []
    ok = True
    if args.full_run:
        ok &= bench_full_run(args, workdir, results)
    for tf32 in args.tf32 or [None]:
        for precision in args.precision or [None]:
            if args.sizes:
                ok &= bench_sizes(args, workdir, nproc, refs, tf32, precision,
                                  results)
        if args.wall_evaluations:
            ok &= bench_wall(args, workdir, refs, tf32, results)
        if args.json:
            with open(args.json, "w") as f:
                json.dump({"device": args.device, "cpus": nproc,
                           "evaluations": args.evaluations,
                           "runs": results}, f, indent=1)
    if args.ms_size:
        try:
            bench_multiscale(args, workdir, nproc)
        except RunFailed as e:
            raise SystemExit(str(e))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
