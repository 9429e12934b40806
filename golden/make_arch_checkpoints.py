#!/usr/bin/env python3
"""Small random checkpoints of llama, gpt_neox, mistral and qwen2, made by `transformers`' own model classes,
with a word-level tokenizer.json built by the `tokenizers` library, and golden Q/K/V from forward hooks on the
real projection modules for the notebook's 34 sentences.

  /work/venv-tf/bin/python golden/make_arch_checkpoints.py --words golden/words/notebook-34.tsv \\
      --template "The next word is {word}" --models golden/models --values golden/values/arch --seed 38

Per architecture NAME it writes
  models/tiny-NAME/   config.json, model.safetensors (save_pretrained), tokenizer.json, tokenizer_config.json,
                      config-hub-style.json (rope_theta/rope_scaling), config-rope-parameters.json (rope_parameters)
  values/arch/NAME/   activations.safetensors  attn_{L}_{q|k|v} float32 [words, tokens, features]: the projection
                      outputs (before rotary), Q with heads*head_dim, K and V with kv_heads*head_dim features;
                      activations-rotary.safetensors  attn_{L}_{q|k} after rotary (transformers' own
                      apply_rotary_pos_emb and rotary embedding module); tokens.json (sentences, token ids).
Golden values come from a float32 forward of the saved checkpoint loaded back with from_pretrained
(torch_dtype=float32: 16-bit weights widened, the same numbers laminar computes with).
"""
import argparse
import json
import os
import sys

import numpy as np
import torch
import transformers
import tokenizers
from safetensors.numpy import save_file
from tokenizers import Tokenizer, models, pre_tokenizers, processors

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from wordlists import read_words  # noqa: E402

LAYERS, HIDDEN, HEADS, INTER, MAXPOS = 8, 64, 4, 128, 64

# name -> (config class name, model class name, kwargs, dtype saved, special tokens, adds BOS)
ARCHS = {
    "llama": ("LlamaConfig", "LlamaForCausalLM", dict(
        num_key_value_heads=2, rms_norm_eps=1e-5, rope_theta=10000.0, hidden_act="silu",
        rope_scaling={"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                      "original_max_position_embeddings": 16}), torch.float32, ("<unk>", "<s>", "</s>"), True),
    "gpt_neox": ("GPTNeoXConfig", "GPTNeoXForCausalLM", dict(
        rotary_pct=0.25, rotary_emb_base=10000, use_parallel_residual=True, hidden_act="gelu",
        layer_norm_eps=1e-5), torch.float32, ("<|endoftext|>", "<|padding|>"), False),
    "mistral": ("MistralConfig", "MistralForCausalLM", dict(
        num_key_value_heads=1, rms_norm_eps=1e-6, rope_theta=1000000.0, sliding_window=None, hidden_act="silu"),
        torch.bfloat16, ("<unk>", "<s>", "</s>"), True),
    "qwen2": ("Qwen2Config", "Qwen2ForCausalLM", dict(
        num_key_value_heads=2, rms_norm_eps=1e-6, rope_theta=1000000.0, hidden_act="silu", use_sliding_window=False),
        torch.float16, ("<|endoftext|>",), False),
}


def build_tokenizer(words, template, specials, adds_bos):
    """Word-level vocabulary: the specials, then the template's words, then the stimuli (ids in that order)."""
    vocab = {}
    for t in specials:
        vocab[t] = len(vocab)
    for w in template.replace("{word}", " ").split() + [d["word"] for d in words]:
        vocab.setdefault(w, len(vocab))
    unk = specials[0]
    tok = Tokenizer(models.WordLevel(vocab, unk_token=unk))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.add_special_tokens(list(specials))
    if adds_bos:
        tok.post_processor = processors.TemplateProcessing(single="<s> $A", pair="<s> $A <s> $B",
                                                           special_tokens=[("<s>", vocab["<s>"])])
    return tok, vocab


def randomize(model, seed):
    """HF's init (std 0.02, unit norms) makes every layer alike; draw larger weights and non-trivial norms."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in sorted(model.named_parameters()):
            if "norm" in name and name.endswith("weight"):
                p.copy_(1.0 + 0.2 * torch.randn(p.shape, generator=g))
            elif name.endswith("bias"):
                p.copy_(0.2 * torch.randn(p.shape, generator=g))
            elif "embed" in name:
                p.copy_(torch.randn(p.shape, generator=g))
            else:
                p.copy_(torch.randn(p.shape, generator=g) / (p.shape[-1] ** 0.5))


def projections(model, name):
    """(layer index, module, splitter) where splitter(out) -> (q, k, v) each [B, T, features]."""
    cfg = model.config
    out = []
    if name == "gpt_neox":
        h, hd = cfg.num_attention_heads, cfg.hidden_size // cfg.num_attention_heads
        for i, layer in enumerate(model.gpt_neox.layers):
            def split(o, h=h, hd=hd):
                b, t, _ = o.shape
                x = o.view(b, t, h, 3 * hd)
                return tuple(x[..., j * hd:(j + 1) * hd].reshape(b, t, h * hd) for j in range(3))
            out.append((i, layer.attention.query_key_value, split))
    else:
        for i, layer in enumerate(model.model.layers):
            out.append((i, layer.self_attn, None))
    return out


def capture(model, name, batch):
    acts = {}
    hooks = []
    for i, module, split in projections(model, name):
        if split is not None:
            def hook(_m, _inp, o, i=i, split=split):
                for key, x in zip("qkv", split(o)):
                    acts[f"attn_{i}_{key}"] = x.detach().float().numpy().copy()
            hooks.append(module.register_forward_hook(hook))
        else:
            for key in "qkv":
                def hook(_m, _inp, o, i=i, key=key):
                    acts[f"attn_{i}_{key}"] = o.detach().float().numpy().copy()
                hooks.append(getattr(module, key + "_proj").register_forward_hook(hook))
    with torch.no_grad():
        model(batch)
    for h in hooks:
        h.remove()
    return acts


def rotated(model, name, acts, batch):
    """Q and K after the rotary embedding, with the architecture's own transformers functions."""
    mod = sys.modules[type(model).__module__]
    cfg = model.config
    h = cfg.num_attention_heads
    hd = cfg.hidden_size // h
    kvh = getattr(cfg, "num_key_value_heads", h)
    b, t = batch.shape
    pos = torch.arange(t).unsqueeze(0).expand(b, t)
    rope = model.gpt_neox.rotary_emb if name == "gpt_neox" else model.model.rotary_emb
    out = {}
    for i in range(cfg.num_hidden_layers):
        q = torch.from_numpy(acts[f"attn_{i}_q"]).view(b, t, h, hd).transpose(1, 2)
        k = torch.from_numpy(acts[f"attn_{i}_k"]).view(b, t, kvh, hd).transpose(1, 2)
        cos, sin = rope(q, pos)
        qr, kr = mod.apply_rotary_pos_emb(q, k, cos, sin)
        out[f"attn_{i}_q"] = qr.transpose(1, 2).reshape(b, t, h * hd).numpy().copy()
        out[f"attn_{i}_k"] = kr.transpose(1, 2).reshape(b, t, kvh * hd).numpy().copy()
    return out


def config_variants(cfg_json):
    """The same config as the Hub spells it (rope_theta/rope_scaling) and as transformers 5 writes it."""
    hub = {k: v for k, v in cfg_json.items() if k != "rope_parameters"}
    params = dict(cfg_json.get("rope_parameters") or {})
    if cfg_json.get("model_type") == "gpt_neox":
        theta_key = "rotary_emb_base"
    else:
        theta_key = "rope_theta"
    theta = params.get("rope_theta", cfg_json.get(theta_key, cfg_json.get("rope_theta")))
    hub[theta_key] = theta
    scaling = {k: v for k, v in params.items() if k not in ("rope_theta", "partial_rotary_factor")}
    if scaling.get("rope_type", "default") != "default":
        hub["rope_scaling"] = scaling
    else:
        hub.pop("rope_scaling", None)
    if cfg_json.get("model_type") == "gpt_neox":
        hub["rotary_pct"] = params.get("partial_rotary_factor", cfg_json.get("rotary_pct"))
    new = {k: v for k, v in hub.items() if k not in ("rope_theta", "rope_scaling", "rotary_emb_base")}
    p = {"rope_type": scaling.get("rope_type", "default"), "rope_theta": theta}
    p.update({k: v for k, v in scaling.items() if k != "type"})
    if cfg_json.get("model_type") == "gpt_neox":
        p["partial_rotary_factor"] = hub["rotary_pct"]
        new.pop("rotary_pct", None)
    new["rope_parameters"] = p
    return hub, new


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", required=True)
    ap.add_argument("--template", required=True)
    ap.add_argument("--models", required=True)
    ap.add_argument("--values", required=True)
    ap.add_argument("--seed", type=int, default=38)
    ap.add_argument("--only", nargs="*", default=list(ARCHS))
    args = ap.parse_args()
    torch.use_deterministic_algorithms(True)
    words = read_words(args.words)
    sentences = [args.template.format(word=d["word"]) for d in words]
    for n, name in enumerate(args.only):
        cfg_cls, model_cls, kwargs, dtype, specials, adds_bos = ARCHS[name]
        tok, vocab = build_tokenizer(words, args.template, specials, adds_bos)
        special_ids = {s: vocab[s] for s in specials}
        extra = {}
        if "<s>" in special_ids:
            extra = dict(bos_token_id=special_ids["<s>"], eos_token_id=special_ids["</s>"])
        else:
            extra = dict(bos_token_id=special_ids["<|endoftext|>"], eos_token_id=special_ids["<|endoftext|>"])
        config = getattr(transformers, cfg_cls)(
            vocab_size=len(vocab), hidden_size=HIDDEN, num_hidden_layers=LAYERS, num_attention_heads=HEADS,
            intermediate_size=INTER, max_position_embeddings=MAXPOS, tie_word_embeddings=False, **extra, **kwargs)
        torch.manual_seed(args.seed + n)
        model = getattr(transformers, model_cls)(config).eval()
        randomize(model, args.seed + n)
        mdir = os.path.join(args.models, "tiny-" + name.replace("_", "-"))
        os.makedirs(mdir, exist_ok=True)
        model.to(dtype).save_pretrained(mdir, safe_serialization=True)
        tok.save(os.path.join(mdir, "tokenizer.json"))
        with open(os.path.join(mdir, "tokenizer_config.json"), "w") as f:
            json.dump({"tokenizer_class": "PreTrainedTokenizerFast", "add_bos_token": adds_bos}, f, indent=2)
        with open(os.path.join(mdir, "config.json")) as f:
            cfg_json = json.load(f)
        hub, new = config_variants(cfg_json)
        for fname, obj in (("config-hub-style.json", hub), ("config-rope-parameters.json", new)):
            with open(os.path.join(mdir, fname), "w") as f:
                json.dump(obj, f, indent=2, sort_keys=True)
        # golden: the saved files loaded back in float32, eager attention
        back = getattr(transformers, model_cls).from_pretrained(mdir, torch_dtype=torch.float32,
                                                                attn_implementation="eager").eval()
        ids = [tok.encode(s).ids for s in sentences]
        assert len({len(i) for i in ids}) == 1, "the word-level template gives equal lengths"
        batch = torch.tensor(ids)
        acts = capture(back, name, batch)
        vdir = os.path.join(args.values, name)
        os.makedirs(vdir, exist_ok=True)
        meta = {"format": "np", "model_type": name, "saved_dtype": str(dtype).replace("torch.", ""),
                "transformers": transformers.__version__, "torch": torch.__version__,
                "tokenizers": tokenizers.__version__, "seed": str(args.seed + n)}
        save_file(acts, os.path.join(vdir, "activations.safetensors"), metadata=meta)
        save_file(rotated(back, name, acts, batch), os.path.join(vdir, "activations-rotary.safetensors"),
                  metadata=meta)
        with open(os.path.join(vdir, "tokens.json"), "w") as f:
            json.dump({"template": args.template, "sentences": sentences, "token_ids": ids,
                       "words": [{"category": d["category"], "word": d["word"]} for d in words]}, f, indent=1)
        print(name, mdir, "tokens/sentence", len(ids[0]), "q", acts["attn_0_q"].shape, "k", acts["attn_0_k"].shape)


if __name__ == "__main__":
    main()
