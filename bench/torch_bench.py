"""Timing loop shared by the PyTorch reference benchmarks (cnn_torch, lstm_torch, mlp_torch).

Each prints "torch batch=<b> samples_per_s=<v>" per batch size, the line the
run_*_bench.sh scripts parse. Command line: [samples] [epochs] [batch sizes...].
"""
import sys
import time

import torch


def main(make_model, make_inputs, samples, epochs, batch_sizes, warmup_batches):
    """Times training of a fresh make_model() per batch size on make_inputs(samples) with
    random labels of 10 classes; the arguments after make_inputs are the defaults of the
    command line's, and warmup_batches the batches of the untimed warm-up epoch."""
    samples = int(sys.argv[1]) if len(sys.argv) > 1 else samples
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else epochs
    batch_sizes = [int(b) for b in sys.argv[3:]] or batch_sizes
    torch.manual_seed(0)
    x = make_inputs(samples)
    y = torch.randint(0, 10, (samples,))
    for batch in batch_sizes:
        train = trainer(make_model(), x, y, batch)
        train(min(samples, batch * warmup_batches))
        t0 = time.perf_counter()
        for _ in range(epochs):
            train(samples)
        seconds = time.perf_counter() - t0
        print(f"torch batch={batch} samples_per_s={samples * epochs / seconds:.0f}", flush=True)


def trainer(model, x, y, batch):
    """A function training the model one epoch on the first `limit` samples, shuffled."""
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = torch.nn.CrossEntropyLoss()  # softmax + crossentropy, as Keras's softmax output + loss

    def epoch(limit):
        perm = torch.randperm(limit)
        for start in range(0, limit, batch):
            idx = perm[start:start + batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opt.step()

    return epoch
