#!/usr/bin/env python3
"""Writes a synthetic corpus of news articles for load and memory measurements.

    tools/make_corpus.py OUT_DIR [N=10000] [SHARED=../shared]

Each article is a TempEval-3 news text (TimeBank, AQUAINT, platinum: real
wire stories) or one of the seeds, with further texts appended until it
reaches about 3.6 kB (about 5 kB on average), actors rotated through eight
states and their capitals and leaders, and a `date YYYY-MM-DD` line spread
over four years on two articles in three (the third states no date and is
dated by inference). N = 10,000 gives about 52 MB of text.
"""
import datetime
import glob
import os
import re
import sys

ACTORS = [
    ("Russia", "Moscow", "Putin"), ("China", "Beijing", "Xi Jinping"),
    ("Iran", "Tehran", "Raisi"), ("Turkey", "Ankara", "Erdogan"),
    ("India", "New Delhi", "Modi"), ("Israel", "Jerusalem", "Netanyahu"),
    ("Venezuela", "Caracas", "Maduro"), ("Belarus", "Minsk", "Lukashenko"),
]


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    shared = sys.argv[3] if len(sys.argv) > 3 else os.path.join(os.path.dirname(__file__), "..", "..", "shared")
    root = os.path.join(os.path.dirname(__file__), "..")
    texts = []
    for f in sorted(glob.glob(os.path.join(shared, "data/tempeval3/*/*.tml"))):
        m = re.search(r"<TEXT>(.*?)</TEXT>", open(f, encoding="utf-8").read(), re.S)
        if m:
            texts.append(re.sub(r"<[^>]+>", "", m.group(1)).strip())
    seeds = [re.sub(r"^\s*date \d{4}-\d\d-\d\d\s*", "", open(f, encoding="utf-8").read())
             for f in sorted(glob.glob(os.path.join(root, "seeds/*.txt")))]
    pool = seeds + texts
    os.makedirs(out, exist_ok=True)
    start = datetime.date(2019, 1, 1)
    total = 0
    for i in range(n):
        text, k = pool[i % len(pool)], 1
        while len(text) < 3600:
            text += "\n\n" + pool[(i * 7 + 3 * k) % len(pool)]
            k += 1
        state, capital, leader = ACTORS[i % len(ACTORS)]
        text = text.replace("Russia", state).replace("Moscow", capital).replace("Putin", leader)
        day = start + datetime.timedelta(days=(i * 37) % 1460)
        body = (f"date {day.isoformat()} " if i % 3 else "") + text
        with open(os.path.join(out, f"a{i:05d}.txt"), "w", encoding="utf-8") as fh:
            fh.write(body)
        total += len(body.encode())
    print(f"{n} articles, {total / 1e6:.1f} MB in {out}")


if __name__ == "__main__":
    main()
