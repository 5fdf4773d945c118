"""PyTorch reference for bench_mlp: the same MLP, optimizer, loss and data sizes.

Prints "torch batch=<b> samples_per_s=<v>" per batch size.
Usage: python3 mlp_torch.py [samples] [epochs] [batch sizes...]
"""
import torch

import torch_bench


def make_model():
    return torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 10))


if __name__ == "__main__":
    torch_bench.main(make_model, lambda samples: torch.randn(samples, 784),
                     samples=16384, epochs=3, batch_sizes=[32, 128], warmup_batches=20)
