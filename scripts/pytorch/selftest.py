#!/usr/bin/python3
"""Checks of the PyTorch reference itself (seconds): the KV cache changes nothing, checkpoints load in every
dtype and naming, and the NLL block convention is `ouro eval`'s. Run: /usr/bin/python3 scripts/pytorch/selftest.py"""
import json
import os
import sys
import tempfile

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from opt_reference import OptConfig, OptModel, block_nll, generate_cached, generate_full, load_model  # noqa: E402

TINY = OptConfig(vocab=97, hidden=32, layers=2, heads=4, ffn=64, max_positions=64)


def tiny_model(seed=2, std=1.0):
    # std 1: a random model whose logits are far from ties and whose greedy paths wander (not one token
    # repeated), so comparing paths is a sharp test
    return OptModel(TINY).initialize(seed, std).eval()


def test_cached_greedy_equals_full_greedy():
    model = tiny_model()
    prompts = torch.randint(0, TINY.vocab, (3, 7), generator=torch.Generator().manual_seed(2))
    cached, _, steps, _ = generate_cached(model, prompts, 40)
    full = generate_full(model, prompts, 40)
    assert len(steps) == 39
    assert torch.equal(cached, full), f"cached {cached.tolist()} != full {full.tolist()}"
    assert len(set(full.flatten().tolist())) > 10, "degenerate test: greedy path repeats one token"


@torch.inference_mode()
def test_cached_logits_match_full_forward():
    model = tiny_model()
    ids = torch.randint(0, TINY.vocab, (2, 30), generator=torch.Generator().manual_seed(3))
    full = model(ids)
    caches = model.new_caches(2, 30)
    pieces = [model(ids[:, :10], caches, 0)] + [model(ids[:, t:t + 1], caches, t) for t in range(10, 30)]
    scale = full.abs().max().item()
    torch.testing.assert_close(torch.cat(pieces, 1), full, rtol=0, atol=1e-5 * scale)


def write_safetensors(path, tensors, dtype):
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name, t in tensors.items():
        a = t.detach().numpy().astype(np.float32)
        if dtype == "F16":
            raw = a.astype("<f2").tobytes()
        elif dtype == "BF16":
            raw = (a.view(np.uint32) >> 16).astype("<u2").tobytes()  # truncation is fine for a round trip
        else:
            raw = a.astype("<f4").tobytes()
        header[name] = {"dtype": dtype, "shape": list(a.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode()
    with open(path, "wb") as f:
        f.write(len(text).to_bytes(8, "little") + text + b"".join(blobs))


def save_checkpoint(directory, model, dtype, prefix):
    c = model.config
    config = {"model_type": "opt", "vocab_size": c.vocab, "hidden_size": c.hidden, "num_hidden_layers": c.layers,
              "num_attention_heads": c.heads, "ffn_dim": c.ffn, "max_position_embeddings": c.max_positions}
    with open(os.path.join(directory, "config.json"), "w") as f:
        json.dump(config, f)
    state = {prefix + n: t for n, t in model.state_dict().items()}
    state["lm_head.weight"] = model.decoder.embed_tokens.weight
    write_safetensors(os.path.join(directory, "model.safetensors"), state, dtype)


@torch.inference_mode()
def test_checkpoints_load_in_every_dtype_and_naming():
    model = tiny_model(std=0.3)
    ids = torch.randint(0, TINY.vocab, (1, 20), generator=torch.Generator().manual_seed(4))
    for dtype, tol in (("F32", 0.0), ("F16", 5e-2), ("BF16", 3e-1)):
        for prefix in ("model.", ""):
            with tempfile.TemporaryDirectory() as d:
                save_checkpoint(d, model, dtype, prefix)
                loaded = load_model(d)
            diff = (loaded(ids) - model(ids)).abs().max().item()
            assert diff <= tol, f"{dtype} prefix {prefix!r}: max logit difference {diff}"
            if dtype != "F32":
                assert diff > 0, f"{dtype}: weights were not rounded, so the dtype was not really exercised"


def test_nll_uses_ouro_eval_blocks():
    model = tiny_model()
    ids = torch.randint(0, TINY.vocab, (45,), generator=torch.Generator().manual_seed(5)).tolist()
    r = block_nll(model, ids, 16)  # blocks 16 + 16 + 13 -> 15 + 15 + 12 predictions
    assert r["tokens"] == 42, r
    by_hand = 0.0
    for start in (0, 16, 32):
        x = torch.tensor([ids[start:start + 16]])
        with torch.inference_mode():
            logp = torch.log_softmax(model(x).double(), -1)[0, :-1]
        by_hand -= logp.gather(-1, x[0, 1:, None]).sum().item()
    assert abs(r["nll"] - by_hand) < 1e-6 * by_hand, (r, by_hand)
    assert len(r["block_nll"]) == 3 and abs(sum(r["block_nll"]) - r["nll"]) < 1e-9 * r["nll"]
    assert block_nll(model, ids[:33], 16)["tokens"] == 30, "a last block of 1 token predicts nothing"


if __name__ == "__main__":
    tests = [(n, f) for n, f in sorted(globals().items()) if n.startswith("test_")]
    for name, test in tests:
        test()
        print("ok  ", name)
    print(f"{len(tests)} tests passed")
