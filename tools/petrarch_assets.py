#!/usr/bin/env python3
"""Convert the PETRARCH2/Phoenix dictionaries (MIT licence, Open Event Data Alliance;
../shared/data/petrarch_dictionaries/) into the project's assets:

  petrarch_assets.py DICT_DIR ASSETS_DIR

writes
  agents.toml           -- agent nouns with their CAMEO role (police -> COP), from
                           Phoenix.agents.txt; plurals added as PETRARCH does;
  petrarch_actors.toml  -- named actors: international organisations, armed non-state
                           groups, and the people of the countries file, each with its
                           CAMEO code and the date ranges of its codes;
  discards.toml         -- story and sentence discards (sports, entertainment).

Our own reader of the TABARI formats (documented in PETRARCH2's docs); nothing is copied
but the dictionary content, which keeps its MIT notice in the files written. Deterministic:
the same input gives byte-identical output."""
import pathlib, re, sys

NOTICE = """# Converted by tools/petrarch_assets.py from the PETRARCH2/Phoenix dictionaries
# (https://github.com/openeventdata/petrarch2), MIT licence:
# Copyright (c) 2014 Open Event Data Alliance. Permission is hereby granted, free of
# charge, to any person obtaining a copy of this software and associated documentation
# files (the "Software"), to deal in the Software without restriction, including without
# limitation the rights to use, copy, modify, merge, publish, distribute, sublicense,
# and/or sell copies of the Software, and to permit persons to whom the Software is
# furnished to do so, subject to the following conditions: The above copyright notice and
# this permission notice shall be included in all copies or substantial portions of the
# Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.
# Do not edit by hand: rerun the script.
"""

# Agent roles kept: the ones that make a political actor of a country's people.
ROLES = {"GOV", "MIL", "REB", "COP", "JUD", "OPP", "CVL", "LEG", "BUS", "MED", "SPY",
         "UAF", "REF", "LAB", "EDU", "HLH", "NGO", "IGO", "PTY", "ELI", "HRI", "CRM"}


# Where the project's codes differ from Phoenix's: issue 14 codes protesters as
# civilians ("protesters -> CVL"), as the project's answer keys do; Phoenix files the bare
# nouns under OPP (its "opposition demonstrators" and the like stay OPP).
ROLE_OVERRIDES = {"protester": "CVL", "protesters": "CVL", "demonstrator": "CVL",
                  "demonstrators": "CVL"}


# Agent nouns the dictionaries lack that news uses for a state's people (the project's own
# additions, not PETRARCH's): criminal investigators are police.
EXTRA_AGENTS = {"investigator": "COP", "investigators": "COP"}


# Roles that make a person of the countries file a political actor.
POLITICAL = {"GOV", "MIL", "LEG", "JUD", "OPP", "REB", "COP", "SPY"}


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def words(name):
    """A dictionary phrase as text: underscores are spaces, a trailing _ dropped."""
    name = name.strip().rstrip("_").replace("_", " ")
    name = re.sub(r"\s+", " ", name).strip()
    name = re.sub(r"\s*\([^)]*\)\s*", " ", name).strip()  # "(AAIA)" acronyms in brackets
    return name


JOINERS = {"OF", "THE", "AND", "FOR", "IN", "ON", "DE", "DU", "DES", "LA", "EL", "AL"}


def acronym(raw):
    """The acronym in brackets after a name ("IRISH_REPUBLICAN_ARMY_(IRA)_" -> "IRA")
    when it is the initials of the name's words (joiners may be skipped), else None:
    "(COUNTRY)", "(SEOUL)" and the like are glosses, not acronyms."""
    m = re.search(r"\(([A-Z0-9-]+)\)", raw)
    if not m:
        return None
    acro = m.group(1)
    letters = acro.replace("-", "")
    ws = [w for w in words(raw).upper().replace("-", " ").split() if w]
    if len(letters) < 3 or not letters.isalpha():
        return None
    full = "".join(w[0] for w in ws)
    short = "".join(w[0] for w in ws if w not in JOINERS)
    return acro if letters in (full, short) else None


def plural(w):
    if re.search(r"(s|x|z|ch|sh)$", w):
        return w + "es"
    if re.search(r"[^aeiou]y$", w):
        return w[:-1] + "ies"
    if w.endswith("man"):
        return w[:-3] + "men"
    return w + "s"


def agents(path):
    macros = {}
    out = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.*)$", line)
        if m:
            macros[m.group(1)] = [x.strip() for x in m.group(2).split(",") if x.strip()]
            continue
        m = re.match(r"^(.+?)\s*(\{[^}]*\})?\s*\[~([A-Z]+)\]\s*$", line)
        if not m:
            continue
        role = m.group(3)
        if role[:3] not in ROLES:
            continue
        role = role[:3]
        base = m.group(1).strip()
        forms = []
        mac = re.search(r"![A-Z]+!", base)
        if mac and mac.group(0) in macros:
            for rep in macros[mac.group(0)]:
                forms.append(base.replace(mac.group(0), " " + rep + " "))
        elif not mac:
            forms.append(base)
            if m.group(2) is None:
                forms.append(plural(words(base).lower()))
            else:
                forms.extend(m.group(2)[1:-1].split())
        for f in forms:
            w = words(f).lower()
            if len(w) < 3 or not re.match(r"^[a-z][a-z .'-]*$", w):
                continue
            out.setdefault(ROLE_OVERRIDES.get(w, role), set()).add(w)
    for w, role in EXTRA_AGENTS.items():
        if not any(w in ws for ws in out.values()):
            out.setdefault(role, set()).add(w)
    return out


def actors(path, kind):
    """Entries: (names, default code, [(code, from, to)])."""
    entries = []
    cur = None
    pending_code = None
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if raw[:1] in ("\t", " ") and line.strip().startswith("["):
            if cur is not None:
                for c in re.findall(r"\[([^\]]+)\]", line):
                    cur["codes"].append(c.strip())
            continue
        if line.startswith("+"):
            if cur is not None:
                cur["names"].append(words(line[1:].split("[")[0]))
                cur["acronyms"].extend(a for a in [acronym(line[1:].split("[")[0])] if a)
            continue
        name = line.split("[")[0]
        cur = {"names": [words(name)], "codes": [c.strip() for c in re.findall(r"\[([^\]]+)\]", line)], "kind": kind,
               "acronyms": [a for a in [acronym(name)] if a]}
        entries.append(cur)
    out = []
    for e in entries:
        default, periods = None, []
        for c in e["codes"]:
            parts = c.split()
            code = parts[0].lstrip("~")
            if not re.match(r"^[A-Z]{3,}$", code):
                continue
            if len(parts) == 1:
                default = code
                continue
            rng = parts[1]
            def day(s):
                s = s.strip()
                if not re.match(r"^\d{6}$", s):
                    return ""
                yy = int(s[:2])
                return f"{1900 + yy if yy > 30 else 2000 + yy}-{s[2:4]}-{s[4:6]}"
            if rng.startswith(">"):
                periods.append((code, day(rng[1:]), ""))
            elif rng.startswith("<"):
                periods.append((code, "", day(rng[1:])))
            elif "-" in rng:
                a, b = rng.split("-", 1)
                periods.append((code, day(a), day(b)))
        if default is None and not periods:
            continue
        names = []
        for n in e["names"]:
            if n and n not in names and re.match(r"^[A-Za-z][A-Za-z0-9 .'&-]*$", n):
                names.append(n)
        if not names:
            continue
        out.append((names, default, periods, e["kind"], e["acronyms"]))
    return out


def discards(path):
    story, sentence = [], []
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or re.match(r"^\d+$", line):
            continue
        (story if line.startswith("+") else sentence).append(line.lstrip("+").strip().lower())
    return sorted(set(story)), sorted(set(sentence))


def main():
    src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    ag = agents(src / "Phoenix.agents.txt")
    with open(dst / "agents.toml", "w", encoding="utf-8") as f:
        f.write("# agents.toml -- agent nouns and their CAMEO roles (police -> COP, rebels -> REB).\n")
        f.write("# An agent combines with the country the text gives (\"Egyptian police\" -> EGYCOP).\n")
        f.write(NOTICE + "\n")
        for role in sorted(ag):
            f.write(f"[[agent]]\nrole = {q(role)}\nwords = [{', '.join(q(w) for w in sorted(ag[role]))}]\n\n")
    rows = []
    for fname, kind in (("Phoenix.International.actors.txt", "organization"),
                        ("Phoenix.MilNonState.actors.txt", "group"),
                        ("Phoenix.Countries.actors.txt", "person")):
        for names, default, periods, k, acronyms in actors(src / fname, kind):
            if kind != "person":
                # a group's acronym in brackets names it too ("(IRA)", "(LTTE)"),
                # matched only when written in capitals
                names = names + [a for a in acronyms if a not in names]
            if kind == "person":
                # the country file: the countries themselves are in actors.toml;
                # kept are units and institutions with a role (AFGMIL) and people
                # who held a political office (a GOV, MIL, LEG, JUD, OPP or REB
                # code in some period); names of two words or more, never a bare
                # surname; an institution (a code with a role, no periods) also
                # keeps its one-word acronyms ("CIA", "FBI", "GCHQ"), which the
                # matcher takes only when written in capitals
                institution = not periods and default is not None and default[3:6] in ROLES
                names = [n for n in names if len(n.split()) >= 2
                         or institution and re.fullmatch(r"[A-Z][A-Z0-9]{1,5}", n)]
                if not names or default is not None and len(default) == 3 and not periods:
                    continue
                if periods:
                    if not any(c[3:6] in POLITICAL for c, _, _ in periods):
                        continue
                else:
                    k = "group"
            rows.append((names, default, periods, k))
    # an acronym that another actor's name also spells stays out of both
    # ("PLA": China's army and an Irish group)
    acros = set()
    seen = {}
    for i, (names, _, _, _) in enumerate(rows):
        for n in names:
            seen.setdefault(n, set()).add(i)
    for fname, kind in (("Phoenix.International.actors.txt", "organization"),
                        ("Phoenix.MilNonState.actors.txt", "group")):
        for _, _, _, _, acronyms in actors(src / fname, kind):
            acros.update(acronyms)
    # nor one that the project's own actors spell ("PLA" is China's army)
    own = set()
    own_file = dst / "actors.toml"
    if own_file.exists():
        import tomllib
        for a in tomllib.loads(own_file.read_text(encoding="utf-8")).get("actor", []):
            own.update(n.upper() for n in a.get("names", []))
    rows = [([n for n in names if not (n in acros and (len(seen[n]) > 1 or n in own))], d, p, k)
            for names, d, p, k in rows]
    rows = [r for r in rows if r[0]]
    with open(dst / "petrarch_actors.toml", "w", encoding="utf-8") as f:
        f.write("# petrarch_actors.toml -- named actors from the PETRARCH2/Phoenix actor dictionaries:\n")
        f.write("# international organisations, armed non-state groups, and people and units of the\n")
        f.write("# countries file. One string per actor (a flat list parses several times faster than\n")
        f.write("# one table per actor): KIND|CODE|PERIODS|NAMES where KIND is organization, group or\n")
        f.write("# person; CODE the CAMEO code outside every period (may be empty); PERIODS\n")
        f.write("# CODE@FROM@TO entries separated by ';' (ISO dates, empty = open); NAMES separated by\n")
        f.write("# ';', upper case. Names are matched case-insensitively but must be written as names.\n")
        f.write(NOTICE + "\n")
        f.write("actors = [\n")
        for names, default, periods, kind in rows:
            per = ";".join(f"{c}@{a}@{b}" for c, a, b in periods)
            f.write(f"  {q(kind + '|' + (default or '') + '|' + per + '|' + ';'.join(names))},\n")
        f.write("]\n")
    story, sentence = discards(src / "Phoenix.discards.txt")
    with open(dst / "discards.toml", "w", encoding="utf-8") as f:
        f.write("# discards.toml -- phrases that mark a story (story) or a sentence (sentence) as not about\n")
        f.write("# politics: sports, entertainment. Used by the relevance gate.\n")
        f.write(NOTICE + "\n")
        f.write("story = [" + ", ".join(q(s) for s in story) + "]\n")
        f.write("sentence = [" + ", ".join(q(s) for s in sentence) + "]\n")
    print(f"agents: {sum(len(v) for v in ag.values())} words in {len(ag)} roles; actors: {len(rows)}; "
          f"discards: {len(story)} story, {len(sentence)} sentence")


if __name__ == "__main__":
    sys.exit(main())
