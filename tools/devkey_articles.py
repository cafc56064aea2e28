#!/usr/bin/env python3
"""Build the article-level development key's articles from TempEval-3 training files.

  devkey_articles.py TEMPEVAL_DIR OUT_DIR [N]

Reads every `train_*/*.tml`, keeps the text inside <TEXT> with its tags removed and its
entities decoded, scores each article by how much it is about politics, conflict or
diplomacy (a fixed list of words, counted per 100 words), and writes the N best (default
40) as plain-text articles in the seeds' format: ` date YYYY-MM-DD Title`, a blank line,
then the body. The choice depends only on the article text, never on extractor output, and
is deterministic (ties broken by file name)."""
import html, pathlib, re, sys

WORDS = re.compile(r"\b(troops|military|army|war|attack\w*|bomb\w*|kill\w*|minister|president|"
                   r"government|talks|negotiat\w*|sanction\w*|embassy|diplomat\w*|rebels?|police|"
                   r"protest\w*|treaty|summit|accus\w*|threat\w*|invasion|invade\w*|missiles?|"
                   r"nuclear|ceasefire|united nations|u\.n\.|nato|security council|weapons?|"
                   r"arrest\w*|opposition|election|strike|forces|refugees|hostages?)\b", re.I)


def article(path):
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r'<DCT><TIMEX3[^>]*value="(\d{4}-\d{2}-\d{2})', raw)
    title = re.search(r"<TITLE>(.*?)</TITLE>", raw, re.S)
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    if not (dct and body):
        return None
    text = html.unescape(re.sub(r"<[^>]+>", "", body.group(1)))
    text = re.sub(r"[ \t]+\n", "\n", text).strip()
    text = re.sub(r"\n{3,}", "\n\n", text)
    head = html.unescape(re.sub(r"\s+", " ", title.group(1))).strip() if title else ""
    if not head:
        head = text.split("\n", 1)[0].strip()[:120]
    return dct.group(1), head, text


def main():
    src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    scored = []
    for path in sorted(src.glob("train_*/*.tml")):
        art = article(path)
        if not art:
            continue
        words = len(art[2].split())
        if words < 120 or words > 1200:
            continue
        hits = len(WORDS.findall(art[2]))
        scored.append((-hits * 100.0 / words, path.name, art))
    scored.sort()
    out.mkdir(parents=True, exist_ok=True)
    for _, name, (date, title, text) in scored[:n]:
        dest = out / (pathlib.Path(name).stem + ".txt")
        dest.write_text(f" date {date} {title}\n\n{text}\n", encoding="utf-8")
        print(dest.name, date, len(text.split()), "words")


if __name__ == "__main__":
    sys.exit(main())
