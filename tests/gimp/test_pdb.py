#!/usr/bin/env python3
"""GIMP batch: the procedure's registration, and the Script-Fu example.

The argument list is checked against the parameter table as the engine
compiles it (tests/readme/param-table --json): the fixed arguments, then
one per table row in table order with the row's type, help text, range,
default and choices, then the weights path.
"""

import json
import os
import re
import subprocess

from harness import Batch, readme_example, run_cases, scheme_string

FIXED = ["run-mode", "image", "drawable", "num-styles", "styles",
         "num-blends", "style-blend"]
# GimpPDBArgType numbers.
PDB_INT32, PDB_FLOAT, PDB_STRING = 0, 3, 4
PDB_INT32ARRAY, PDB_FLOATARRAY = 5, 8
PDB_IMAGE, PDB_LAYER, PDB_DRAWABLE = 13, 14, 16


def parameter_table():
    """The rows of the parameter table as the engine compiled it
    (tests/readme/param-table --json)."""
    return json.loads(subprocess.run(
        [os.environ["NST_PARAM_TABLE"], "--json"], capture_output=True,
        text=True, check=True).stdout)


def expected_help(row):
    """What the help string must say, formatted as C's %d / %g would."""
    if row["type"] == "int":
        lo, hi, de = (int(row[k]) for k in ("min", "max", "default"))
        return f"{row['help']} ({lo} to {hi}, default {de})"
    if row["type"] == "double":
        lo, hi, de = ("%g" % row[k] for k in ("min", "max", "default"))
        return f"{row['help']} ({lo} to {hi}, default {de})"
    choices = ", ".join(f"{c['nick']} ({c['value']})" for c in row["choices"])
    default = next(f"{c['nick']} ({c['value']})" for c in row["choices"]
                   if c["value"] == row["default"])
    return f"{row['help']} {{ {choices} }}, default {default}"


REGISTRATION = """
(let* ((proc "PROC")
       (info (gimp-procedural-db-proc-info proc))
       (n (list-ref info 6))
       (plugins (gimp-plugins-query "Neural Style")))
  (nst-report "num-args" n)
  (nst-report "return" (list (list-ref info 7)
                             (car (gimp-procedural-db-proc-val proc 0))))
  (let loop ((i 0))
    (if (< i n)
        (let ((arg (gimp-procedural-db-proc-arg proc i)))
          (nst-report (string-append "arg-" (number->string i))
                      (list (car arg) (cadr arg)))
          (nst-report (string-append "help-" (number->string i)) (caddr arg))
          (loop (+ i 1)))))
  (nst-report "menu-procedure" (list-ref plugins 11))
  (nst-report "menu" (list-ref plugins 1))
  (nst-report "image-types" (list-ref plugins 7)))
"""


def check_registration(case, regions=False):
    table = parameter_table()
    names = FIXED + [row["name"] for row in table] + ["weights"]
    types = ([PDB_INT32, PDB_IMAGE, PDB_DRAWABLE, PDB_INT32, PDB_INT32ARRAY,
              PDB_INT32, PDB_FLOATARRAY] +
             [PDB_FLOAT if row["type"] == "double" else PDB_INT32
              for row in table] + [PDB_STRING])
    if regions:
        names += ["num-regions", "regions", "num-source-masks",
                  "source-masks"]
        types += [PDB_INT32, PDB_INT32ARRAY, PDB_INT32, PDB_INT32ARRAY]
    case.expect(case.get("num-args") == str(len(names)),
                f"{len(names)} arguments, not {case.get('num-args')}")
    case.expect(case.get("return") == f"1 {PDB_LAYER}",
                "returns one value, the result layer")
    for i, (name, pdb_type) in enumerate(zip(names, types)):
        case.expect(case.get(f"arg-{i}") == f"{pdb_type} {name}",
                    f"argument {i} is {name} of type {pdb_type}, not "
                    f"{case.get(f'arg-{i}')}")
        case.expect(case.get(f"help-{i}"), f"argument {i} has a help text")
    for i, row in enumerate(table, start=len(FIXED)):
        case.expect(case.get(f"help-{i}") == expected_help(row),
                    f"{row['name']}: help {case.get(f'help-{i}')!r}, "
                    f"expected {expected_help(row)!r}")
    # gimp-plugins-query lists menu entries: the regions procedure has
    # none, and the plain one is still the entry.
    case.expect(case.get("menu-procedure") == "plug-in-neural-style",
                "one menu entry, ours")
    case.expect(case.get("menu") == "<Image>/Filters/Artistic/Neural Style...",
                f"menu path {case.get('menu')!r}")
    case.expect(case.get("image-types") == "RGB*, GRAY*",
                f"image types {case.get('image-types')!r}")


# Script-Fu loads data/neural-style-batch.scm from the profile's scripts
# folder (where meson installs it) at start-up.
EXAMPLE = """
(let ((out (nst-path nst-out "example.png")))
  (nst-report "returned"
              (neural-style-batch (nst-path nst-images "content-64.png")
                                  (nst-path nst-images "style-48.png")
                                  out 3 0))
  (nst-report "expected" out))
"""


def check_example(case):
    case.expect(case.get("returned") == case.get("expected"),
                "the function returns the file it wrote")
    result = case.image("example.png")
    case.expect(result.shape[:2] == (43, 64),
                f"the picture's size is kept: {result.shape}")


def readme_call(batch):
    """The README's GIMP 2.10 Script-Fu example, run as it stands."""
    example = readme_example(batch.source_root, "**GIMP 2.10**",
                             batch.pictures())
    return f"""
(let ((result (begin {example})))
  (nst-report "result-name" (car (gimp-item-get-name (car result)))))
"""


def check_readme_call(case):
    case.expect(case.get("result-name") != "",
                "the README's call returns the result layer")


# The README's GIMP 2.10 example with regions, on the test pictures: its
# photo, sky and ground become content-64, style-48 and style2-40, its 200
# evaluations at 512 px 3 at the picture's own size.
def readme_regions_call(batch):
    with open(os.path.join(batch.source_root, "README.md")) as f:
        text = f.read()
    marker = "`plug-in-neural-style-regions`, as"
    block = re.search(r"```scheme\n(.*?)```", text[text.index(marker):],
                      re.S).group(1)
    for old, new in (("photo.png", "content-64.png"),
                     ("sky.jpg", "style-48.png"),
                     ("ground.jpg", "style2-40.png")):
        block = block.replace(f'"{old}"', scheme_string(
            os.path.join(batch.pictures(), new)))
    block = block.replace("200 512", "3 0")
    return f"""
(let ((result (begin {block}
)))
  (nst-report "result-name" (car (gimp-item-get-name (car result)))))
"""


def cases(batch):
    return [
        ("registration", REGISTRATION.replace("PROC", "plug-in-neural-style"),
         check_registration),
        ("registration-regions",
         REGISTRATION.replace("PROC", "plug-in-neural-style-regions"),
         lambda case: check_registration(case, regions=True)),
        ("readme-regions", readme_regions_call(batch), check_readme_call),
        ("example", EXAMPLE, check_example),
        ("readme", readme_call(batch), check_readme_call),
    ]


if __name__ == "__main__":
    batch = Batch()
    batch.install_script(os.path.join(batch.source_root, "data",
                                      "neural-style-batch.scm"))
    # The example searches for the weights as a user's script would.
    os.environ["NST_WEIGHTS"] = batch.weights
    batch, checked = run_cases(cases(batch), batch=batch)
    batch.finish(checked)
