// Training throughput of LSTM(128) over 32-step sequences of 32 features, then Dense(10)
// softmax on the last output (Adam, sparse categorical crossentropy).
// Prints "kerascpp batch=<b> samples_per_s=<v>" per batch size; bench/run_lstm_bench.sh
// compares it with PyTorch (bench/lstm_torch.py) in the same run.
// Usage: bench_lstm [samples] [epochs] [batch sizes...]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <kerascpp/kerascpp.hpp>
#include <vector>

namespace k = kerascpp;
namespace kl = kerascpp::layers;

int main(int argc, char** argv) {
    const std::int64_t samples = argc > 1 ? std::atoll(argv[1]) : 4096;
    const int epochs = argc > 2 ? std::atoi(argv[2]) : 2;
    std::vector<std::int64_t> batch_sizes;
    for (int i = 3; i < argc; ++i) batch_sizes.push_back(std::atoll(argv[i]));
    if (batch_sizes.empty()) batch_sizes = {64};
    const std::int64_t steps = 32, features = 32;

    k::utils::set_random_seed(0);
    const k::Tensor x = k::random::normal({samples, steps, features});
    const k::Tensor y = k::random::uniform({samples}, 0.0, 10.0).astype(k::int32);
    for (const std::int64_t batch : batch_sizes) {
        k::Sequential model(
            {kl::Input({steps, features}), kl::LSTM(128), kl::Dense(10, "softmax")});
        model.compile(
            {.optimizer = k::optimizers::Adam(1e-3), .loss = "sparse_categorical_crossentropy"});
        const std::int64_t warm = std::min<std::int64_t>(samples, batch * 5);
        model.fit(x.slice_rows(0, warm), y.slice_rows(0, warm),
                  {.batch_size = batch, .epochs = 1, .verbose = 0});
        const auto t0 = std::chrono::steady_clock::now();
        model.fit(x, y, {.batch_size = batch, .epochs = epochs, .verbose = 0});
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::printf("kerascpp batch=%lld samples_per_s=%.0f\n", static_cast<long long>(batch),
                    static_cast<double>(samples) * epochs / seconds);
    }
}
