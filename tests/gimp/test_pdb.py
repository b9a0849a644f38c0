#!/usr/bin/env python3
"""GIMP batch: the procedure's registration, and the Script-Fu example.

The argument list is checked against core/nst-params.def itself: the fixed
arguments, then one per table row in table order with the row's type, help
text, range, default and choices, then the weights path.
"""

import os
import re

from harness import Batch, readme_example, run_cases

FIXED = ["run-mode", "image", "drawable", "num-styles", "styles",
         "num-blends", "style-blend"]
# GimpPDBArgType numbers.
PDB_INT32, PDB_FLOAT, PDB_STRING = 0, 3, 4
PDB_INT32ARRAY, PDB_FLOATARRAY = 5, 8
PDB_IMAGE, PDB_LAYER, PDB_DRAWABLE = 13, 14, 16


def macro_calls(text, macro):
    """The argument lists of every `macro (...)` in C source `text`, split
    at top-level commas, string literals intact."""
    calls = []
    for match in re.finditer(r"\b" + macro + r"\s*\(", text):
        args, depth, current, i = [], 1, "", match.end()
        while depth:
            ch = text[i]
            if ch == '"':
                end = i + 1
                while text[end] != '"':
                    end += 2 if text[end] == "\\" else 1
                current += text[i:end + 1]
                i = end + 1
                continue
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            if ch == "," and depth == 1:
                args.append(current.strip())
                current = ""
            elif depth:
                current += ch
            i += 1
        args.append(current.strip())
        calls.append((match.start(), args))
    return calls


def c_string(expr):
    """The text of N_("a" "b") or "a" "b"."""
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', expr))


def parameter_table(source_root):
    with open(os.path.join(source_root, "core", "nst-params.def")) as f:
        text = f.read()
    text = text[text.index("---- enum choices"):]  # skip the usage comment
    enums, begins = {}, macro_calls(text, "NST_CHOICES_BEGIN")
    for start, (ctype, _) in begins:
        end = text.index("NST_CHOICES_END", start)
        choices = [args for pos, args in macro_calls(text, "NST_CHOICE")
                   if start < pos < end]
        enums[ctype] = [(constant, c_string(nick), value)
                        for value, (constant, nick, _) in enumerate(choices)]
    rows = []
    for kind in ("INT", "DOUBLE", "ENUM", "ENUM_HOST"):
        for pos, args in macro_calls(text, f"NST_PARAM_{kind}"):
            rows.append((pos, kind, args))
    table = []
    for _, kind, args in sorted(rows):
        row = {"name": c_string(args[1]), "help": c_string(args[3]),
               "kind": kind}
        if kind in ("INT", "DOUBLE"):
            row["default"], row["min"], row["max"] = args[4:7]
        else:
            row["choices"] = enums[args[5]]
            row["default"] = args[4]
        table.append(row)
    return table


def expected_help(row):
    """What the help string must say, formatted as C's %d / %g would."""
    if row["kind"] == "INT":
        lo, hi, de = (int(row[k]) for k in ("min", "max", "default"))
        return f"{row['help']} ({lo} to {hi}, default {de})"
    if row["kind"] == "DOUBLE":
        lo, hi, de = ("%g" % float(row[k]) for k in ("min", "max", "default"))
        return f"{row['help']} ({lo} to {hi}, default {de})"
    choices = ", ".join(f"{nick} ({value})"
                        for _, nick, value in row["choices"])
    default = next(f"{nick} ({value})" for constant, nick, value
                   in row["choices"] if constant == row["default"])
    return f"{row['help']} {{ {choices} }}, default {default}"


REGISTRATION = """
(let* ((proc "plug-in-neural-style")
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


def check_registration(case):
    table = parameter_table(case.batch.source_root)
    names = FIXED + [row["name"] for row in table] + ["weights"]
    types = ([PDB_INT32, PDB_IMAGE, PDB_DRAWABLE, PDB_INT32, PDB_INT32ARRAY,
              PDB_INT32, PDB_FLOATARRAY] +
             [PDB_FLOAT if row["kind"] == "DOUBLE" else PDB_INT32
              for row in table] + [PDB_STRING])
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


def cases(batch):
    return [
        ("registration", REGISTRATION, check_registration),
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
