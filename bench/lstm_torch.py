"""PyTorch reference for bench_lstm: the same LSTM(128) + Linear(10) model, optimizer, loss
and data sizes (32 steps of 32 features).

Prints "torch batch=<b> samples_per_s=<v>" per batch size.
Usage: python3 lstm_torch.py [samples] [epochs] [batch sizes...]
"""
import torch

import torch_bench


class Model(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = torch.nn.LSTM(32, 128, batch_first=True)
        self.head = torch.nn.Linear(128, 10)

    def forward(self, x):
        _, (h, _) = self.lstm(x)
        return self.head(h[-1])


if __name__ == "__main__":
    torch_bench.main(Model, lambda samples: torch.randn(samples, 32, 32),
                     samples=4096, epochs=2, batch_sizes=[64], warmup_batches=5)
