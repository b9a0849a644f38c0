#!/usr/bin/python3
"""Tests of the neural-style command, run by meson: test_cli.py EXE CASE.

Runs the built executable on the tiny images of tests/images with the
synthetic weights (random: nothing here judges how a picture looks) and
checks files, exit statuses and messages.
"""

import json
import math
import os
import re
import signal
import stat
import subprocess
import sys
import tempfile
import time

import numpy as np
from PIL import Image

EXE = None
DATA = os.environ["NST_TEST_DATA"]
WEIGHTS = os.environ["NST_TEST_WEIGHTS"]
SOURCE = os.environ["NST_SOURCE_ROOT"]
CONTENT = os.path.join(DATA, "content-64.png")
STYLE = os.path.join(DATA, "style-48.png")
STYLE2 = os.path.join(DATA, "style2-40.png")
CONTENT_SIZE = Image.open(CONTENT).size
LOG_FIELDS = ("evaluation", "total", "content", "style", "tv", "seconds",
              "scale")


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def run(args, timeout=120, **kwargs):
    """Runs neural-style; returns the CompletedProcess (text output)."""
    return subprocess.run([EXE] + args, capture_output=True, text=True,
                          timeout=timeout, **kwargs)


def stylise(tmp, extra, content=CONTENT, styles=(STYLE,), out="out.png",
            scales=("--scales", "1")):
    """A short run that must succeed, at the content's size and by default
    one scale (so --iterations is every evaluation; scales=() keeps the
    engine's default); returns (process, output path)."""
    out = os.path.join(tmp, out)
    proc = run([content, *styles, "-o", out, "--weights", WEIGHTS,
                "--size", "0", *scales, *extra])
    check(proc.returncode == 0,
          f"exit status {proc.returncode}, stderr:\n{proc.stderr}")
    check(os.path.isfile(out), f"{out} was not written")
    return proc, out


def read_log(lines):
    records = [json.loads(line) for line in lines.splitlines()]
    for record in records:
        for field in LOG_FIELDS:
            check(field in record, f"log line without '{field}': {record}")
            check(isinstance(record[field], (int, float))
                  and math.isfinite(record[field]),
                  f"'{field}' is not a finite number: {record}")
    return records


def close(a, b, rel=1e-6):
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-30)


def pixels_of(image):
    return np.asarray(image).astype(np.int32)


def pixels(path):
    return pixels_of(Image.open(path))


# ---- runs ----------------------------------------------------------------

def test_run(tmp):
    proc, out = stylise(tmp, ["--iterations", "4"])
    image = Image.open(out)
    check(image.format == "PNG", f"output is {image.format}, not PNG")
    check(image.size == CONTENT_SIZE,
          f"output is {image.size}, content is {CONTENT_SIZE}")
    check(image.mode == "RGB", f"output mode {image.mode}, expected RGB")
    check("Using weights " + WEIGHTS in proc.stderr,
          f"no 'Using weights' line naming the weights:\n{proc.stderr}")
    check(proc.stdout == "", f"unexpected standard output: {proc.stdout!r}")
    check(not [f for f in os.listdir(tmp) if f != "out.png"],
          f"stray files: {os.listdir(tmp)}")


def test_log_json(tmp):
    log = os.path.join(tmp, "log.jsonl")
    stylise(tmp, ["--iterations", "4", "--log-json", log])
    with open(log) as f:
        records = read_log(f.read())
    check(len(records) == 4, f"{len(records)} log lines, expected 4")
    check([r["evaluation"] for r in records] == [1, 2, 3, 4],
          f"evaluations {[r['evaluation'] for r in records]}")
    for r in records:
        # total = content_weight*content + style_weight*style + tv_weight*tv
        check(close(r["total"], r["content"] + 1e6 * r["style"], 1e-5),
              f"total does not add up with the default weights: {r}")
    # The default schedule: a coarse level of a quarter of --iterations
    # (at least one evaluation), then --iterations at the working size.
    proc, _ = stylise(tmp, ["--iterations", "4", "--log-json", "-", "-q"],
                      out="default.png", scales=())
    scales = [(r["scale"], r["scales"], r["evaluations"])
              for r in read_log(proc.stdout)]
    check(scales == [(1, 2, 5)] + [(2, 2, 5)] * 4,
          f"default scales: (scale, scales, evaluations) {scales}")
    # '-' writes to standard output, and only the log goes there.
    proc, _ = stylise(tmp, ["--iterations", "2", "--log-json", "-", "-q"],
                      out="quiet.png")
    check(len(read_log(proc.stdout)) == 2,
          f"--log-json - printed:\n{proc.stdout}")
    check(proc.stderr == "", f"-q still printed:\n{proc.stderr}")


def test_save_every(tmp):
    stylise(tmp, ["--iterations", "4", "--save-every", "2"])
    expected = {"out.png", "out-0002.png", "out-0004.png"}
    check(set(os.listdir(tmp)) == expected,
          f"files {sorted(os.listdir(tmp))}, expected {sorted(expected)}")
    for name in expected:
        size = Image.open(os.path.join(tmp, name)).size
        check(size == CONTENT_SIZE, f"{name} is {size}")  # --size 0


def first_style_loss(tmp, styles, blend):
    log = os.path.join(tmp, "log.jsonl")
    extra = ["--iterations", "1", "--log-json", log]
    if blend:
        extra += ["--style-blend", blend]
    _, out = stylise(tmp, extra, styles=styles)
    check(Image.open(out).size == CONTENT_SIZE, "output of the wrong size")
    with open(log) as f:
        return read_log(f.read())[0]["style"]


def test_style_blend(tmp):
    only_1 = first_style_loss(tmp, [STYLE], None)
    only_2 = first_style_loss(tmp, [STYLE2], None)
    check(not close(only_1, only_2, 1e-3),
          f"the two styles give the same loss {only_1}")
    # A weight of 0 leaves a style out; the weights are normalised.
    blend_10 = first_style_loss(tmp, [STYLE, STYLE2], "1,0")
    blend_02 = first_style_loss(tmp, [STYLE, STYLE2], "0,2")
    check(close(blend_10, only_1, 1e-5),
          f"--style-blend 1,0: style loss {blend_10}, first style alone "
          f"{only_1}")
    check(close(blend_02, only_2, 1e-5),
          f"--style-blend 0,2: style loss {blend_02}, second style alone "
          f"{only_2}")


def region_style_loss(tmp, styles, extra):
    """The first evaluation's style loss of a one-evaluation run."""
    log = os.path.join(tmp, "regions.jsonl")
    _, out = stylise(tmp, ["--iterations", "1", "--log-json", log] + extra,
                     styles=styles)
    check(Image.open(out).size == CONTENT_SIZE, "output of the wrong size")
    with open(log) as f:
        return read_log(f.read())[0]["style"]


def test_style_mask(tmp):
    """--style-mask: masks of another size than the content's (resized),
    grey or colour with alpha, 'none'; two styles in complementary regions
    give the sum of their single-region losses; counts that do not match the
    styles, and a black mask, are refused."""
    w, h = 50, 30  # not the content's size: resized to it
    left = np.zeros((h, w), np.uint8)
    left[:, :w // 2] = 255
    masks = {"left.png": Image.fromarray(left),
             "right.png": Image.fromarray(255 - left),
             "black.png": Image.fromarray(np.zeros((h, w), np.uint8))}
    # The same left half as a colour picture: white opaque, red see-through.
    rgba = np.zeros((h, w, 4), np.uint8)
    rgba[..., 0] = 255
    rgba[:, :w // 2] = 255
    masks["left-rgba.png"] = Image.fromarray(rgba)
    path = {}
    for name, image in masks.items():
        path[name] = os.path.join(tmp, name)
        image.save(path[name])

    both = region_style_loss(tmp, [STYLE, STYLE2],
                             ["--style-mask", path["left.png"],
                              "--style-mask", path["right.png"]])
    first = region_style_loss(tmp, [STYLE], ["--style-mask", path["left.png"]])
    second = region_style_loss(tmp, [STYLE2],
                               ["--style-mask", path["right.png"]])
    check(close(both, first + second, 1e-5),
          f"complementary regions: style loss {both}, the single regions' "
          f"{first} + {second}")
    rgba_loss = region_style_loss(tmp, [STYLE],
                                  ["--style-mask", path["left-rgba.png"]])
    check(close(rgba_loss, first, 1e-5),
          f"a colour mask with alpha gives {rgba_loss}, its grey twin {first}")
    plain = region_style_loss(tmp, [STYLE], [])
    check(not close(first, plain, 1e-3), f"a mask changed nothing ({plain})")
    whole = region_style_loss(tmp, [STYLE], ["--style-mask", "none",
                                             "--style-source-mask", "none"])
    check(whole == plain, f"'none' gives {whole}, no mask {plain}")
    sourced = region_style_loss(tmp, [STYLE, STYLE2],
                                ["--style-source-mask", path["left.png"],
                                 "--style-source-mask", "none"])
    check(sourced > 0 and math.isfinite(sourced),
          f"--style-source-mask: style loss {sourced}")

    out = os.path.join(tmp, "refused.png")
    ok = [CONTENT, STYLE, STYLE2, "-o", out, "--weights", WEIGHTS,
          "--size", "0", "--iterations", "1"]
    for flag in ("--style-mask", "--style-source-mask"):
        proc = run_bounded(ok + [flag, path["left.png"]], f"one {flag}")
        expect_refusal(proc, f"one {flag} for two styles", 2,
                       [flag, "once per style"])
        proc = run_bounded(ok + [flag, "none"] * 3, f"three {flag}")
        expect_refusal(proc, f"three {flag} for two styles", 2,
                       [flag, "3 times", "2 style images"])
    proc = run_bounded(ok + ["--style-mask", path["black.png"],
                             "--style-mask", "none"], "black mask")
    expect_refusal(proc, "a black mask", 1, ["0 everywhere"])
    proc = run_bounded(ok + ["--style-mask", os.path.join(tmp, "missing.png"),
                             "--style-mask", "none"], "missing mask")
    expect_refusal(proc, "a missing mask", 1, ["missing.png"])
    check(not os.path.exists(out), "a refused run wrote its output")


# ---- image formats ------------------------------------------------------
#
# With no style weight the loss starts at its minimum (zero), so the result
# is the content itself: what was read comes back out, and must match.

def roundtrip(tmp, content, styles=(STYLE,)):
    _, out = stylise(tmp, ["--iterations", "1", "--style-weight", "0"],
                     content=content, styles=styles)
    result = Image.open(out)
    check(result.size == Image.open(content).size,
          f"output is {result.size}")
    return result


def expect_pixels(result, expected, tolerance, what):
    got = np.asarray(result).astype(np.int32)
    check(got.shape == expected.shape,
          f"{what}: output shape {got.shape}, expected {expected.shape}")
    worst = int(np.abs(got - expected).max())
    check(worst <= tolerance,
          f"{what}: pixels differ by up to {worst} (allowed {tolerance})")


def test_formats(tmp):
    rgb = pixels(CONTENT)
    grey = Image.open(CONTENT).convert("L")

    path = os.path.join(tmp, "grey.png")
    grey.save(path)
    expect_pixels(roundtrip(tmp, path),
                  np.repeat(pixels(path)[..., None], 3, axis=2), 1,
                  "8-bit grey")

    # 16-bit grey: the high byte is what 8 bits out can keep.
    path = os.path.join(tmp, "grey16.png")
    values = np.clip(pixels(CONTENT)[..., 1] * 257 - 100, 0, 65535)
    Image.fromarray(values.astype(np.uint16)).save(path)
    expect_pixels(roundtrip(tmp, path),
                  np.repeat(np.rint(values / 257.0)[..., None], 3, axis=2),
                  1, "16-bit grey")

    path = os.path.join(tmp, "palette.png")
    palette = Image.open(CONTENT).quantize(16)
    palette.save(path)
    expect_pixels(roundtrip(tmp, path), pixels_of(palette.convert("RGB")),
                  1, "palette")

    # Alpha is kept: grey+alpha and RGBA give RGBA.
    alpha = np.tile(np.linspace(0, 255, CONTENT_SIZE[0]).astype(np.uint8),
                    (CONTENT_SIZE[1], 1))
    path = os.path.join(tmp, "rgba.png")
    Image.fromarray(np.dstack([rgb, alpha]).astype(np.uint8)).save(path)
    result = roundtrip(tmp, path)
    check(result.mode == "RGBA", f"RGBA content gave {result.mode}")
    expect_pixels(result, pixels(path), 1, "RGBA")
    check((pixels_of(result)[..., 3] == alpha).all(), "alpha changed")

    # Styles: a grey JPEG and an RGBA PNG work too.
    style = os.path.join(tmp, "style.jpg")
    Image.open(STYLE).convert("L").save(style, quality=90)
    rgba_style = os.path.join(tmp, "rgba.png")
    path = os.path.join(tmp, "grey-alpha.png")
    Image.merge("LA", [grey, Image.fromarray(alpha)]).save(path)
    result = roundtrip(tmp, path, styles=[style, rgba_style])
    check(result.mode == "RGBA", f"grey+alpha content gave {result.mode}")
    grey_values = pixels_of(grey)
    expect_pixels(result, np.dstack([grey_values] * 3 + [alpha]), 1,
                  "grey+alpha")

    # JPEG, named .png: the format is told by the content.
    path = os.path.join(tmp, "photo.png")
    Image.open(CONTENT).save(path, format="JPEG", quality=95)
    expect_pixels(roundtrip(tmp, path), pixels(path), 2, "JPEG")
    path = os.path.join(tmp, "progressive.jpg")
    Image.open(CONTENT).save(path, quality=95, progressive=True)
    expect_pixels(roundtrip(tmp, path), pixels(path), 2, "progressive JPEG")


# ---- help and information ------------------------------------------------

def table_rows():
    """(kind, name, default) of every row of the parameter table, as the
    engine compiled it (tests/readme/param-table --json); kind is "int",
    "double", "enum" or "host" (an enum the engine ignores), enum defaults
    as nicks."""
    table = json.loads(subprocess.run(
        [os.environ["NST_PARAM_TABLE"], "--json"], capture_output=True,
        text=True, check=True).stdout)
    rows = []
    for row in table:
        kind, default = row["type"], row["default"]
        if kind == "enum":
            default = next(c["nick"] for c in row["choices"]
                           if c["value"] == default)
            if row["scope"] == "host":
                kind = "host"
        rows.append((kind, row["name"], default))
    return rows


def test_help(tmp):
    proc = run(["--help"])
    check(proc.returncode == 0, f"--help exit status {proc.returncode}")
    text = proc.stdout
    check(text.startswith("Usage: neural-style CONTENT STYLE"),
          f"--help does not start with the usage:\n{text[:200]}")
    for flag in ("--output", "--weights", "--style-blend", "--save-every",
                 "--log-json", "--quiet", "--version", "--list-devices"):
        check(re.search(rf"^  (-\w, )?{flag}\b", text, re.M),
              f"--help does not list {flag}")
    # One block per flag: its line, then the indented help.
    blocks = re.split(r"\n(?=  -)", text)
    precision = [b for b in blocks if b.startswith("  --precision ")]
    check(precision and re.search(r"automatic precision: (bf16|fp32) \(",
                                  " ".join(precision[0].split())),
          f"--help does not say what precision auto picks here:\n{precision}")
    rows = table_rows()
    check(len(rows) >= 10, f"the table has only {len(rows)} rows")
    for kind, name, default in rows:
        found = [b for b in blocks if b.startswith(f"  --{name} ")]
        if kind == "host":
            check(not any(f"default {default}" in b for b in found),
                  f"host-only parameter {name} is offered")
            continue
        check(len(found) == 1, f"--help lists --{name} {len(found)} times")
        block = " ".join(found[0].split())
        if kind == "enum":
            got = re.search(r"; default ([\w-]+)\]", block)
            check(got and got.group(1) == default,
                  f"--{name}: default should be {default}:\n{block}")
        else:
            got = re.search(r"\[(\S+)[\u2013-](\S+), default (\S+)\]", block)
            check(got and float(got.group(3)) == float(default),
                  f"--{name}: default should be {default}:\n{block}")


def test_version(tmp):
    with open(os.path.join(SOURCE, "meson.build")) as f:
        version = re.search(r"version:\s*'([^']+)'", f.read()).group(1)
    proc = run(["--version"])
    check(proc.returncode == 0 and version in proc.stdout
          and "CPU" in proc.stdout,
          f"--version: {proc.returncode}\n{proc.stdout}{proc.stderr}")
    proc = run(["--list-devices"])
    check(proc.returncode == 0
          and re.search(r"^cpu\s.*; automatic precision: (bf16|fp32) \(",
                        proc.stdout, re.M),
          f"--list-devices: {proc.returncode}\n{proc.stdout}{proc.stderr}")


# ---- bad input ------------------------------------------------------------

def jpeg_segments(data):
    """A JPEG file's segments after SOI, as (marker, bytes); a scan's bytes
    run to the next marker that is neither a stuffed 0xFF nor a restart."""
    segments, i = [], 2
    while data[i + 1] != 0xD9:
        marker = data[i + 1]
        end = i + 2 + int.from_bytes(data[i + 2:i + 4], "big")
        if marker == 0xDA:
            while not (data[end] == 0xFF and data[end + 1] != 0
                       and not 0xD0 <= data[end + 1] <= 0xD7):
                end += 1
        segments.append((marker, data[i:end]))
        i = end
    return segments


def hostile_jpegs(tmp):
    """Two small files libjpeg decodes with only warnings: one promising
    10000 x 10000 pixels with data for 16 x 16 (libjpeg fills the rest with
    grey), and one repeating its first progressive scan 150 times (each scan
    a pass over the whole picture)."""
    stream = tempfile.SpooledTemporaryFile()
    Image.open(CONTENT).save(stream, "JPEG", quality=90, progressive=True)
    stream.seek(0)
    segments = jpeg_segments(stream.read())
    scans = [data for marker, data in segments if marker == 0xDA]
    body = b"".join(data for _, data in segments)
    many_scans = os.path.join(tmp, "many-scans.jpg")
    with open(many_scans, "wb") as f:
        f.write(b"\xff\xd8" + body + scans[0] * 150 + b"\xff\xd9")
    header = bytearray(b"\xff\xd8" + body[:body.index(scans[0])]
                       + scans[0] + b"\xff\xd9")
    frame = header.index(b"\xff\xc2")
    header[frame + 5:frame + 9] = (10000).to_bytes(2, "big") * 2
    bomb = os.path.join(tmp, "ten-thousand.jpg")
    with open(bomb, "wb") as f:
        f.write(header)
    return bomb, many_scans


def bad_cases(tmp):
    """(name, arguments before the common ones, expected status, words the
    message must contain).  `None` as arguments: given in full."""
    text = os.path.join(tmp, "notes.png")
    with open(text, "w") as f:
        f.write("not a picture\n")
    truncated = os.path.join(tmp, "truncated.png")
    with open(CONTENT, "rb") as f:
        data = f.read()
    with open(truncated, "wb") as f:
        f.write(data[:len(data) // 2])
    truncated_jpeg = os.path.join(tmp, "truncated.jpg")
    Image.open(CONTENT).save(truncated_jpeg, quality=90)
    with open(truncated_jpeg, "rb") as f:
        data = f.read()
    with open(truncated_jpeg, "wb") as f:
        f.write(data[:len(data) // 2])
    corrupt = os.path.join(tmp, "corrupt.safetensors")
    with open(WEIGHTS, "rb") as f:
        header = f.read(4096)
    with open(corrupt, "wb") as f:
        f.write(header)  # a valid header promising data that is not there
    out = os.path.join(tmp, "out.png")
    ok = [CONTENT, STYLE, "-o", out, "--weights", WEIGHTS]
    missing = os.path.join(tmp, "missing.png")
    bomb, many_scans = hostile_jpegs(tmp)
    return [
        ("missing content", [missing] + ok[1:], 1, ["missing.png"]),
        ("missing style", [CONTENT, missing] + ok[2:], 1, ["missing.png"]),
        ("text named .png", [text] + ok[1:], 1, ["notes.png", "PNG"]),
        ("truncated PNG", [truncated] + ok[1:], 1, ["truncated.png"]),
        ("truncated JPEG", [truncated_jpeg] + ok[1:], 1,
         ["truncated.jpg"]),
        # A short run, should the file be taken.
        ("JPEG of more pixels than data",
         [bomb] + ok[1:] + ["--size", "32", "--iterations", "1"], 1,
         ["ten-thousand.jpg", "damaged"]),
        ("JPEG of 150 scans",
         [many_scans] + ok[1:] + ["--size", "32", "--iterations", "1"], 1,
         ["many-scans.jpg", "scans"]),
        ("missing weights", ok[:-1] + ["/nonexistent"], 1,
         ["/nonexistent"]),
        ("corrupt weights", ok[:-1] + [corrupt], 1, ["corrupt"]),
        ("iterations 0", ok + ["--iterations", "0"], 2,
         ["--iterations", "1", "100000"]),
        ("iterations abc", ok + ["--iterations", "abc"], 2,
         ["--iterations", "abc"]),
        ("iterations 1.5", ok + ["--iterations", "1.5"], 2,
         ["--iterations"]),
        ("style-weight -1", ok + ["--style-weight", "-1"], 2,
         ["--style-weight", "-1"]),
        ("style-weight nan", ok + ["--style-weight", "nan"], 2,
         ["--style-weight"]),
        ("init bogus", ok + ["--init", "bogus"], 2,
         ["--init", "bogus", "content"]),
        ("unknown flag", ok + ["--frobnicate"], 2, ["--frobnicate"]),
        ("missing value", ok + ["--iterations"], 2, ["--iterations"]),
        ("value on a switch", ok + ["--quiet=yes"], 2, ["--quiet"]),
        ("no style", [CONTENT, "-o", out], 2, ["style"]),
        ("no content", ["-o", out], 2, ["content"]),
        ("no -o", [CONTENT, STYLE], 2, ["-o"]),
        ("blend count", ok + ["--style-blend", "1,2"], 2,
         ["--style-blend"]),
        ("blend zero", ok + ["--style-blend", "0"], 2, ["--style-blend"]),
        ("save-every vs preview-every",
         ok + ["--save-every", "2", "--preview-every", "5"], 2,
         ["--save-every", "--preview-every"]),
        ("unwritable output directory",
         [CONTENT, STYLE, "-o", os.path.join(tmp, "no-such-dir", "out.png"),
          "--weights", WEIGHTS], 1, ["no-such-dir"]),
        ("output is a directory",
         [CONTENT, STYLE, "-o", tmp, "--weights", WEIGHTS], 1,
         ["directory"]),
        ("output under a file",
         [CONTENT, STYLE, "-o", os.path.join(text, "out.png"),
          "--weights", WEIGHTS], 1, ["notes.png"]),
        ("unwritable log", ok + ["--size", "0", "--iterations", "1",
                                 "--log-json", os.path.join(tmp, "no", "l")],
         1, ["log"]),
    ]


def test_bad_input(tmp):
    failures = []
    cases = bad_cases(tmp)
    if os.geteuid() != 0:  # root writes anywhere
        locked = os.path.join(tmp, "locked")
        os.mkdir(locked, 0o555)
        cases.append(("read-only output directory",
                      [CONTENT, STYLE, "-o", os.path.join(locked, "o.png"),
                       "--weights", WEIGHTS], 1, ["locked"]))
    before = set(os.listdir(tmp))
    for name, args, status, words in cases:
        proc = run(args)
        problems = []
        if proc.returncode != status:
            problems.append(f"exit status {proc.returncode}, expected "
                            f"{status}")
        if not proc.stderr.startswith("neural-style: "):
            problems.append("no 'neural-style: ' message")
        problems += [f"message does not mention {w!r}" for w in words
                     if w.lower() not in proc.stderr.lower()]
        if set(os.listdir(tmp)) != before:
            problems.append(f"left files: {set(os.listdir(tmp)) - before}")
        if problems:
            failures.append(f"{name}: {'; '.join(problems)}\n  stderr: "
                            + proc.stderr.strip().replace("\n", "\n  "))
    check(not failures, "\n".join(failures))


# ---- Ctrl-C -----------------------------------------------------------------

def interrupted_run(tmp, n_signals):
    """Starts a long run, waits for its first logged
    evaluation, sends SIGINT n_signals times; returns (status, log lines,
    output path, stderr)."""
    out = os.path.join(tmp, "out.png")
    proc = subprocess.Popen(
        [EXE, CONTENT, STYLE, "-o", out,
         "--weights", WEIGHTS, "--size", "0", "--iterations", "100000",
         "--log-json", "-"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline()
        if not first:
            raise Failure("the run ended before its first evaluation: "
                          + proc.stderr.read())
        # Just after a logged evaluation: the next one takes a while.
        proc.send_signal(signal.SIGINT)
        if n_signals == 2:
            # Two signals sent at once may arrive as one: wait until the
            # first has been seen.
            for line in proc.stderr:
                if "stopping" in line:
                    break
            proc.send_signal(signal.SIGINT)
        rest, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc.returncode, [first] + rest.splitlines(), out, stderr


def test_interrupt(tmp):
    status, lines, out, stderr = interrupted_run(tmp, 1)
    check(status == 0, f"one Ctrl-C: exit status {status}\n{stderr}")
    check(len(lines) <= 3, f"one Ctrl-C did not stop ({len(lines)} lines)")
    check("Stopped after" in stderr, f"no summary of the stop:\n{stderr}")
    check(os.listdir(tmp) == ["out.png"], f"files: {os.listdir(tmp)}")
    check(Image.open(out).size == CONTENT_SIZE,
          "one Ctrl-C: the result is not the content's size")


def test_cancel(tmp):
    status, lines, out, stderr = interrupted_run(tmp, 2)
    check(status == 130, f"two Ctrl-C: exit status {status}\n{stderr}")
    check(not os.listdir(tmp), f"two Ctrl-C left files: {os.listdir(tmp)}")


# ---- hostile input ----------------------------------------------------------

def run_bounded(args, what, timeout=30):
    """run () where a hang is a failure, not a stuck suite."""
    try:
        return run(args, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise Failure(f"{what}: still running after {timeout} s (hangs)")


def expect_refusal(proc, what, status, words):
    check(proc.returncode == status,
          f"{what}: exit status {proc.returncode}, expected {status}\n"
          f"{proc.stderr}")
    missing = [w for w in words if w not in proc.stderr]
    check(not missing, f"{what}: message lacks {missing}:\n{proc.stderr}")


def test_blend_overflow(tmp):
    # Weights near DBL_MAX are as equal as 1,1: their sum must not overflow
    # to infinity and leave every style out.
    equal = first_style_loss(tmp, [STYLE, STYLE2], "1,1")
    huge = first_style_loss(tmp, [STYLE, STYLE2], "1e308,1e308")
    check(close(huge, equal, 1e-5),
          f"--style-blend 1e308,1e308: style loss {huge}, 1,1 gives {equal}")


def test_special_files(tmp):
    """FIFOs, links and devices as pictures, weights and output."""
    fifo = os.path.join(tmp, "fifo.png")
    os.mkfifo(fifo)
    out = os.path.join(tmp, "out.png")
    ok = ["-o", out, "--weights", WEIGHTS, "--size", "0", "--iterations", "1"]
    for what, args in (("FIFO as content", [fifo, STYLE] + ok),
                       ("FIFO as style", [CONTENT, fifo] + ok),
                       ("FIFO as weights", [CONTENT, STYLE] + ok[:2]
                        + ["--weights", fifo] + ok[4:])):
        expect_refusal(run_bounded(args, what), what, 1,
                       ["fifo.png", "regular file"])
    # Writing renames a new file over the target: a link or a special file
    # would be replaced, so they are refused and left as they are.
    target = os.path.join(tmp, "target.png")
    with open(target, "w") as f:
        f.write("keep")
    link = os.path.join(tmp, "link.png")
    os.symlink(target, link)
    out_fifo = os.path.join(tmp, "out-fifo.png")
    os.mkfifo(out_fifo)
    for what, name in (("-o onto a symbolic link", link),
                       ("-o onto a FIFO", out_fifo)):
        proc = run_bounded([CONTENT, STYLE, "-o", name] + ok[2:], what)
        expect_refusal(proc, what, 1, [name, "not a regular file"])
    check(os.path.islink(link), "the symbolic link was replaced")
    check(open(target).read() == "keep", "the link's target was changed")
    check(stat.S_ISFIFO(os.lstat(out_fifo).st_mode), "the FIFO was replaced")
    left = set(os.listdir(tmp)) - {"fifo.png", "target.png", "link.png",
                                   "out-fifo.png"}
    check(not left, f"left files: {left}")


def test_log_safety(tmp):
    """--log-json never destroys a file named by mistake."""
    content = os.path.join(tmp, "content.png")
    with open(CONTENT, "rb") as f:
        picture = f.read()
    with open(content, "wb") as f:
        f.write(picture)
    out = os.path.join(tmp, "out.png")
    with open(out, "w") as f:
        f.write("previous result")
    style = os.path.join(tmp, "style.png")
    with open(STYLE, "rb") as src, open(style, "wb") as f:
        f.write(src.read())
    common = ["--weights", WEIGHTS, "--size", "0", "--scales", "1",
              "--iterations", "1"]
    for what, log in (("log = content", content),
                      ("log = style, spelt otherwise",
                       os.path.join(tmp, ".", "style.png")),
                      ("log = output", out)):
        proc = run_bounded([content, style, "-o", out, "--log-json", log]
                           + common, what)
        expect_refusal(proc, what, 2, ["--log-json", "same file"])
    check(open(content, "rb").read() == picture, "the content was changed")
    check(open(out).read() == "previous result", "the output was changed")
    # A run that fails before it starts leaves an existing log alone.
    log = os.path.join(tmp, "old.log")
    with open(log, "w") as f:
        f.write("yesterday's log\n")
    proc = run_bounded([content, style, "-o", out, "--log-json", log,
                        "--weights", os.path.join(tmp, "missing")] + common[2:],
                       "failed run")
    check(proc.returncode == 1, f"missing weights: exit {proc.returncode}")
    check(open(log).read() == "yesterday's log\n",
          "a run that failed before starting truncated the log")
    # A run that starts writes it.
    run_bounded([content, style, "-o", out, "--log-json", log] + common,
                "logged run")
    with open(log) as f:
        check(len(read_log(f.read())) == 1, "the log of the run is not there")


def test_plan(tmp):
    """--plan prints each level of the default schedule with its estimated
    time and needs no -o; a budget too small is refused with the engine's
    message."""
    proc = run([CONTENT, STYLE, "--weights", WEIGHTS, "--size", "128",
                "--plan", "-q"])
    check(proc.returncode == 0,
          f"--plan: exit {proc.returncode}, stderr:\n{proc.stderr}")
    lines = proc.stdout.splitlines()
    check(len(lines) == 4 and lines[1].startswith("level 1 of 2: 64 x ")
          and lines[2].startswith("level 2 of 2: 128 x ")
          and "whole, 100 L-BFGS pairs" in lines[2]
          and lines[3].startswith("in all: about "),
          f"--plan printed:\n{proc.stdout}")
    proc = run([CONTENT, STYLE, "--weights", WEIGHTS, "--size", "384",
                "--memory", "1", "--plan"])
    check(proc.returncode == 1 and "memory budget is 1 MiB" in proc.stderr
          and "(memory)" in proc.stderr,
          f"--memory 1: exit {proc.returncode}, stderr:\n{proc.stderr}")


def plan_of(args, what):
    """--plan -q's levels for `args`: (width, evaluations) of each."""
    proc = run_bounded([CONTENT, STYLE, "--weights", WEIGHTS, "--plan", "-q",
                        *args], what, timeout=120)
    check(proc.returncode == 0,
          f"{what}: exit {proc.returncode}, stderr:\n{proc.stderr}")
    return [(int(width), int(evaluations)) for width, evaluations in
            re.findall(r"^level \d+ of \d+: (\d+) x \d+ px, (\d+) "
                       r"evaluations", proc.stdout, re.M)]


def test_preset(tmp):
    """--preset sets its fields (seen in the plan: size, levels,
    evaluations); a flag given wins whether before or after it; an unknown
    name is refused with the list of the table's presets."""
    presets = re.findall(r"^\| `([\w-]+)` \|", subprocess.run(
        [os.environ["NST_PARAM_TABLE"], "--presets"], capture_output=True,
        text=True, check=True).stdout, re.M)
    check("quick-sketch" in presets, f"the presets are {presets}")
    # quick-sketch: 100 evaluations at 256 px, one level.
    levels = plan_of(["--preset", "quick-sketch"], "quick-sketch")
    check(levels == [(256, 100)], f"--preset quick-sketch plans {levels}")
    for args in (["--preset", "quick-sketch", "--iterations", "7"],
                 ["--iterations", "7", "--preset", "quick-sketch"]):
        levels = plan_of(args, " ".join(args))
        check(levels == [(256, 7)], f"{' '.join(args)} plans {levels}")
    args = ["--size", "128", "--preset", "quick-sketch"]
    levels = plan_of(args, " ".join(args))
    check(levels == [(128, 100)], f"{' '.join(args)} plans {levels}")
    proc = run_bounded([CONTENT, STYLE, "--weights", WEIGHTS, "--plan",
                        "--preset", "bogus"], "--preset bogus")
    expect_refusal(proc, "--preset bogus", 2, ["--preset", "bogus"] + presets)
    proc = run(["--help"])
    block = re.search(r"^  --preset NAME\n((?:    .*\n)+)", proc.stdout,
                      re.M)
    check(block and all(re.search(rf"^        {p}$", block.group(1), re.M)
                        for p in presets),
          f"--help does not list the presets {presets}:\n{proc.stdout}")


def test_edges(tmp):
    out = os.path.join(tmp, "out.png")
    ok = [CONTENT, STYLE, "-o", out, "--weights", WEIGHTS, "--size", "0"]
    # Numbers: no blank before or after, and a denormal is a number.
    for value in (" 2", "2 ", "\t2"):
        proc = run_bounded(ok + ["--iterations", value], repr(value))
        expect_refusal(proc, f"--iterations {value!r}", 2, ["--iterations"])
    proc = run_bounded(ok + ["--iterations", "1", "--tv-weight", "1e-320"],
                       "denormal")
    check(proc.returncode == 0, f"--tv-weight 1e-320: {proc.stderr}")
    os.unlink(out)
    # An empty --weights is a mistake, not "search the default places".
    proc = run_bounded(ok[:4] + ["--weights", ""], "--weights ''")
    expect_refusal(proc, "--weights ''", 2, ["--weights"])
    # A PNG is not written under another format's name.
    for name in ("out.jpg", "out.JPEG", "out.webp"):
        proc = run_bounded([CONTENT, STYLE, "-o", os.path.join(tmp, name)]
                           + ok[4:] + ["--iterations", "1"], name)
        expect_refusal(proc, f"-o {name}", 1, [name, "PNG", ".png"])
    check(not os.listdir(tmp), f"left files: {os.listdir(tmp)}")
    # The longest names a file system takes are valid output names.
    for length in (248, 255):
        name = "n" * (length - 4) + ".png"
        _, written = stylise(tmp, ["--iterations", "1"], out=name)
        check(os.listdir(tmp) == [name], f"{length} bytes: files "
              f"{[n[:20] for n in os.listdir(tmp)]}")
        os.unlink(written)


def test_third_interrupt(tmp):
    """A third Ctrl-C while the result is written leaves no temporary file.
    A large noisy content makes the write last long enough to hit."""
    content = os.path.join(tmp, "big.png")
    noise = np.random.default_rng(1).integers(0, 256, (2500, 2500, 3),
                                              dtype=np.uint8)
    Image.fromarray(noise).save(content, compress_level=0)
    out = os.path.join(tmp, "out.png")
    proc = subprocess.Popen(
        [EXE, content, STYLE, "-o", out, "--weights", WEIGHTS,
         "--size", "64", "--iterations", "1", "--log-json", "-"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        check(proc.stdout.readline(), "the run ended before its evaluation")
        deadline = time.monotonic() + 60
        while not [n for n in os.listdir(tmp) if n.startswith(".out.png.")]:
            check(proc.poll() is None and time.monotonic() < deadline,
                  "no temporary file seen while the result was written")
            time.sleep(0.002)
        for _ in range(3):
            proc.send_signal(signal.SIGINT)
            time.sleep(0.05)
        proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    check(proc.returncode == 130, f"exit status {proc.returncode}")
    check(os.listdir(tmp) == ["big.png"], f"files: {os.listdir(tmp)}")


CASES = {name[len("test_"):].replace("_", "-"): function
         for name, function in globals().items() if name.startswith("test_")}


def main():
    global EXE
    if len(sys.argv) != 3 or sys.argv[2] not in CASES:
        sys.exit(f"usage: {sys.argv[0]} EXE {{{','.join(CASES)}}}")
    EXE = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        try:
            CASES[sys.argv[2]](tmp)
        except Failure as failure:
            print(f"FAIL: {failure}", file=sys.stderr)
            sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
