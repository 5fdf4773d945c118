"""PyTorch reference for bench_cnn: the same CNN, optimizer, loss and data sizes.

Prints "torch batch=<b> samples_per_s=<v>" per batch size. Images are NCHW (PyTorch's
native, fastest layout on CPU); the model is the same computation.
Usage: python3 cnn_torch.py [samples] [epochs] [batch sizes...]
"""
import torch

import torch_bench


def make_model():
    return torch.nn.Sequential(
        torch.nn.Conv2d(1, 32, 3), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(32, 64, 3), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(),
        torch.nn.Linear(64 * 5 * 5, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 10))


if __name__ == "__main__":
    torch_bench.main(make_model, lambda samples: torch.rand(samples, 1, 28, 28),
                     samples=4096, epochs=2, batch_sizes=[64], warmup_batches=10)
