#!/usr/bin/env python3
"""GIMP 3.0 batch: the procedure's registration, and the Script-Fu example.

GIMP 3's Script-Fu cannot look into the PDB, so the registration is read
through Python-Fu (GIMP 3's Python console, in batch mode): every argument
with its GParamSpec, checked against the parameter table as the 2.10 suite
reads it (tests/readme/param-table --json).  The example is
data/neural-style-batch-3.scm, run from the profile's scripts folder as a
user would.
"""

import os
import subprocess

import harness3
import harness
# The GIMP 2.10 module.  Its EXAMPLE calls neural-style-batch, which
# Script-Fu loads from data/neural-style-batch-3.scm here: the same call.
from test_pdb import (EXAMPLE, check_example, check_readme_call,
                      parameter_table)
from test_errors import expect_error  # the GIMP 2.10 module

FIXED = ["run-mode", "image", "drawables", "styles", "style-blend"]

REGISTRATION = r'''
from gi.repository import Gimp
def report(key, value):
    print(f"NST|registration|{key}|{value}", flush=True)
report("begin", "")
proc = Gimp.get_pdb().lookup_procedure("plug-in-neural-style")
args = proc.get_arguments()
report("num-args", len(args))
for i, spec in enumerate(args):
    report(f"arg-{i}", spec.name)
    report(f"type-{i}", type(spec).__name__)
    report(f"help-{i}", spec.get_blurb())
    report(f"label-{i}", spec.get_nick())
    if type(spec).__name__ == "ParamChoice":
        choice = Gimp.param_spec_choice_get_choice(spec)
        report(f"choices-{i}", " ".join(choice.list_nicks()))
        report(f"default-{i}", Gimp.param_spec_choice_get_default(spec))
    elif hasattr(spec, "minimum"):
        report(f"range-{i}", f"{spec.minimum} {spec.maximum}")
        report(f"default-{i}", spec.default_value)
report("return", " ".join(spec.name for spec in proc.get_return_values()))
report("menu", " ".join(proc.get_menu_paths()))
report("menu-label", proc.get_menu_label())
report("image-types", proc.get_image_types())
report("end", "")
'''


def check_registration(case):
    table = parameter_table()
    # The regions last: optional arguments that old calls leave out.
    names = (FIXED + [row["name"] for row in table] +
             ["weights", "regions", "source-masks"])
    case.expect(case.get("num-args") == str(len(names)),
                f"{len(names)} arguments, not {case.get('num-args')}")
    for i, name in enumerate(names):
        case.expect(case.get(f"arg-{i}") == name,
                    f"argument {i} is {name}, not {case.get(f'arg-{i}')}")
        case.expect(case.get(f"help-{i}"), f"argument {i} has a help text")
    for i, row in enumerate(table, start=len(FIXED)):
        name = row["name"]
        case.expect(case.get(f"help-{i}") == row["help"],
                    f"{name}: help {case.get(f'help-{i}')!r}")
        if row["type"] in ("int", "double"):
            low, high = (float(v) for v in case.get(f"range-{i}").split())
            case.expect((low, high) == (row["min"], row["max"]),
                        f"{name}: range {low} to {high}")
            case.expect(float(case.get(f"default-{i}")) == row["default"],
                        f"{name}: default {case.get(f'default-{i}')}")
        else:
            nicks = [c["nick"] for c in row["choices"]]
            default = next(c["nick"] for c in row["choices"]
                           if c["value"] == row["default"])
            case.expect(case.get(f"choices-{i}") == " ".join(nicks),
                        f"{name}: choices {case.get(f'choices-{i}')!r}")
            case.expect(case.get(f"default-{i}") == default,
                        f"{name}: default {case.get(f'default-{i}')!r}")
    case.expect(case.get("return") == "result-layer",
                "returns one value, the result layer")
    case.expect(case.get("menu") == "<Image>/Filters/Artistic",
                f"menu path {case.get('menu')!r}")
    case.expect(case.get("menu-label") == "_Neural Style...",
                f"menu label {case.get('menu-label')!r}")
    case.expect(case.get("image-types") == "RGB*, GRAY*",
                f"image types {case.get('image-types')!r}")


def read_registration(batch):
    """Runs REGISTRATION in Python-Fu; returns the checked case."""
    argv = [batch.args.gimp, "-i", "-d", "-f",
            "--batch-interpreter", "python-fu-eval",
            "-b", REGISTRATION, "--quit"]
    env = dict(os.environ, GIMP3_DIRECTORY=batch.profile, LC_ALL="C.UTF-8",
               LANGUAGE="C")
    batch.log = subprocess.run(argv, env=env, capture_output=True, text=True,
                               timeout=300).stdout
    reports, logs = batch.reports()
    case = harness.Case(batch, "registration", reports.get("registration", {}),
                        logs.get("registration", batch.log))
    harness.check_case(case, check_registration, False)
    return case


def readme_call(batch):
    """The README's GIMP 3.0 Script-Fu example, run as it stands."""
    example = harness.readme_example(
        batch.source_root, "**GIMP 3.0**", batch.pictures(),
        ("#:iterations 200 #:size 512", "#:iterations 3 #:size 0"))
    return f"""
(let ((result (begin {example})))
  (nst-report "result-name" (gimp-item-get-name result)))
"""


# What Script-Fu prints for a call of ours in the positional style.  The
# whole batch's output is searched: Script-Fu's stderr and the cases'
# reports reach it in no fixed order.  Only these two cases call the
# plug-in in this batch.
DEPRECATED = "Please use named arguments: (plug-in-neural-style"


def named_arguments(check):
    """`check`, and no call was in the positional style GIMP 3 calls
    deprecated."""
    def checked(case):
        check(case)
        case.expect(DEPRECATED not in case.batch.log,
                    "GIMP calls the call style of the example or the README "
                    "deprecated: give the arguments by name (#:name value)")
    return checked


# Named arguments without #:styles: GIMP 3 takes the argument's default
# (no styles), and the plug-in, not GIMP, says what is missing.
NO_STYLES = """
(let* ((image (nst-load "content-64.png"))
       (content (nst-drawable image)))
  (nst-expect-error image content "named-no-styles.png"
    (lambda () (plug-in-neural-style #:run-mode RUN-NONINTERACTIVE
                                     #:image image
                                     #:drawables (vector content)
                                     #:iterations 2 #:size 32
                                     #:weights nst-weights))))
"""


def check_no_styles(case):
    expect_error(["style layers", "got 0"])(case)
    case.expect("out of range" not in case.get("message") and
                "not transformable" not in case.get("message"),
                f"the plug-in's message, not GIMP's: {case.get('message')}")


if __name__ == "__main__":
    batch = harness3.Batch3()
    batch.install_script(os.path.join(batch.source_root, "data",
                                      "neural-style-batch-3.scm"))
    registration = read_registration(batch)
    # The example searches for the weights as a user's script would.
    os.environ["NST_WEIGHTS"] = batch.weights
    batch, cases = harness.run_cases(
        [("example", EXAMPLE, named_arguments(check_example)),
         ("readme", readme_call(batch), named_arguments(check_readme_call)),
         ("named-no-styles", NO_STYLES, check_no_styles)],
        batch=batch)
    batch.finish([registration] + cases)
