#!/usr/bin/env python3
"""GIMP with its GUI: one undo step per run.

GIMP 2.10's PDB can neither undo nor count undo steps, so this test works
the way a user would.  gimp-2.10 runs on a virtual screen (Xvfb) and, from
Script-Fu, stylises a selection twice, as a new layer and then in place;
then Script-Fu's server answers questions while xdotool types Edit ▸ Undo
(Ctrl+Z) into the image window.  The first undo must take back exactly the
in-place run, the second exactly the new layer (its mask included), and
neither may bring back a preview layer.

Exits 77 (skipped) without Xvfb or xdotool.
"""

import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time

from harness import Batch, Case, mean_change

GUI_SCRIPT = """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image))
       (style (nst-style "style-48.png")))
  (gimp-display-new image)
  (gimp-image-select-rectangle image CHANNEL-OP-REPLACE 10 8 30 20)
  (nst-call image content (list style) '())
  (nst-call image content (list style) (list (cons "output" 1)))
  (gimp-displays-flush))
(plug-in-script-fu-server RUN-NONINTERACTIVE "127.0.0.1" @PORT@ "")
"""

# The server is a Script-Fu of its own: find the image and its content
# layer (the bottom one) again.
SERVER_SETUP = """
(define nst-image
  (let loop ((ids (vector->list (cadr (gimp-image-list)))))
    (if (string=? (car (gimp-image-get-name (car ids))) "content-64.png")
        (car ids)
        (loop (cdr ids)))))
(define (nst-content)
  (let ((layers (cadr (gimp-image-get-layers nst-image))))
    (vector-ref layers (- (vector-length layers) 1))))
"""

# Layer count and names, as "2 name name"; saves the content and the
# visible image as PNGs named after the state.
STATE = """
(begin (nst-save nst-image (nst-content) "@NAME@-content.png")
       (nst-save-visible nst-image "@NAME@-visible.png")
       (nst->string (list (nst-layer-count nst-image)
                          (map (lambda (l) (car (gimp-item-get-name l)))
                               (vector->list (cadr (gimp-image-get-layers
                                                    nst-image)))))))
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ScriptFuServer:
    """Script-Fu's server protocol: 'G', length, code; 'G', error, length,
    output."""

    def __init__(self, port, seconds):
        deadline = time.monotonic() + seconds
        while True:
            try:
                self.sock = socket.create_connection(("127.0.0.1", port), 5)
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1)

    def eval(self, code):
        """The value of `code`, as Script-Fu prints it."""
        data = code.encode()
        self.sock.sendall(b"G" + struct.pack(">H", len(data)) + data)
        header = self.receive(4)
        error, length = header[1], struct.unpack(">H", header[2:])[0]
        output = self.receive(length).decode(errors="replace")
        if error:
            raise RuntimeError(f"Script-Fu: {output}")
        return output.removesuffix("#<EOF>").strip()

    def receive(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise RuntimeError("Script-Fu's server hung up")
            data += chunk
        return data


def start_xvfb():
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen",
                             "0", "1024x768x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        display = f.readline().strip()
    return xvfb, ":" + display


def xdotool(display, *args):
    return subprocess.run(["xdotool", *args], capture_output=True, text=True,
                          env=dict(os.environ, DISPLAY=display)).stdout


def undo(display):
    """Ctrl+Z in the image window, as a user types it."""
    windows = xdotool(display, "search", "--onlyvisible", "--name",
                      "content-64").split()
    if not windows:
        raise RuntimeError("no image window on the screen")
    window = windows[0]
    xdotool(display, "windowactivate", "--sync", window)
    xdotool(display, "key", "--window", window, "ctrl+z")
    time.sleep(2)


def check(case, states):
    source = case.source_image("content-64.png")
    after_runs, after_one, after_two = states
    case.expect(after_runs.startswith("2 "), f"after the runs: {after_runs}")
    case.expect(after_one.startswith("2 "),
                f"one undo keeps the new layer: {after_one}")
    case.expect(after_two == "1 Background",
                f"two undos remove the new layer, nothing else: {after_two}")
    replaced = case.image("runs-content.png")[:, :, :3]
    case.expect(mean_change(replaced, source) > 0.1,
                "the in-place run changed the content")
    for name in ("undo1", "undo2"):
        content = case.image(f"{name}-content.png")[:, :, :3]
        case.expect((content == source).all(),
                    f"{name}: the in-place run is undone in one step")
    case.expect((case.image("undo2-visible.png")[:, :, :3] == source).all(),
                "after two undos the image is as loaded: the new layer and "
                "its mask went in one step")


class UndoTest:
    """The test's flow, with GIMP 2.10's Script-Fu.  The GIMP 3 suite
    (tests/gimp3/test_undo.py) runs the same flow and check() with its own
    Script-Fu bodies and batch (which knows its GIMP's command line)."""

    gui_script = GUI_SCRIPT
    server_setup = SERVER_SETUP
    state_query = STATE

    def make_batch(self):
        return Batch()

    def state(self, server, name):
        """Layer count and names; the content and visible image saved as
        PNGs."""
        query = self.state_query.replace("@NAME@", name)
        return server.eval(query).strip('"')

    def main(self):
        for tool in ("Xvfb", "xdotool"):
            if not shutil.which(tool):
                print(f"SKIP: {tool} not found")
                sys.exit(77)
        batch = self.batch = self.make_batch()
        port = free_port()
        prelude = batch.prelude()
        script = self.gui_script.replace("@PORT@", str(port))
        xvfb, display = start_xvfb()
        log_path = os.path.join(batch.tmp, "gimp.log")
        with open(log_path, "w") as log:
            gimp = subprocess.Popen(
                [batch.args.gimp, "-n", "-d", "-f", "--no-splash",
                 *batch.batch_options, "-b", f"(begin {prelude} {script})"],
                env=batch.environment({"DISPLAY": display}), stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)
        case = Case(batch, "undo-steps", {}, "")
        try:
            server = ScriptFuServer(port, 300)
            server.eval(f"(begin {prelude} {self.server_setup})")
            states = [self.state(server, "runs")]
            for name in ("undo1", "undo2"):
                undo(display)
                states.append(self.state(server, name))
            check(case, states)
        except Exception as error:  # no server, no window: say what GIMP said
            case.failures.append(f"{type(error).__name__}: {error}")
        finally:
            os.killpg(gimp.pid, signal.SIGKILL)
            gimp.wait()
            xvfb.terminate()
            xvfb.wait()
            with open(log_path, errors="replace") as f:
                case.log = f.read()
            batch.log = case.log
        batch.finish([case])


if __name__ == "__main__":
    UndoTest().main()
