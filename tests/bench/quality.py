#!/usr/bin/python3
"""Time to quality: how soon neural-style's image is as good as the article's.

Every image a run makes along the way is scored by one fp32 evaluation of
the engine at the full working size (build/tests/reference/nst-ref-evaluate,
the public nst_job_evaluate ()), with the same weights, images and loss
weights, so that runs of any precision and schedule compare on one loss.
Images of a coarse scale are first resized to the full size (bicubic).

The yardstick is the article's own loop (tests/reference/nst_reference.py
--optimizer torch: torch.optim.LBFGS, fp32, single scale, as many threads as
CPUs) with --reference-evaluations at --size: L* is the score of its result
(the PNG it writes, as ours is scored), T* its time from the start of the
run (weights loaded) to its last evaluation.  Then each --ours run (default:
one at the defaults) writes its image every --save-every evaluations
(neural-style --save-every) and its log; its time to quality is the `seconds`
of the first image that scores <= L*, and its final score is its result's.
It is also timed to the reference's own last logged loss, which can be
lower than L*: the article's image may leave [0, 1], which its saved result
clamps.
Times are the runs' own `seconds`; process wall times are printed too.

Same images as bench.py (data/chelsea.png in the style of
data/starry_night.jpg, resized to --size).  Synthetic weights (seed 1) unless
--weights: they cost what real weights cost but say nothing of how the
picture looks, and fixed-step L-BFGS only converges on them at moderate
style weights, hence --style-weight.  This is not a test.

  tests/bench/quality.py --size 512 --style-weight 1e4 --concurrent \\
      --ours "" "--scales 2" "--scales 3" "--precision bf16"
  tests/bench/quality.py --size 128 --style-weight 1e4 \\
      --reference /tmp/earlier/reference.json --ours "--scales 2"
"""

import argparse
import concurrent.futures
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time

import numpy as np
from PIL import Image

import bench

EVALUATE = os.path.join(bench.ROOT, "build", "tests", "reference",
                        "nst-ref-evaluate")


def write_raw(image, path):
    """The raw float RGB format of nst-ref-evaluate."""
    a = np.asarray(image.convert("RGB"), dtype=np.float32) / 255.0
    with open(path, "wb") as f:
        np.array([image.width, image.height, 3], dtype="<i4").tofile(f)
        a.astype("<f4").tofile(f)


class Scorer:
    """One fp32 evaluation per image at the content's size."""

    def __init__(self, args, images, workdir):
        self.args = args
        self.content = Image.open(images[0]).convert("RGB")
        self.raw = [os.path.join(workdir, "score-content.raw"),
                    os.path.join(workdir, "score-style.raw"),
                    os.path.join(workdir, "score-image.raw")]
        write_raw(self.content, self.raw[0])
        write_raw(Image.open(images[1]), self.raw[1])

    def __call__(self, path):
        image = Image.open(path).convert("RGB")
        if image.size != self.content.size:
            image = image.resize(self.content.size, Image.BICUBIC)
        write_raw(image, self.raw[2])
        out = subprocess.run(
            [self.args.evaluator, self.args.weights, self.raw[0], self.raw[2],
             "/dev/null", self.raw[1], "1", "device=cpu", "precision=fp32",
             f"style-weight={self.args.style_weight}"],
            check=True, capture_output=True, text=True).stdout
        return json.loads(out)["total"]


def run_reference(args, images, workdir, nproc):
    log = os.path.join(workdir, "reference.jsonl")
    cmd = bench.ref_cmd(args, images, args.reference_evaluations, log,
                        threads=nproc)
    cmd += ["--optimizer", "torch", "--style-weight", str(args.style_weight)]
    usage = {}
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    wall, peak = bench.run(cmd, log, usage_out=usage)
    entries = bench.read_log(log)
    return {"evaluations": len(entries), "seconds": entries[-1]["seconds"],
            "wall": wall, "peak_mib": peak, "logged_final": entries[-1]["total"],
            "image": log + ".png", "started": started, "size": args.size,
            "style_weight": args.style_weight, "weights": args.weights,
            **usage}


def run_ours(args, images, workdir, index, flags):
    log = os.path.join(workdir, f"ours-{index}.jsonl")
    extra = ["--style-weight", str(args.style_weight),
             "--save-every", str(args.save_every), *shlex.split(flags)]
    # The engine's defaults but for what is named: no --iterations.
    cmd = [args.cli, "--size", "0", "--weights", args.weights,
           "--log-json", log, *extra, "-o", log + ".png", *images]
    usage = {}
    wall, peak = bench.run(cmd, log, usage_out=usage)
    entries = bench.read_log(log)
    return {"flags": flags or "(defaults)", "log": log,
            "evaluations": len(entries), "planned": entries[-1]["evaluations"],
            "seconds": entries[-1]["seconds"], "wall": wall, "peak_mib": peak,
            **usage}


def score_ours(args, run, score):
    """Scores the images of one run of ours: when it first reached L* (and
    the reference's logged loss), and its result."""
    log = run["log"]
    scored = []
    for e in bench.read_log(log):
        snapshot = f"{log}-{e['evaluation']:04d}.png"
        if os.path.exists(snapshot):
            scored.append({**e, "score": score(snapshot)})

    def first(limit):
        return next((e for e in scored if e["score"] <= limit), None)
    run.update(score=score(log + ".png"), scored=scored,
               reached=first(args.l_star), reached_logged=first(args.l_logged))


def main(argv=None):
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1])
    p.add_argument("--cli", default=os.path.join(bench.ROOT, "build", "cli",
                                                 "neural-style"))
    p.add_argument("--evaluator", default=EVALUATE,
                   help="nst-ref-evaluate (default: %(default)s)")
    p.add_argument("--python", default="/usr/bin/python3",
                   help="Python with torch for the reference")
    p.add_argument("--weights",
                   help="VGG19 safetensors (default: synthetic, seed 1)")
    p.add_argument("--content", default=os.path.join(bench.ROOT, "data",
                                                     "chelsea.png"))
    p.add_argument("--style", default=os.path.join(bench.ROOT, "data",
                                                   "starry_night.jpg"))
    p.add_argument("--size", type=bench.parse_size, default="512",
                   help="the working size, of both (long edge or WxH)")
    p.add_argument("--style-weight", type=float, required=True,
                   help="for both sides; one at which the reference's "
                        "L-BFGS converges on the weights used")
    p.add_argument("--reference-evaluations", type=int, default=350)
    p.add_argument("--ours", nargs="*", default=[""],
                   help="one run of ours per item, each the extra flags of "
                        "neural-style ('': the defaults; none: the "
                        "reference alone)")
    p.add_argument("--reference", metavar="JSON",
                   help="reuse the reference run of an earlier invocation "
                        "(its reference.json, same size, weights and style "
                        "weight) instead of running it again")
    p.add_argument("--concurrent", action="store_true",
                   help="start the reference and every run of ours at once "
                        "(on a machine others load too, all then share the "
                        "same load; each is slower than alone)")
    p.add_argument("--save-every", type=int, default=10,
                   help="ours' images scored every this many evaluations")
    p.add_argument("--json", help="write every figure to this file")
    p.add_argument("--workdir", help="keep images and logs here "
                                     "(default: a temporary directory)")
    args = p.parse_args(argv)
    args.python = [args.python]
    args.device = "cpu"
    args.ref_optimizer = "torch"

    workdir = args.workdir or tempfile.mkdtemp(prefix="nst-quality-")
    os.makedirs(workdir, exist_ok=True)
    nproc = os.cpu_count()
    if not args.weights:
        args.weights = os.path.join(workdir, "synthetic-vgg19.safetensors")
        subprocess.run([args.python[0], bench.MAKE_WEIGHTS, "--out",
                        args.weights, "--seed", "1"], check=True)
    print(f"logs in {workdir}; weights {args.weights}", file=sys.stderr)
    images, (w, h) = bench.prepare_images(args, args.size, workdir)
    score = Scorer(args, images, workdir)

    jobs = {}
    with concurrent.futures.ThreadPoolExecutor(
            max_workers=1 + len(args.ours) if args.concurrent else 1) as pool:
        if not args.reference:
            jobs["reference"] = pool.submit(run_reference, args, images,
                                            workdir, nproc)
        for i, flags in enumerate(args.ours):
            jobs[i] = pool.submit(run_ours, args, images, workdir, i, flags)
    if args.reference:
        with open(args.reference) as f:
            ref = json.load(f)
        if (ref["size"], ref["style_weight"], ref["weights"]) != (
                args.size, args.style_weight, args.weights):
            raise SystemExit(f"{args.reference} was made with another size, "
                             "style weight or weights file")
    else:
        ref = jobs["reference"].result()
        ref["score"] = score(ref["image"])
        with open(os.path.join(workdir, "reference.json"), "w") as f:
            json.dump(ref, f, indent=1)
    args.l_star = ref["score"]
    args.l_logged = ref["logged_final"]
    print(f"\n## Time to quality at {args.size} px ({w}x{h}), style weight "
          f"{args.style_weight:g}, {nproc} CPUs\n")
    print(f"Reference (the article's loop, torch.optim.LBFGS, fp32, "
          f"--threads {nproc}, "
          f"{'reused: run at' if args.reference else 'run at'} "
          f"{ref['started']}): {ref['evaluations']} evaluations in "
          f"T* = {ref['seconds']:.1f} s (process wall {ref['wall']:.1f} s, "
          f"CPU {ref['cpu_seconds']:.0f} s, load average "
          f"{ref['load'][0]:.1f} → {ref['load'][1]:.1f}, peak RSS "
          f"{ref['peak_mib']:.0f} MiB); its result scores "
          f"L* = {ref['score']:.6g} (its last logged loss "
          f"{ref['logged_final']:.6g}).\n")
    print("| ours | evaluations | time | process wall | CPU | load average "
          "| peak RSS | first image <= L* | time to L* | vs T* "
          "| time to its logged loss | final score | vs L* |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    runs = []
    for i in range(len(args.ours)):
        r = jobs[i].result()
        score_ours(args, r, score)
        runs.append(r)
        hit, logged = r["reached"], r["reached_logged"]
        reached = (["never", "—", "—"] if hit is None else
                   [f"evaluation {hit['evaluation']} (scale {hit['scale']} "
                    f"of {hit['scales']})", f"{hit['seconds']:.1f} s",
                    f"{hit['seconds'] / ref['seconds']:.2f}× T*"])
        cells = [r["flags"], f"{r['evaluations']} of {r['planned']} planned",
                 f"{r['seconds']:.1f} s", f"{r['wall']:.1f} s",
                 f"{r['cpu_seconds']:.0f} s",
                 f"{r['load'][0]:.1f} → {r['load'][1]:.1f}",
                 f"{r['peak_mib']:.0f} MiB", *reached,
                 "never" if logged is None else f"{logged['seconds']:.1f} s",
                 f"{r['score']:.6g}",
                 f"{100 * (r['score'] / ref['score'] - 1):+.2f} %"]
        print("| " + " | ".join(cells) + " |", flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"size": [w, h], "style_weight": args.style_weight,
                       "cpus": nproc, "reference": ref, "ours": runs}, f,
                      indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
