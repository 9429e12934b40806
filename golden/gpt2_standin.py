"""A minimal GPT-2 for the golden exporter, used when `transformers` is not installed.

It reproduces Hugging Face's GPT2LMHeadModel (eager attention, eval mode) and
GPT2Tokenizer closely enough that the notebook's own cells run unchanged:

  * modules carry HF's names: model.transformer.h[i].attn.c_attn is a Conv1D
    (y = x @ W + b, W stored [in, out]) whose forward output is
    [batch, tokens, 3*n_embd], so the notebook's forward hooks see what they
    would see on the real model;
  * model.config.n_layer / n_embd / n_head / layer_norm_epsilon ...;
  * LayerNorm with the config's eps, gelu_new (tanh approximation), causal
    attention scaled by 1/sqrt(head_dim) with the mask filled by finfo.min,
    final ln_f and an LM head tied to wte;
  * weights come from the checkpoint folder's model.safetensors (read here,
    no safetensors package needed); buffers such as h.{i}.attn.bias (the
    causal mask) are ignored, the mask is rebuilt from n_positions.

The tokenizer is GPT-2's byte-level BPE written from scratch with the
`regex` module and GPT-2's pre-tokenisation pattern; it reads vocab.json and
merges.txt from the checkpoint folder.  encode(text, return_tensors='pt')
returns a LongTensor of shape [1, n] like transformers' tokenizer does.

`fake_transformers_module()` returns a module object with AutoModelForCausalLM
and AutoTokenizer that the exporter puts into sys.modules['transformers'].
"""
import json
import math
import os
import struct
import sys
import types
from functools import lru_cache

import numpy as np
import regex
import torch
from torch import nn

# ---------------------------------------------------------------- safetensors

_ST_DTYPES = {
    "F64": np.float64, "F32": np.float32, "F16": np.float16,
    "I64": np.int64, "I32": np.int32, "I16": np.int16, "I8": np.int8, "U8": np.uint8,
    "BOOL": np.bool_,
}


def read_safetensors(path, copy=True):
    """Return ({name: np.ndarray}, metadata) of a .safetensors file.

    The file is memory-mapped; with copy=False the arrays are read-only views of the
    map (for large checkpoints), otherwise writable native-endian copies.
    """
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n).decode("utf-8"))
    meta = header.pop("__metadata__", None)
    base = 8 + n
    blob = np.memmap(path, dtype=np.uint8, mode="r")
    out = {}
    for name, info in header.items():
        dt = np.dtype(_ST_DTYPES[info["dtype"]]).newbyteorder("<")
        b, e = info["data_offsets"]
        arr = blob[base + b:base + e].view(dt).reshape(info["shape"])
        out[name] = arr.astype(dt.newbyteorder("="), copy=True) if copy else arr
    return out, meta


def write_safetensors(path, tensors, metadata=None):
    """Write {name: np.ndarray} reproducibly: sorted keys, data in key order, header padded to 8 bytes."""
    rev = {v: k for k, v in _ST_DTYPES.items()}
    header = {}
    off = 0
    names = sorted(tensors)
    for name in names:
        a = tensors[name]
        nbytes = a.size * a.dtype.itemsize
        header[name] = {"dtype": rev[a.dtype.type], "shape": list(a.shape), "data_offsets": [off, off + nbytes]}
        off += nbytes
    if metadata is not None:
        header["__metadata__"] = metadata
    hjson = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
    hjson += b" " * ((8 - len(hjson) % 8) % 8)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(hjson)))
        f.write(hjson)
        for name in names:  # one tensor at a time: no second copy of a large checkpoint in memory
            a = np.ascontiguousarray(tensors[name])
            f.write(a.astype(a.dtype.newbyteorder("<"), copy=False).data)
    os.replace(tmp, path)


# ---------------------------------------------------------------- model

class GPT2Config(types.SimpleNamespace):
    @classmethod
    def from_dir(cls, path):
        with open(os.path.join(path, "config.json"), encoding="utf-8") as f:
            cfg = json.load(f)
        cfg.setdefault("layer_norm_epsilon", 1e-5)
        cfg.setdefault("activation_function", "gelu_new")
        if cfg.get("model_type") != "gpt2":
            raise ValueError(f"{path}: model_type must be gpt2, got {cfg.get('model_type')!r}")
        if cfg["activation_function"] != "gelu_new":
            raise ValueError(f"{path}: only activation_function gelu_new is supported")
        return cls(**cfg)


class Conv1D(nn.Module):
    """HF's Conv1D: a linear layer with the weight stored [in, out]."""

    def __init__(self, nf, nx):
        super().__init__()
        self.nf = nf
        self.weight = nn.Parameter(torch.empty(nx, nf))
        self.bias = nn.Parameter(torch.zeros(nf))

    def forward(self, x):
        size_out = x.size()[:-1] + (self.nf,)
        x = torch.addmm(self.bias, x.view(-1, x.size(-1)), self.weight)
        return x.view(size_out)


def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


class GPT2Attention(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.embed_dim = config.n_embd
        self.num_heads = config.n_head
        self.head_dim = self.embed_dim // self.num_heads
        if self.head_dim * self.num_heads != self.embed_dim:
            raise ValueError("n_embd must be divisible by n_head")
        n = config.n_positions
        self.register_buffer("bias", torch.tril(torch.ones((n, n), dtype=torch.bool)).view(1, 1, n, n),
                             persistent=False)
        self.c_attn = Conv1D(3 * self.embed_dim, self.embed_dim)
        self.c_proj = Conv1D(self.embed_dim, self.embed_dim)

    def _split_heads(self, t):
        b, s, _ = t.size()
        return t.view(b, s, self.num_heads, self.head_dim).permute(0, 2, 1, 3)

    def forward(self, x):
        query, key, value = self.c_attn(x).split(self.embed_dim, dim=2)
        query, key, value = (self._split_heads(t) for t in (query, key, value))
        # HF eager attention
        attn_weights = torch.matmul(query, key.transpose(-1, -2))
        attn_weights = attn_weights / torch.full([], value.size(-1) ** 0.5, dtype=attn_weights.dtype)
        q_len, k_len = query.size(-2), key.size(-2)
        causal = self.bias[:, :, k_len - q_len:k_len, :k_len]
        min_value = torch.full([], torch.finfo(attn_weights.dtype).min, dtype=attn_weights.dtype)
        attn_weights = torch.where(causal, attn_weights, min_value)
        attn_weights = nn.functional.softmax(attn_weights, dim=-1).type(value.dtype)
        out = torch.matmul(attn_weights, value)
        b, h, s, d = out.size()
        out = out.permute(0, 2, 1, 3).contiguous().view(b, s, h * d)
        return self.c_proj(out)


class GPT2MLP(nn.Module):
    def __init__(self, config):
        super().__init__()
        inner = getattr(config, "n_inner", None) or 4 * config.n_embd
        self.c_fc = Conv1D(inner, config.n_embd)
        self.c_proj = Conv1D(config.n_embd, inner)

    def forward(self, x):
        return self.c_proj(gelu_new(self.c_fc(x)))


class GPT2Block(nn.Module):
    def __init__(self, config):
        super().__init__()
        eps = config.layer_norm_epsilon
        self.ln_1 = nn.LayerNorm(config.n_embd, eps=eps)
        self.attn = GPT2Attention(config)
        self.ln_2 = nn.LayerNorm(config.n_embd, eps=eps)
        self.mlp = GPT2MLP(config)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class GPT2Model(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.wte = nn.Embedding(config.vocab_size, config.n_embd)
        self.wpe = nn.Embedding(config.n_positions, config.n_embd)
        self.h = nn.ModuleList([GPT2Block(config) for _ in range(config.n_layer)])
        self.ln_f = nn.LayerNorm(config.n_embd, eps=config.layer_norm_epsilon)

    def forward(self, input_ids):
        pos = torch.arange(input_ids.size(-1), dtype=torch.long).unsqueeze(0)
        x = self.wte(input_ids) + self.wpe(pos)
        for block in self.h:
            x = block(x)
        return self.ln_f(x)


class GPT2LMHeadModel(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.config = config
        self.transformer = GPT2Model(config)

    def forward(self, input_ids, **unused):
        hidden = self.transformer(input_ids)
        logits = torch.matmul(hidden, self.transformer.wte.weight.T)  # tied LM head
        return types.SimpleNamespace(logits=logits, last_hidden_state=hidden)

    @classmethod
    def from_pretrained(cls, path, **unused):
        if not os.path.isdir(path):
            raise ValueError(f"{path!r}: the stand-in loads only a local checkpoint folder")
        config = GPT2Config.from_dir(path)
        model = cls(config)
        tensors, _ = read_safetensors(os.path.join(path, "model.safetensors"), copy=False)
        # HF's gpt2 files store names without the 'transformer.' prefix; accept both.
        tensors = {k[len("transformer."):] if k.startswith("transformer.") else k: v for k, v in tensors.items()}
        own = model.transformer.state_dict()
        missing = [k for k in own if k not in tensors]
        if missing:
            raise ValueError(f"{path}: model.safetensors lacks {missing[:5]}")
        with torch.no_grad():
            for k, p in own.items():
                src = tensors[k]
                if tuple(src.shape) != tuple(p.shape):
                    raise ValueError(f"{path}: {k} has shape {src.shape}, expected {tuple(p.shape)}")
                p.copy_(torch.from_numpy(np.array(src, dtype=np.float32)))
        model.eval()
        return model


# ---------------------------------------------------------------- tokenizer

GPT2_PATTERN = r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""


@lru_cache()
def bytes_to_unicode():
    """GPT-2's reversible byte -> printable unicode character map."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, (chr(c) for c in cs)))


class GPT2Tokenizer:
    def __init__(self, vocab_file, merges_file):
        with open(vocab_file, encoding="utf-8") as f:
            self.encoder = json.load(f)
        self.decoder = {v: k for k, v in self.encoder.items()}
        with open(merges_file, encoding="utf-8") as f:
            lines = f.read().split("\n")
        merges = [tuple(ln.split(" ")) for ln in lines[1:] if ln.strip()]
        self.bpe_ranks = {m: i for i, m in enumerate(merges)}
        self.byte_encoder = bytes_to_unicode()
        self.byte_decoder = {v: k for k, v in self.byte_encoder.items()}
        self.pat = regex.compile(GPT2_PATTERN)
        self.cache = {}
        self.eos_token = "<|endoftext|>"
        self.eos_token_id = self.encoder[self.eos_token]

    @classmethod
    def from_pretrained(cls, path, **unused):
        if not os.path.isdir(path):
            raise ValueError(f"{path!r}: the stand-in loads only a local checkpoint folder")
        return cls(os.path.join(path, "vocab.json"), os.path.join(path, "merges.txt"))

    def bpe(self, token):
        if token in self.cache:
            return self.cache[token]
        word = tuple(token)
        while len(word) > 1:
            pairs = {(word[i], word[i + 1]) for i in range(len(word) - 1)}
            best = min(pairs, key=lambda p: self.bpe_ranks.get(p, float("inf")))
            if best not in self.bpe_ranks:
                break
            first, second = best
            new = []
            i = 0
            while i < len(word):
                if i < len(word) - 1 and word[i] == first and word[i + 1] == second:
                    new.append(first + second)
                    i += 2
                else:
                    new.append(word[i])
                    i += 1
            word = tuple(new)
        self.cache[token] = word
        return word

    def tokenize(self, text):
        out = []
        for piece in self.pat.findall(text):
            mapped = "".join(self.byte_encoder[b] for b in piece.encode("utf-8"))
            out.extend(self.bpe(mapped))
        return out

    def encode(self, text, return_tensors=None, **unused):
        # like HF, the special token <|endoftext|> is matched as a whole before pre-tokenisation
        ids = []
        for k, part in enumerate(text.split(self.eos_token)):
            if k:
                ids.append(self.eos_token_id)
            ids.extend(self.encoder[t] for t in self.tokenize(part))
        if return_tensors == "pt":
            return torch.tensor([ids], dtype=torch.long)
        if return_tensors is not None:
            raise ValueError("the stand-in supports return_tensors=None or 'pt'")
        return ids

    def __call__(self, text, return_tensors=None, **unused):
        ids = self.encode(text, return_tensors=return_tensors)
        return {"input_ids": ids}

    def decode(self, ids):
        if isinstance(ids, torch.Tensor):
            ids = ids.flatten().tolist()
        text = "".join(self.decoder[i] for i in ids)
        return bytearray(self.byte_decoder[c] for c in text).decode("utf-8", errors="replace")


# ---------------------------------------------------------------- fake transformers

def fake_transformers_module():
    mod = types.ModuleType("transformers")
    mod.__doc__ = "laminar golden stand-in (golden/gpt2_standin.py), not Hugging Face transformers"
    mod.__version__ = "standin"
    mod.__file__ = __file__

    class AutoModelForCausalLM:
        from_pretrained = staticmethod(GPT2LMHeadModel.from_pretrained)

    class AutoTokenizer:
        from_pretrained = staticmethod(GPT2Tokenizer.from_pretrained)

    mod.AutoModelForCausalLM = AutoModelForCausalLM
    mod.AutoTokenizer = AutoTokenizer
    mod.GPT2LMHeadModel = GPT2LMHeadModel
    mod.GPT2Tokenizer = GPT2Tokenizer
    return mod


if __name__ == "__main__":
    # quick check: python3 gpt2_standin.py CHECKPOINT_DIR "some text"
    d, text = sys.argv[1], sys.argv[2]
    tok = GPT2Tokenizer.from_pretrained(d)
    ids = tok.encode(text)
    print(ids)
    m = GPT2LMHeadModel.from_pretrained(d)
    with torch.no_grad():
        print(m(torch.tensor([ids])).logits[0, -1, :5])
