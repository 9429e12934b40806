#!/usr/bin/env python3
"""A Llama-3.2-1B-shaped random checkpoint (BF16) for the rotary-extraction benchmark, and transformers' own
float32 forward of the 34 sentences on it, timed in this process.

  /work/venv-tf/bin/python bench/arch_llama_1b.py --out /tmp/llama-1b        # writes the checkpoint, times HF

The tokenizer is golden/models/tiny-llama's (word-level, BOS added); ids are < 41, valid rows of any vocabulary.
"""
import argparse
import json
import os
import shutil
import time

import torch
import transformers

HERE = os.path.dirname(os.path.abspath(__file__))
TINY = os.path.join(HERE, "..", "golden", "models", "tiny-llama")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    if not os.path.exists(os.path.join(args.out, "model.safetensors")):
        cfg = transformers.LlamaConfig(
            vocab_size=128256, hidden_size=2048, intermediate_size=8192, num_hidden_layers=16,
            num_attention_heads=32, num_key_value_heads=8, head_dim=64, max_position_embeddings=131072,
            rms_norm_eps=1e-5, rope_theta=500000.0, tie_word_embeddings=True, bos_token_id=1, eos_token_id=2,
            rope_scaling={"rope_type": "llama3", "factor": 32.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                          "original_max_position_embeddings": 8192})
        torch.manual_seed(0)
        torch.set_default_dtype(torch.bfloat16)
        model = transformers.LlamaForCausalLM(cfg)
        torch.set_default_dtype(torch.float32)
        model.save_pretrained(args.out, safe_serialization=True)
        del model
        shutil.copy(os.path.join(TINY, "tokenizer.json"), args.out)
    from tokenizers import Tokenizer
    tok = Tokenizer.from_file(os.path.join(args.out, "tokenizer.json"))
    with open(os.path.join(HERE, "..", "golden", "values", "arch", "llama", "tokens.json")) as f:
        sentences = json.load(f)["sentences"]
    batch = torch.tensor([tok.encode(s).ids for s in sentences])
    t0 = time.perf_counter()
    model = transformers.LlamaForCausalLM.from_pretrained(args.out, torch_dtype=torch.float32,
                                                          attn_implementation="eager").eval()
    t1 = time.perf_counter()
    with torch.no_grad():
        model.model(batch)  # the decoder only (no LM head), as laminar stops after the last projections
    t2 = time.perf_counter()
    with open("/proc/self/status") as f:
        hwm = [ln for ln in f if ln.startswith("VmHWM")][0].split()[1]
    size = os.path.getsize(os.path.join(args.out, "model.safetensors"))
    print(json.dumps({"load_s": round(t1 - t0, 2), "forward_s": round(t2 - t1, 2), "peak_rss_mib": int(hwm) // 1024,
                      "weights_mib": size // 2**20, "threads": args.threads, "torch": torch.__version__,
                      "transformers": transformers.__version__}))


if __name__ == "__main__":
    main()
