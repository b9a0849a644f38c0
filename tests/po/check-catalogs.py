"""check-catalogs.py: the translations are complete, current and work.

1. Every catalog in po/LINGUAS compiles with msgfmt -c --check-format.
2. Every message of the template is translated (not empty, not fuzzy) in
   each catalog, and no catalog keeps messages the template dropped.
3. The template is up to date: xgettext over po/POTFILES (with the build's
   arguments, given after --) finds exactly the template's messages.
4. po/POTFILES lists every source file with _() or N_() strings.
5. The built catalogs translate at run time: show-translation prints the
   parameter table through gettext with LANGUAGE=<lang>, and every line
   must be that catalog's translation.
6. The engine's messages come out in the user's language: for a few user
   mistakes show-engine-messages prints what the engine says, which must be
   English in the C locale (the command-line tool's) and the catalog's
   sentences with LANGUAGE=<lang>.

Prints what is wrong and how to fix it; exits 1 if anything is.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

UPDATE_HINT = ("regenerate with `ninja -C <build> gimp-neural-style-pot`, "
               "merge with `ninja -C <build> gimp-neural-style-update-po` "
               "and translate what is new or fuzzy")

# Folders whose marked strings reach the user through this text domain.
TRANSLATED_DIRS = ("core", "ui", "plugin")
MARKED = re.compile(r'(?<![A-Za-z0-9_])N?_ ?\(\s*"')

problems = []


def problem(text):
    problems.append(text)
    print("FAIL: " + text)


def unquote(text):
    text = text.strip()
    if not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f"not a quoted string: {text}")
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r'\\(.)', lambda m: escapes.get(m.group(1), m.group(1)),
                  text[1:-1])


def parse_po(path):
    """{(msgctxt, msgid): (msgstr, fuzzy)} of a .po or .pot, without the
    header and obsolete entries."""
    messages = {}
    entry = {}
    field = None

    def flush():
        if "msgid" in entry and entry["msgid"] != "":
            key = (entry.get("msgctxt"), entry["msgid"])
            msgstr = entry.get("msgstr", entry.get("msgstr[0]", ""))
            messages[key] = (msgstr, entry.get("fuzzy", False))
        entry.clear()

    with open(path, encoding="utf-8") as po:
        for line in po:
            line = line.rstrip("\n")
            if not line.strip():
                flush()
                field = None
            elif line.startswith("#,"):
                if "msgid" in entry:
                    flush()
                if "fuzzy" in line:
                    entry["fuzzy"] = True
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                entry[field] += unquote(line)
            else:
                keyword, _, rest = line.partition(" ")
                if keyword in ("msgctxt", "msgid") and "msgstr" in entry:
                    flush()
                field = keyword
                entry[field] = unquote(rest)
    flush()
    return messages


def describe(key):
    context, msgid = key
    text = msgid if len(msgid) < 70 else msgid[:67] + "..."
    return repr(text) + (f" (context {context!r})" if context else "")


def check_catalog(po_dir, lang, template):
    path = os.path.join(po_dir, lang + ".po")
    if not os.path.exists(path):
        problem(f"po/LINGUAS names {lang} but po/{lang}.po is missing")
        return {}
    compiled = subprocess.run(
        ["msgfmt", "-c", "--check-format", "-o", os.devnull, path],
        capture_output=True, text=True)
    if compiled.returncode != 0:
        problem(f"po/{lang}.po does not compile:\n{compiled.stderr}")

    catalog = parse_po(path)
    for key in template:
        if key not in catalog:
            problem(f"po/{lang}.po lacks {describe(key)}: {UPDATE_HINT}")
        elif catalog[key][1]:
            problem(f"po/{lang}.po: {describe(key)} is fuzzy: check the "
                    f"translation and remove the fuzzy flag")
        elif not catalog[key][0]:
            problem(f"po/{lang}.po: {describe(key)} is not translated")
    for key in catalog:
        if key not in template:
            problem(f"po/{lang}.po has {describe(key)}, which the template "
                    f"no longer has: {UPDATE_HINT}")
    return catalog


def check_template_current(source_root, po_dir, template, xgettext_args):
    with tempfile.TemporaryDirectory() as tmp:
        fresh = os.path.join(tmp, "fresh.pot")
        run = subprocess.run(
            ["xgettext", "-D", source_root,
             "-f", os.path.join(po_dir, "POTFILES"), "-o", fresh]
            + xgettext_args, capture_output=True, text=True)
        if run.returncode != 0:
            problem(f"xgettext failed:\n{run.stderr}")
            return
        current = set(parse_po(fresh)) if os.path.exists(fresh) else set()
    for key in sorted(current - set(template), key=str):
        problem(f"the sources have {describe(key)}, the template does not: "
                f"{UPDATE_HINT}")
    for key in sorted(set(template) - current, key=str):
        problem(f"the template has {describe(key)}, no source does: "
                f"{UPDATE_HINT}")


def check_potfiles(source_root, po_dir):
    with open(os.path.join(po_dir, "POTFILES"), encoding="utf-8") as f:
        listed = {line.strip() for line in f
                  if line.strip() and not line.startswith("#")}
    for path in sorted(listed):
        if not os.path.exists(os.path.join(source_root, path)):
            problem(f"po/POTFILES lists {path}, which does not exist")
    for folder in TRANSLATED_DIRS:
        for root, _, files in os.walk(os.path.join(source_root, folder)):
            for name in files:
                if not name.endswith((".c", ".h", ".cpp", ".hpp", ".def")):
                    continue
                full = os.path.join(root, name)
                rel = os.path.relpath(full, source_root)
                with open(full, encoding="utf-8", errors="replace") as f:
                    marked = MARKED.search(f.read())
                if marked and rel not in listed:
                    problem(f"{rel} has translatable strings but po/POTFILES "
                            f"does not list it: add it, then {UPDATE_HINT}")


def system_locale(lang):
    """A UTF-8 locale of `lang` the system has (e.g. de_DE.utf8), or None."""
    names = subprocess.run(["locale", "-a"], capture_output=True,
                           text=True).stdout.split()
    return next((name for name in names if name.startswith(lang + "_") and
                 name.lower().endswith((".utf8", ".utf-8"))), None)


def locale_env(lang):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE")}
    # gettext ignores LANGUAGE in the C locale, and glibc 2.41 (Debian 13)
    # in C.UTF-8 too: take the language's own locale where there is one.
    env.update(LANG=system_locale(lang) or "C.UTF-8", LANGUAGE=lang)
    return env


def check_runtime(show_translation, localedir, lang, catalog):
    run = subprocess.run([show_translation, localedir], env=locale_env(lang),
                         capture_output=True, text=True)
    if run.returncode != 0:
        problem(f"show-translation failed ({run.returncode}): {run.stderr}")
        return
    translated = 0
    lines = run.stdout.splitlines()
    for line in lines:
        msgid, _, shown = line.partition("\t")
        expected = catalog.get((None, msgid), ("", False))[0] or msgid
        if shown != expected:
            problem(f"with LANGUAGE={lang} gettext gives {shown!r} for "
                    f"{msgid!r}, po/{lang}.po says {expected!r}: is the "
                    f"built catalog in {localedir}/{lang}/LC_MESSAGES?")
        translated += shown != msgid
    # A few words (CPU, Adam, L-BFGS) are the same in every language; the
    # rest of the table must come out translated.
    if translated < len(lines) * 3 // 4:
        problem(f"with LANGUAGE={lang} only {translated} of {len(lines)} "
                f"table strings came out translated")
    else:
        print(f"ok   {lang}: {translated} of {len(lines)} table strings "
              f"translated at run time")


# What show-engine-messages prints, line by line: the msgids each line is
# made of (joined by a space).
WHAT_TO_DO = ("Run nst-download-weights to download the VGG19 weights, or "
              "choose torchvision's VGG19 weights in safetensors format as "
              "the weights file (or in NST_WEIGHTS).")
ENGINE_MESSAGES = [
    ["The weights file “%s” is empty (an interrupted download?).",
     WHAT_TO_DO],
    ["The weights file “%s” is a directory, not a file.", WHAT_TO_DO],
    ["Every style blend weight is zero: give at least one style image a "
     "positive weight."],
    ["%s must be between %g and %g, not %g."],
]
DIRECTIVE = re.compile(r"%[-+ #0-9.]*(?:hh|h|ll|l|z)?[sdgu]")


def run_engine_messages(program, localedir, env, tmp):
    empty = os.path.join(tmp, "empty.safetensors")
    open(empty, "w").close()
    run = subprocess.run([program, localedir, empty, tmp], env=env,
                         capture_output=True, text=True)
    if run.returncode != 0:
        problem(f"show-engine-messages failed ({run.returncode}): "
                f"{run.stderr}")
        return None
    return run.stdout.splitlines()


def check_engine_messages(program, localedir, catalogs):
    """The engine's messages: English in the C locale, whatever LANGUAGE
    says; each language's catalog sentences with its LANGUAGE."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("LC_") and k != "LANG"}
        env.update(LC_ALL="C", LANGUAGE="de")
        english = run_engine_messages(program, localedir, env, tmp)
        if english is None:
            return
        if len(english) != len(ENGINE_MESSAGES):
            problem(f"show-engine-messages printed {len(english)} lines, "
                    f"{len(ENGINE_MESSAGES)} expected: {english}")
            return
        # The placeholders' values, from the English lines.
        values = []
        for msgids, line in zip(ENGINE_MESSAGES, english):
            pattern = "(.+?)".join(
                re.escape(text) for text in DIRECTIVE.split(" ".join(msgids)))
            found = re.fullmatch(pattern, line)
            if not found:
                problem(f"in the C locale the engine says {line!r}, not "
                        f"the English {' '.join(msgids)!r}")
                return
            values.append(found.groups())
        for lang, catalog in catalogs.items():
            lines = run_engine_messages(program, localedir, locale_env(lang),
                                        tmp)
            if lines is None:
                return
            wrong = len(problems)
            for msgids, args, line in zip(ENGINE_MESSAGES, values, lines):
                args = list(args)
                parts = []
                for msgid in msgids:
                    msgstr = catalog.get((None, msgid), ("", False))[0]
                    parts.append(DIRECTIVE.sub(lambda m: args.pop(0),
                                               msgstr or msgid))
                expected = " ".join(parts)
                if line != expected:
                    problem(f"with LANGUAGE={lang} the engine says {line!r}, "
                            f"po/{lang}.po says {expected!r}")
            if len(problems) == wrong:
                print(f"ok   {lang}: the engine's messages are translated")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--source-root", required=True)
    parser.add_argument("--localedir", required=True,
                        help="where the build put <lang>/LC_MESSAGES/*.mo")
    parser.add_argument("--show-translation", required=True)
    parser.add_argument("--show-engine-messages", required=True)
    parser.add_argument("xgettext_args", nargs="*",
                        help="the build's xgettext arguments, after --")
    args = parser.parse_args()

    po_dir = os.path.join(args.source_root, "po")
    template = parse_po(os.path.join(po_dir, "gimp-neural-style.pot"))
    if not template:
        problem("po/gimp-neural-style.pot has no messages")

    with open(os.path.join(po_dir, "LINGUAS"), encoding="utf-8") as f:
        languages = [word for line in f if not line.startswith("#")
                     for word in line.split()]
    for lang in ("de", "fr", "es"):
        if lang not in languages:
            problem(f"po/LINGUAS does not name {lang}")

    catalogs = {}
    for lang in languages:
        catalog = check_catalog(po_dir, lang, template)
        if catalog:
            check_runtime(args.show_translation, args.localedir, lang,
                          catalog)
            print(f"ok   {lang}: {len(catalog)} messages checked")
            catalogs[lang] = catalog
    check_engine_messages(args.show_engine_messages, args.localedir,
                          catalogs)

    check_template_current(args.source_root, po_dir, template,
                           args.xgettext_args)
    check_potfiles(args.source_root, po_dir)

    print(f"{len(problems)} problems" if problems else "all catalogs good")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
