"""Word lists for the golden exporter: UTF-8, one `category<TAB>word` per line.

Blank lines and lines starting with '#' are ignored.  Category labels become the
ints 1..C in order of first appearance, because the notebook's cells use int labels.
"""


def read_words(path):
    words = []
    cats = {}
    with open(path, encoding="utf-8") as f:
        for n, ln in enumerate(f, 1):
            ln = ln.rstrip("\r\n")
            if not ln.strip() or ln.lstrip().startswith("#"):
                continue
            parts = ln.split("\t")
            if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
                raise SystemExit(f"{path}:{n}: expected 'category<TAB>word', got {ln!r}")
            cat, word = parts[0].strip(), parts[1].strip()
            cats.setdefault(cat, len(cats) + 1)
            words.append({"word": word, "category": cat, "label": cats[cat]})
    if len(words) < 3:
        raise SystemExit(f"{path}: need at least 3 words")
    return words
