"""view_checks.py: the dialog's preview pane in a real GIMP, used from
outside like a user with xdotool, for gimp-dialog-test.py (GIMP 2.10) and
../gimp3/dialog-test.py (GIMP 3.0).

../gimp3/mnemonics-module.c, a GTK module built for either GTK, prints
where the pane's widgets are
("NST-WIDGET|name|x|y|width|height", in the dialog's coordinates); the
checks click them and compare screenshots of the preview area:
  - the area is at least 320 × 216 px;
  - Before shows another picture (the layer unpainted), and pressed again
    not that one any more;
  - 100 % shows another picture (a part at the run's scale), and dragging
    it moves to another part;
  - a working size too small for the network: the area shows no picture
    (its grey background), its status the reason.
Beside the pane (front_checks), the dialog names the layer it paints, and
no ticked check box (the preview's switch) has its label drawn as if it
were off.
"""

import os
import re
import subprocess
import tempfile
import time

import numpy as np
from PIL import Image

SETTLE_SECONDS = 120  # a 2-core machine computing a 100 % preview
REGIONS_SECONDS = 20  # a preview of the synthetic 64 x 43 px layer


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


def settled(xdotool, window, box):
    """The area once it stopped changing for 8 s: the preview's last frame
    (or none), not one on the way (a frame comes every 10 evaluations).  The pointer goes to the dialog's
    corner first: over the area it would pop up a tooltip."""
    xdotool("mousemove", "--window", window, "1", "1")
    deadline = time.monotonic() + SETTLE_SECONDS
    last = grab(window, box)
    while time.monotonic() < deadline:
        time.sleep(8)
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


def pane_widgets(log_path, seconds=10):
    """The pane's widgets, once the module listed them; {} if it did not."""
    deadline = time.monotonic() + seconds
    while True:
        with open(log_path, errors="replace") as f:
            found = widgets(f.read())
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.5)


def first_frames(window, log_path, opened, seconds=180):
    """Seconds from `opened` (time.monotonic () when the dialog appeared)
    until the preview area shows a picture, not its plain background (the
    layer, unpainted), and until that picture first changes (the first
    painted frame); None for what did not come within `seconds`."""
    area = pane_widgets(log_path).get("preview-area")
    shown = painted = None
    first = None
    while area and time.monotonic() < opened + seconds and painted is None:
        now = grab(window, area)
        if shown is None and now.std() > 2:
            shown, first = time.monotonic() - opened, now
        elif shown is not None and differ(now, first):
            painted = time.monotonic() - opened
        time.sleep(0.25)
    return shown, painted


def print_first_frames(window, log_path, opened):
    shown, painted = first_frames(window, log_path, opened)
    print("after the dialog opened, the preview showed the layer "
          + (f"at {shown:.1f} s" if shown is not None else "never")
          + " and its first painted frame "
          + (f"at {painted:.1f} s" if painted is not None else "never"))


def front_checks(log_path, painted):
    """The module's NST-PAINTED and NST-CHECK lines: `painted` ("image —
    layer") named, and every ticked check box's label coloured as an
    unticked one."""
    with open(log_path, errors="replace") as f:
        text = f.read()
    failures = []
    named = re.search(r"^NST-PAINTED\|(.*)$", text, re.M)
    print(f"layer painted, as named: {named.group(1) if named else None!r}")
    if not named or painted not in named.group(1):
        failures.append(f"the dialog does not name the layer it paints "
                        f"({painted!r})")
    checks = re.findall(r"^NST-CHECK\|(.*)\|([01])$", text, re.M)
    print(f"ticked check boxes (label, drawn as unticked): {checks}")
    if not checks:
        failures.append("no ticked check box was listed (the preview's "
                        "switch is on at first)")
    failures += [f"the ticked check box {label!r} looks switched off (its "
                 f"label is drawn in another colour than unticked)"
                 for label, same in checks if same != "1"]
    return failures


def choose_regions(xdotool, focus_keys):
    """Gives style i + 1 the region i + 1 places down its menu (after
    "Whole image": with two channels and no selection, the first style
    the first channel and the second the second), by keyboard as a user
    may: focus_keys[i] are the keys that put the focus on that menu."""
    for i, keys in enumerate(focus_keys):
        for key in keys:
            xdotool("key", "--clearmodifiers", key)
            time.sleep(0.3)
        for _ in range(i + 1):
            xdotool("key", "Down")
            time.sleep(0.2)
    time.sleep(0.5)


def shoot_regions(xdotool, window, log_path, screenshot):
    """The whole dialog, with the regions chosen outlined by the switch
    that appears for them, once the preview has settled, to `screenshot`
    with "-regions" added.  Failures: the switch never appeared."""
    deadline = time.monotonic() + REGIONS_SECONDS
    while "preview-regions" not in pane_widgets(log_path, 1):
        if time.monotonic() > deadline:
            return ["the preview's Regions switch did not appear with "
                    "regions chosen"]
        time.sleep(1)
    click(xdotool, window, pane_widgets(log_path)["preview-regions"])
    xdotool("mousemove", "--window", window, "1", "1")
    time.sleep(REGIONS_SECONDS)
    path = screenshot.replace(".png", "-regions.png")
    subprocess.run(["import", "-window", window, path], check=True)
    print(f"screenshot with regions: {path}")
    return []


def run(xdotool, type_into, window, log_path, screenshot, painted):
    found = pane_widgets(log_path)
    missing = {"preview-area", "preview-zoom", "preview-before"} - set(found)
    if missing:
        return [f"the pane's widgets were not listed: {sorted(missing)}"]
    area = found["preview-area"]
    failures = front_checks(log_path, painted)
    if area[2] < 320 or area[3] < 216:
        failures.append(f"the preview is {area[2]} × {area[3]} px, less than "
                        "320 × 216")

    fitted = settled(xdotool, window, area)
    click(xdotool, window, found["preview-before"])
    before = grab(window, area)
    click(xdotool, window, found["preview-before"])
    again = grab(window, area)
    if not differ(before, fitted):
        failures.append("Before shows the same picture as the preview")
    # Not `fitted` itself: the preview may have painted on meanwhile.
    if not differ(again, before):
        failures.append("Before pressed again still shows the layer "
                        "unpainted")

    click(xdotool, window, found["preview-zoom"])
    xdotool("key", "Down")
    xdotool("key", "Return")
    time.sleep(1)
    zoomed = settled(xdotool, window, area)
    if screenshot:
        grab(window, area, screenshot)
    if not differ(zoomed, fitted):
        failures.append("100 % shows the same picture as Fit")

    x, y, w, h = area
    xdotool("mousemove", "--window", window, str(x + w // 2), str(y + h // 2))
    xdotool("mousedown", "1")
    # Both ways: a wide pane may show the run's whole width at 100 %.
    for step in range(1, 9):
        xdotool("mousemove", "--window", window, str(x + w // 2 - 10 * step),
                str(y + h // 2 - 8 * step))
        time.sleep(0.1)
    xdotool("mouseup", "1")
    time.sleep(1)
    panned = settled(xdotool, window, area)
    if not differ(panned, zoomed):
        failures.append("dragging the 100 % view does not move it")

    # 16 px in two levels: 8 px at the coarse one, which the network
    # cannot take.
    type_into(window, "z", "16")
    xdotool("key", "Tab")
    time.sleep(1)
    failed = settled(xdotool, window, area)
    if screenshot:
        grab(window, area, screenshot.replace(".png", "-error.png"))
    if failed.std() > 2 or abs(failed.mean() - 128) > 3:
        failures.append(f"a preview that cannot be computed still shows a "
                        f"picture (mean {failed.mean():.0f}, spread "
                        f"{failed.std():.0f})")
    return failures
