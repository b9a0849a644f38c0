#!/usr/bin/python3
"""Benchmark: neural-style (ours) against the Python reference, side by side.

Same machine, same weights (synthetic by default, written by
tests/make_synthetic_weights.py), same images (data/chelsea.png as content,
data/starry_night.jpg as style, both resized to the size: long edge of the
content, style to the content's width and height), same evaluation count.

Per size: median seconds per evaluation of each (from their --log-json
`seconds`, the first evaluation left out: it includes the style and content
targets), the ratio ours/reference and each process's peak RSS.  The
reference runs twice: with torch's default thread count (Debian's torch uses
1 thread unless told) and with --threads = the number of CPUs, as ours does.

Then the multi-scale comparison: the reference's single-scale run of
--ms-evaluations at --ms-size gives a final (best) loss and a time; ours with
--scales 2 and 3 reports when its total loss at the full-size scale first
drops below that loss.  Times are the runs' own `seconds` (from the start of
the run, weights already loaded); process wall times are printed too.

Synthetic weights say nothing about artistic quality; they cost what the
real ones cost.  This is not a test: run it on a quiet machine.

  tests/bench/bench.py --cli build/cli/neural-style              # full
  tests/bench/bench.py --sizes 128 --evaluations 6 --ms-size 0   # quick
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REFERENCE = os.path.join(ROOT, "tests", "reference", "nst_reference.py")
MAKE_WEIGHTS = os.path.join(ROOT, "tests", "make_synthetic_weights.py")


def run(cmd, stem):
    """Runs cmd with stdout/stderr to stem.out/.err; returns (wall s, peak
    RSS MiB) of that child alone."""
    start = time.perf_counter()
    with open(stem + ".out", "w") as out, open(stem + ".err", "w") as err:
        p = subprocess.Popen(cmd, stdout=out, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if p.returncode != 0:
        with open(stem + ".err") as err:
            tail = err.read()[-2000:]
        raise SystemExit(f"{' '.join(cmd)}\nexited with {p.returncode}:\n{tail}")
    return wall, usage.ru_maxrss / 1024.0


def read_log(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.startswith("{")]


def per_evaluation(log):
    """Median seconds per evaluation, the first evaluation left out."""
    seconds = [e["seconds"] for e in log]
    steps = [b - a for a, b in zip(seconds, seconds[1:])]
    return statistics.median(steps) if steps else float("nan")


def prepare_images(args, size, workdir):
    content = Image.open(args.content).convert("RGB")
    scale = size / max(content.size)
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


def ref_cmd(args, images, evaluations, log, threads=None):
    cmd = [args.python, REFERENCE, *images, "--weights", args.weights,
           "--iterations", str(evaluations), "--optimizer", args.ref_optimizer,
           "--device", args.device, "--log-json", log, "-o", log + ".png"]
    if threads:
        cmd += ["--threads", str(threads)]
    return cmd


def bench_sizes(args, workdir, nproc):
    print(f"\n## Seconds per evaluation ({args.evaluations} evaluations, "
          f"median without the first; {nproc} CPUs, device {args.device})\n")
    print("| size | ours s/eval | reference s/eval (default threads) | ratio "
          "| reference s/eval (--threads "
          f"{nproc}) | ratio | peak RSS ours | peak RSS ref (default) "
          "| peak RSS ref (--threads) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for size in args.sizes:
        images, (w, h) = prepare_images(args, size, workdir)
        results = {}
        runs = [("ours", ours_cmd(args, images, args.evaluations,
                                  os.path.join(workdir, f"ours-{size}.jsonl"))),
                ("ref1", ref_cmd(args, images, args.evaluations,
                                 os.path.join(workdir, f"ref-{size}.jsonl"))),
                ("refn", ref_cmd(args, images, args.evaluations,
                                 os.path.join(workdir, f"ref-n-{size}.jsonl"),
                                 threads=nproc))]
        for name, cmd in runs:
            log = cmd[cmd.index("--log-json") + 1]
            wall, rss = run(cmd, log)
            entries = read_log(log)
            results[name] = (per_evaluation(entries), rss, wall, len(entries))
            print(f"  {size} px ({w}x{h}) {name}: {len(entries)} evaluations, "
                  f"{results[name][0]:.4f} s/eval, wall {wall:.1f} s, "
                  f"peak RSS {rss:.0f} MiB", file=sys.stderr)
        ours, ref1, refn = results["ours"], results["ref1"], results["refn"]
        print(f"| {size} ({w}x{h}) | {ours[0]:.4f} | {ref1[0]:.4f} "
              f"| {ours[0] / ref1[0]:.2f} | {refn[0]:.4f} "
              f"| {ours[0] / refn[0]:.2f} | {ours[1]:.0f} MiB "
              f"| {ref1[1]:.0f} MiB | {refn[1]:.0f} MiB |", flush=True)


def bench_multiscale(args, workdir, nproc):
    size = args.ms_size
    images, (w, h) = prepare_images(args, size, workdir)
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
    p.add_argument("--python", default="/usr/bin/python3",
                   help="Python with torch for the reference")
    p.add_argument("--weights",
                   help="VGG19 safetensors (default: synthetic, seed 1)")
    p.add_argument("--content", default=os.path.join(ROOT, "data", "chelsea.png"))
    p.add_argument("--style", default=os.path.join(ROOT, "data",
                                                   "starry_night.jpg"))
    p.add_argument("--sizes", type=int, nargs="*", default=[128, 256, 512])
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
    p.add_argument("--device", default="cpu", help="cpu or cuda, for both")
    p.add_argument("--workdir", help="keep images and logs here "
                                     "(default: a temporary directory)")
    args = p.parse_args(argv)

    workdir = args.workdir or tempfile.mkdtemp(prefix="nst-bench-")
    os.makedirs(workdir, exist_ok=True)
    nproc = os.cpu_count()
    if not args.weights:
        args.weights = os.path.join(workdir, "synthetic-vgg19.safetensors")
        subprocess.run([args.python, MAKE_WEIGHTS, "--out", args.weights,
                        "--seed", "1"], check=True)
    print(f"logs in {workdir}; weights {args.weights}", file=sys.stderr)
    if args.sizes:
        bench_sizes(args, workdir, nproc)
    if args.ms_size:
        bench_multiscale(args, workdir, nproc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
