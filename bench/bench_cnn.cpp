// Training throughput of the Fashion-MNIST CNN of examples/fashion_mnist_cnn.cpp (Conv2D 32
// 3×3 relu, MaxPooling2D, Conv2D 64 3×3 relu, MaxPooling2D, Dense 128 relu, Dense 10 softmax;
// Adam, sparse categorical crossentropy) on random 28×28×1 images.
// Prints "kerascpp batch=<b> samples_per_s=<v>" per batch size; bench/run_cnn_bench.sh
// compares it with PyTorch in the same run.
// Usage: bench_cnn [samples] [epochs] [batch sizes...]
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

    k::utils::set_random_seed(0);
    const k::Tensor x = k::random::uniform({samples, 28, 28, 1});
    const k::Tensor y = k::random::uniform({samples}, 0.0, 10.0).astype(k::int32);
    for (const std::int64_t batch : batch_sizes) {
        k::Sequential model({kl::Input({28, 28, 1}), kl::Conv2D(32, 3, {.activation = "relu"}),
                             kl::MaxPooling2D(2), kl::Conv2D(64, 3, {.activation = "relu"}),
                             kl::MaxPooling2D(2), kl::Flatten(), kl::Dense(128, "relu"),
                             kl::Dense(10, "softmax")});
        model.compile(
            {.optimizer = k::optimizers::Adam(1e-3), .loss = "sparse_categorical_crossentropy"});
        const std::int64_t warm = std::min<std::int64_t>(samples, batch * 10);
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
