"""PyTorch reference for bench_cnn: the same CNN, optimizer, loss and data sizes.

Prints "torch batch=<b> samples_per_s=<v>" per batch size. Images are NCHW (PyTorch's
native, fastest layout on CPU); the model is the same computation.
Usage: python3 cnn_torch.py [samples] [epochs] [batch sizes...]
"""
import sys
import time

import torch


def make_model():
    return torch.nn.Sequential(
        torch.nn.Conv2d(1, 32, 3), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(32, 64, 3), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(),
        torch.nn.Linear(64 * 5 * 5, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 10))


def main():
    samples = int(sys.argv[1]) if len(sys.argv) > 1 else 4096
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    batch_sizes = [int(b) for b in sys.argv[3:]] or [64]
    torch.manual_seed(0)
    x = torch.rand(samples, 1, 28, 28)
    y = torch.randint(0, 10, (samples,))
    for batch in batch_sizes:
        model = make_model()
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
        loss_fn = torch.nn.CrossEntropyLoss()  # softmax + crossentropy, as Keras's softmax output + loss

        def epoch(limit=samples):
            perm = torch.randperm(limit)
            for start in range(0, limit, batch):
                idx = perm[start:start + batch]
                opt.zero_grad(set_to_none=True)
                loss = loss_fn(model(x[idx]), y[idx])
                loss.backward()
                opt.step()

        epoch(min(samples, batch * 10))  # warm-up
        t0 = time.perf_counter()
        for _ in range(epochs):
            epoch()
        seconds = time.perf_counter() - t0
        print(f"torch batch={batch} samples_per_s={samples * epochs / seconds:.0f}", flush=True)


if __name__ == "__main__":
    main()
