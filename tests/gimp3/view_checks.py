"""view_checks.py: the GIMP 3.0 dialog's preview pane, used from outside
like a user with xdotool, for dialog-test.py.

mnemonics-module.c prints where the pane's widgets are
("NST-WIDGET|name|x|y|width|height", in the dialog's coordinates); the
checks click them and compare screenshots of the preview area:
  - the area is at least 320 × 216 px;
  - Before shows another picture (the layer unpainted), and pressed again
    the painted one, unchanged;
  - 100 % shows another picture (a part at the run's scale), and dragging
    it moves to another part;
  - a working size too small for the network: the area shows no picture
    (its grey background), its status the reason.
"""

import os
import re
import subprocess
import tempfile
import time

import numpy as np
from PIL import Image

SETTLE_SECONDS = 90  # a 2-core machine computing a 100 % preview


def widgets(text):
    return {name: tuple(int(v) for v in rest) for name, *rest in re.findall(
        r"^NST-WIDGET\|([^|]*)\|(-?\d+)\|(-?\d+)\|(\d+)\|(\d+)$", text, re.M)}


def grab(window, box, path=None):
    """The preview area's pixels, as a float array (the whole window saved
    to `path` too, when given)."""
    with tempfile.TemporaryDirectory() as tmp:
        shot = path or os.path.join(tmp, "shot.png")
        subprocess.run(["import", "-window", window, shot], check=True)
        x, y, w, h = box
        with Image.open(shot) as im:
            return np.asarray(im.convert("RGB").crop((x, y, x + w, y + h)),
                              dtype=float)


def settled(window, box):
    """The area once it stopped changing for 4 s: the preview's last frame
    (or none), not one on the way."""
    deadline = time.monotonic() + SETTLE_SECONDS
    last = grab(window, box)
    while time.monotonic() < deadline:
        time.sleep(4)
        now = grab(window, box)
        if np.array_equal(now, last):
            return now
        last = now
    return last


def click(xdotool, window, box):
    x, y, w, h = box
    xdotool("mousemove", "--window", window, str(x + w // 2), str(y + h // 2))
    xdotool("click", "1")
    time.sleep(0.5)


def differ(a, b):
    return float(np.abs(a - b).mean()) > 2.0


def run(xdotool, type_into, window, log_path, screenshot):
    with open(log_path, errors="replace") as f:
        found = widgets(f.read())
    missing = {"preview-area", "preview-zoom", "preview-before"} - set(found)
    if missing:
        return [f"the pane's widgets were not listed: {sorted(missing)}"]
    area = found["preview-area"]
    failures = []
    if area[2] < 320 or area[3] < 216:
        failures.append(f"the preview is {area[2]} × {area[3]} px, less than "
                        "320 × 216")

    fitted = settled(window, area)
    click(xdotool, window, found["preview-before"])
    before = grab(window, area)
    click(xdotool, window, found["preview-before"])
    again = grab(window, area)
    if not differ(before, fitted):
        failures.append("Before shows the same picture as the preview")
    if float(np.abs(again - fitted).max()) > 2:
        failures.append("Before pressed again does not bring back the "
                        "painted picture")

    click(xdotool, window, found["preview-zoom"])
    xdotool("key", "Down")
    xdotool("key", "Return")
    time.sleep(1)
    zoomed = settled(window, area)
    if screenshot:
        xdotool("mousemove", "--window", window, "0", "0")
        time.sleep(1)
        grab(window, area, screenshot)
    if not differ(zoomed, fitted):
        failures.append("100 % shows the same picture as Fit")

    x, y, w, h = area
    xdotool("mousemove", "--window", window, str(x + w // 2), str(y + h // 2))
    xdotool("mousedown", "1")
    for step in range(1, 9):
        xdotool("mousemove", "--window", window, str(x + w // 2 - 10 * step),
                str(y + h // 2))
        time.sleep(0.1)
    xdotool("mouseup", "1")
    time.sleep(1)
    panned = settled(window, area)
    if not differ(panned, zoomed):
        failures.append("dragging the 100 % view does not move it")

    # 16 px in two levels: 8 px at the coarse one, which the network
    # cannot take.
    type_into(window, "z", "16")
    xdotool("key", "Tab")
    time.sleep(1)
    failed = settled(window, area)
    if failed.std() > 2 or abs(failed.mean() - 128) > 3:
        failures.append(f"a preview that cannot be computed still shows a "
                        f"picture (mean {failed.mean():.0f}, spread "
                        f"{failed.std():.0f})")
    return failures
