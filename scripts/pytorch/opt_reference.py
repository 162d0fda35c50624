#!/usr/bin/python3
"""The OPT decoder in plain PyTorch: the yardstick Ouroboros is timed and checked against.

Same semantics as HuggingFace's OPTForCausalLM (no `transformers` needed): token embedding plus a learned
position embedding looked up at position + 2, pre-LayerNorm blocks, q scaled by head_dim^-0.5 after q_proj,
causal softmax attention, ReLU FFN, final LayerNorm, LM head tied to the token embedding, LayerNorm eps 1e-5.

  opt_reference.py bench-train  [shape flags] [--steps 10 --warmup 3]          -> one JSON line
  opt_reference.py bench-sample [shape flags] [--prompt-length 16 --max-new-tokens 112 --repeats 3]
  opt_reference.py nll    --model DIR --tokens IDS.json [--block-size 64]       -> {"nll","tokens","perplexity"}
  opt_reference.py logits --model DIR --tokens IDS.json                         -> {"shape","logits"}
"""
import argparse
import json
import math
import os
import re
import statistics
import sys
import time
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

POSITION_OFFSET = 2  # OPT's learned positions are indexed by position + 2 (a fairseq legacy)


@dataclass(frozen=True)
class OptConfig:
    vocab: int = 4096
    hidden: int = 256
    layers: int = 4
    heads: int = 4
    ffn: int = 1024
    max_positions: int = 128

    def __post_init__(self):
        if self.hidden % self.heads != 0:
            raise ValueError(f"hidden ({self.hidden}) must be divisible by heads ({self.heads})")


class Attention(nn.Module):
    def __init__(self, c: OptConfig):
        super().__init__()
        self.heads, self.head_dim = c.heads, c.hidden // c.heads
        self.q_proj, self.k_proj = nn.Linear(c.hidden, c.hidden), nn.Linear(c.hidden, c.hidden)
        self.v_proj, self.out_proj = nn.Linear(c.hidden, c.hidden), nn.Linear(c.hidden, c.hidden)

    def forward(self, x, cache=None, start=0):
        b, t, c = x.shape
        split = lambda y: y.view(b, t, self.heads, self.head_dim).transpose(1, 2)  # [B,T,C] -> [B,H,T,hd]
        q = split(self.q_proj(x) * self.head_dim ** -0.5)  # q is scaled after q_proj, bias included
        k, v = split(self.k_proj(x)), split(self.v_proj(x))
        if cache is not None:  # preallocated [B, H, maxT, hd]: write this step's keys/values in place
            cache[0][:, :, start:start + t] = k
            cache[1][:, :, start:start + t] = v
            k, v = cache[0][:, :, :start + t], cache[1][:, :, :start + t]
        scores = q @ k.transpose(-2, -1)  # [B, H, T, start+T]
        if t > 1:  # query i (absolute position start+i) sees keys 0..start+i
            visible = torch.ones(t, start + t, dtype=torch.bool, device=x.device).tril(diagonal=start)
            scores = scores.masked_fill(~visible, float("-inf"))
        y = F.softmax(scores, dim=-1) @ v  # [B, H, T, hd]
        return self.out_proj(y.transpose(1, 2).reshape(b, t, c))


class DecoderLayer(nn.Module):
    def __init__(self, c: OptConfig):
        super().__init__()
        self.self_attn_layer_norm = nn.LayerNorm(c.hidden, eps=1e-5)
        self.self_attn = Attention(c)
        self.final_layer_norm = nn.LayerNorm(c.hidden, eps=1e-5)
        self.fc1, self.fc2 = nn.Linear(c.hidden, c.ffn), nn.Linear(c.ffn, c.hidden)

    def forward(self, x, cache=None, start=0):
        x = x + self.self_attn(self.self_attn_layer_norm(x), cache, start)
        return x + self.fc2(F.relu(self.fc1(self.final_layer_norm(x))))


class Decoder(nn.Module):
    def __init__(self, c: OptConfig):
        super().__init__()
        self.embed_tokens = nn.Embedding(c.vocab, c.hidden)
        self.embed_positions = nn.Embedding(c.max_positions + POSITION_OFFSET, c.hidden)
        self.layers = nn.ModuleList(DecoderLayer(c) for _ in range(c.layers))
        self.final_layer_norm = nn.LayerNorm(c.hidden, eps=1e-5)


class OptModel(nn.Module):
    """State-dict names are HF's without the `model.` prefix (decoder.layers.0.fc1.weight, ...)."""

    def __init__(self, c: OptConfig):
        super().__init__()
        self.config = c
        self.decoder = Decoder(c)

    def initialize(self, seed=0, std=0.02):
        """HF's OPT init: matrices and embeddings ~ N(0, std), biases 0, LayerNorm weights 1."""
        g = torch.Generator().manual_seed(seed)
        with torch.no_grad():
            for name, p in self.named_parameters():
                if p.dim() == 2:
                    p.normal_(0.0, std, generator=g)
                else:
                    p.fill_(1.0 if name.endswith("layer_norm.weight") else 0.0)
        return self

    def forward(self, ids, caches=None, start=0):
        """ids [B, T] at positions start..start+T-1 -> logits [B, T, V]; caches: one (k, v) per layer."""
        d = self.decoder
        positions = torch.arange(start, start + ids.shape[1], device=ids.device) + POSITION_OFFSET
        x = d.embed_tokens(ids) + d.embed_positions(positions)
        for i, layer in enumerate(d.layers):
            x = layer(x, None if caches is None else caches[i], start)
        return d.final_layer_norm(x) @ d.embed_tokens.weight.t()  # LM head tied to the token embedding

    def new_caches(self, batch, length):
        c = self.config
        shape = (batch, c.heads, length, c.hidden // c.heads)
        return [(torch.zeros(shape), torch.zeros(shape)) for _ in range(c.layers)]


# ---------------------------------------------------------------------------------------------- checkpoints

def read_safetensors(path):
    """{name: float32 tensor}; F32, F16 and BF16 (BF16 is the top half of an F32)."""
    with open(path, "rb") as f:
        header_len = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(header_len))
        data = f.read()
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        raw, dtype = data[begin:end], entry["dtype"]
        if dtype == "F32":
            a = np.frombuffer(raw, dtype="<f4")
        elif dtype == "F16":
            a = np.frombuffer(raw, dtype="<f2").astype(np.float32)
        elif dtype == "BF16":
            a = (np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
        else:
            raise ValueError(f"{path}: tensor {name} has dtype {dtype}; expected F32, F16 or BF16")
        tensors[name] = torch.from_numpy(a.copy()).reshape(entry["shape"])
    return tensors


def load_model(directory):
    with open(os.path.join(directory, "config.json")) as f:
        cfg = json.load(f)
    c = OptConfig(cfg["vocab_size"], cfg["hidden_size"], cfg["num_hidden_layers"], cfg["num_attention_heads"],
                  cfg["ffn_dim"], cfg["max_position_embeddings"])
    tensors = read_safetensors(os.path.join(directory, "model.safetensors"))
    state = {n[len("model."):] if n.startswith("model.") else n: t for n, t in tensors.items()}
    state.pop("lm_head.weight", None)  # tied to decoder.embed_tokens.weight
    model = OptModel(c)
    model.load_state_dict(state, strict=True)
    return model.eval()


def read_ids(path):
    with open(path) as f:
        ids = json.load(f)
    if ids and isinstance(ids[0], list):
        raise ValueError(f"{path}: expected one flat JSON array of token ids")
    return ids


@torch.inference_mode()
def block_nll(model, ids, block_size, batch_size=32):
    """`ouro eval`'s convention: non-overlapping blocks, each predicting its tokens 2..n from 1..n-1;
    the last partial block is kept when it has >= 2 tokens. Log-softmax in float64 so only the float32
    network differs from ours. Also returns each block's NLL, in order (`ouro eval --per-sequence`)."""
    blocks = [ids[i:i + block_size] for i in range(0, len(ids), block_size)]
    blocks = [b for b in blocks if len(b) >= 2]
    per_block, i = [], 0
    while i < len(blocks):  # batches of consecutive equal-length blocks (only the last block may be short)
        j = i + 1
        while j < len(blocks) and j - i < batch_size and len(blocks[j]) == len(blocks[i]):
            j += 1
        x = torch.tensor(blocks[i:j])
        logp = F.log_softmax(model(x[:, :-1]).double(), dim=-1)
        per_block += (-logp.gather(-1, x[:, 1:, None]).sum((1, 2))).tolist()
        i = j
    total, count = sum(per_block), sum(len(b) - 1 for b in blocks)
    return {"nll": total, "tokens": count, "perplexity": math.exp(total / count), "block_nll": per_block}


# ------------------------------------------------------------------------------------------------ generation

@torch.inference_mode()
def generate_cached(model, prompts, new_tokens):
    """Greedy decoding with the preallocated KV cache -> (new ids [B, new], prefill ms, per-step ms, seconds).
    Timed like `ouro bench sample`: prefill yields the first new token, each later step decodes one."""
    b, p = prompts.shape
    start = time.perf_counter()
    caches = model.new_caches(b, p + new_tokens)
    logits = model(prompts, caches, 0)[:, -1]
    prefill_ms = (time.perf_counter() - start) * 1e3
    out, step_ms = [], []
    for step in range(1, new_tokens):
        t0 = time.perf_counter()
        out.append(logits.argmax(-1))
        logits = model(out[-1][:, None], caches, p + step - 1)[:, -1]
        step_ms.append((time.perf_counter() - t0) * 1e3)
    out.append(logits.argmax(-1))
    return torch.stack(out, 1), prefill_ms, step_ms, time.perf_counter() - start


@torch.inference_mode()
def generate_full(model, prompts, new_tokens):
    """Greedy decoding recomputing the whole prefix each step (the reference the cache must match)."""
    seq = prompts
    for _ in range(new_tokens):
        seq = torch.cat([seq, model(seq)[:, -1].argmax(-1, keepdim=True)], 1)
    return seq[:, prompts.shape[1]:]


# ------------------------------------------------------------------------------------------------ benchmarks

def blas_info():
    """What torch was built with (torch.__config__.show()) and which BLAS library is actually loaded."""
    built = dict(re.findall(r"\b((?:BLAS|LAPACK)_INFO)=([^,\s]+)", torch.__config__.show()))
    with open("/proc/self/maps") as f:
        loaded = sorted({line.split()[-1] for line in f if "blas" in line.lower() or "lapack" in line.lower()})
    return {"built_with": built, "loaded": [os.path.realpath(p) for p in loaded]}


def environment():
    # OMP_WAIT_POLICY matters a lot on few cores: torch's OpenMP threads spinning after a parallel region
    # steal the cores OpenBLAS's own threads need for the next matmul
    env = {k: os.environ.get(k) for k in ("OMP_WAIT_POLICY", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")}
    return {"threads": torch.get_num_threads(), "torch": torch.__version__, "blas": blas_info(), "env": env}


def bench_train(c, batch, steps, warmup):
    model = OptModel(c).initialize(0)
    matrices = [p for p in model.parameters() if p.dim() == 2]
    vectors = [p for p in model.parameters() if p.dim() != 2]
    opt = torch.optim.AdamW([{"params": matrices, "weight_decay": 0.01}, {"params": vectors, "weight_decay": 0.0}],
                            lr=1e-4, betas=(0.9, 0.999), eps=1e-8)
    g = torch.Generator().manual_seed(0)
    times = []
    for i in range(warmup + steps):
        ids = torch.randint(0, c.vocab, (batch, c.max_positions), generator=g)
        t0 = time.perf_counter()
        logits = model(ids)  # all T positions, as ours; the last one has no target
        loss = F.cross_entropy(logits[:, :-1].reshape(-1, c.vocab), ids[:, 1:].reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if i >= warmup:
            times.append(time.perf_counter() - t0)
    median = statistics.median(times)
    return {"benchmark": "train", "impl": "pytorch", "tokens_per_second": batch * c.max_positions / median,
            "step_seconds_median": median, "step_seconds": times, "loss_last": loss.item(),
            "parameters": sum(p.numel() for p in model.parameters()), **environment(),
            "shape": shape_json(c, batch), "warmup_steps": warmup, "steps": steps}


def bench_sample(c, batch, prompt_length, new_tokens, repeats):
    model = OptModel(c).initialize(0).eval()
    g = torch.Generator().manual_seed(0)
    prompts = lambda: torch.randint(0, c.vocab, (batch, prompt_length), generator=g)
    for _ in range(2):  # warm-up: whole generations, as ouro bench sample does (its JIT needs them)
        generate_cached(model, prompts(), new_tokens)
    runs = sorted((generate_cached(model, prompts(), new_tokens) for _ in range(repeats)), key=lambda r: r[3])
    _, prefill_ms, step_ms, seconds = runs[len(runs) // 2]
    quarter = max(1, len(step_ms) // 4)
    return {"benchmark": "sample", "impl": "pytorch", "kv_cache": "preallocated",
            "new_tokens_per_second": batch * new_tokens / seconds, "seconds_median": seconds,
            "prefill_ms": prefill_ms, "ms_per_token_first_quarter": statistics.mean(step_ms[:quarter]),
            "ms_per_token_last_quarter": statistics.mean(step_ms[-quarter:]), "step_ms": step_ms,
            **environment(), "shape": shape_json(c, batch), "prompt_length": prompt_length,
            "max_new_tokens": new_tokens, "repeats": repeats}


def shape_json(c, batch):
    return {"vocab": c.vocab, "hidden": c.hidden, "layers": c.layers, "heads": c.heads, "ffn": c.ffn,
            "block_size": c.max_positions, "batch_size": batch}


# ------------------------------------------------------------------------------------------------------- CLI

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    for name in ("bench-train", "bench-sample"):
        s = sub.add_parser(name)
        for flag, default in (("vocab", 4096), ("hidden", 256), ("layers", 4), ("heads", 4), ("ffn", 1024),
                              ("block-size", 128), ("batch-size", 16)):
            s.add_argument("--" + flag, type=int, default=default)
    sub.choices["bench-train"].add_argument("--steps", type=int, default=10)
    sub.choices["bench-train"].add_argument("--warmup", type=int, default=3)
    sub.choices["bench-sample"].add_argument("--prompt-length", type=int, default=16)
    sub.choices["bench-sample"].add_argument("--max-new-tokens", type=int, default=112)
    sub.choices["bench-sample"].add_argument("--repeats", type=int, default=3)
    for name in ("nll", "logits"):
        s = sub.add_parser(name)
        s.add_argument("--model", required=True, metavar="DIR")
        s.add_argument("--tokens", required=True, metavar="IDS.json")
    sub.choices["nll"].add_argument("--block-size", type=int, default=64)
    a = ap.parse_args()

    torch.set_num_threads(os.cpu_count())
    if a.command.startswith("bench"):
        c = OptConfig(a.vocab, a.hidden, a.layers, a.heads, a.ffn, a.block_size)
        if a.command == "bench-train":
            result = bench_train(c, a.batch_size, a.steps, a.warmup)
        else:
            c = OptConfig(a.vocab, a.hidden, a.layers, a.heads, a.ffn,
                          max(a.block_size, a.prompt_length + a.max_new_tokens))
            result = bench_sample(c, a.batch_size, a.prompt_length, a.max_new_tokens, a.repeats)
    elif a.command == "nll":
        result = block_nll(load_model(a.model), read_ids(a.tokens), a.block_size)
    else:
        with torch.inference_mode():
            logits = load_model(a.model)(torch.tensor([read_ids(a.tokens)]))[0]
        result = {"shape": list(logits.shape), "logits": logits.tolist()}
    print(json.dumps(result))


if __name__ == "__main__":
    try:
        main()
    except (OSError, ValueError, KeyError, RuntimeError) as e:  # bad checkpoint or ids: one line, exit 2
        print(f"error: {type(e).__name__}: {e}".splitlines()[0][:500], file=sys.stderr)
        sys.exit(2)
