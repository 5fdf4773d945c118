"""PyTorch reference for bench_lstm: the same LSTM(128) + Linear(10) model, optimizer, loss
and data sizes (32 steps of 32 features).

Prints "torch batch=<b> samples_per_s=<v>" per batch size.
Usage: python3 lstm_torch.py [samples] [epochs] [batch sizes...]
"""
import sys
import time

import torch


class Model(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = torch.nn.LSTM(32, 128, batch_first=True)
        self.head = torch.nn.Linear(128, 10)

    def forward(self, x):
        _, (h, _) = self.lstm(x)
        return self.head(h[-1])


def main():
    samples = int(sys.argv[1]) if len(sys.argv) > 1 else 4096
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    batch_sizes = [int(b) for b in sys.argv[3:]] or [64]
    torch.manual_seed(0)
    x = torch.randn(samples, 32, 32)
    y = torch.randint(0, 10, (samples,))
    for batch in batch_sizes:
        model = Model()
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

        epoch(min(samples, batch * 5))  # warm-up
        t0 = time.perf_counter()
        for _ in range(epochs):
            epoch()
        seconds = time.perf_counter() - t0
        print(f"torch batch={batch} samples_per_s={samples * epochs / seconds:.0f}", flush=True)


if __name__ == "__main__":
    main()
