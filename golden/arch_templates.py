#!/usr/bin/env python3
"""Golden Q/K/V of the rotary tiny checkpoints for a second template, for laminar's several-templates path
(`run --template A --template B` on llama, mistral, qwen2, gpt_neox): the saved checkpoints of
make_arch_checkpoints.py loaded back in float32 with eager attention, their own tokenizer.json (the word-level
vocabulary knows only the first template's words and the 34 words, so the template reuses them), forward hooks
on the real projection modules, exactly as make_arch_checkpoints.py stores activations.safetensors.

  /work/venv-tf/bin/python golden/arch_templates.py --models golden/models --values golden/values/arch \
      --template "The word is {word}"

Writes values/arch/NAME/template-2.safetensors (attn_{L}_{q|k|v}, [34, tokens, features]) and template-2.json
(template, token ids).
"""
import argparse
import json
import os

import tokenizers
import torch
import transformers
from safetensors.numpy import save_file

from make_arch_checkpoints import ARCHS, capture


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", required=True)
    ap.add_argument("--values", required=True)
    ap.add_argument("--template", required=True)
    args = ap.parse_args()
    torch.use_deterministic_algorithms(True)
    for name in ARCHS:
        model_cls = ARCHS[name][1]
        mdir = os.path.join(args.models, "tiny-" + name.replace("_", "-"))
        vdir = os.path.join(args.values, name)
        with open(os.path.join(vdir, "tokens.json")) as f:
            words = [w["word"] for w in json.load(f)["words"]]
        tok = tokenizers.Tokenizer.from_file(os.path.join(mdir, "tokenizer.json"))
        ids = [tok.encode(args.template.format(word=w)).ids for w in words]
        unk = tok.token_to_id(ARCHS[name][4][0])
        assert all(unk not in i for i in ids), "the template must use words the vocabulary knows"
        assert len({len(i) for i in ids}) == 1, "the word-level template gives equal lengths"
        model = getattr(transformers, model_cls).from_pretrained(mdir, torch_dtype=torch.float32,
                                                                 attn_implementation="eager").eval()
        acts = capture(model, name, torch.tensor(ids))
        meta = {"format": "np", "model_type": name, "template": args.template,
                "transformers": transformers.__version__, "torch": torch.__version__}
        save_file(acts, os.path.join(vdir, "template-2.safetensors"), metadata=meta)
        with open(os.path.join(vdir, "template-2.json"), "w") as f:
            json.dump({"template": args.template, "token_ids": ids}, f)
        print(name, "tokens/sentence", len(ids[0]), "q", acts["attn_0_q"].shape)


if __name__ == "__main__":
    main()
