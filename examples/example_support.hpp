// Shared by the examples: the quick mode ctest uses (KERASCPP_EXAMPLE_QUICK=1: a few hundred
// samples, one epoch) and loading Fashion-MNIST with a clear message when it is missing.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <kerascpp/kerascpp.hpp>
#include <optional>

namespace example {

inline bool quick_mode() {
    const char* v = std::getenv("KERASCPP_EXAMPLE_QUICK");
    return v != nullptr && *v != '\0' && *v != '0';
}

/// Fashion-MNIST scaled to [0, 1] (the first rows only in quick mode), or nullopt after
/// printing how to install it. ctest treats exit code 77 as "skipped".
inline std::optional<kerascpp::datasets::TrainTest> fashion_mnist() {
    namespace k = kerascpp;
    try {
        auto [train, test] = k::datasets::fashion_mnist::load_data();
        const std::int64_t n_train = quick_mode() ? 512 : train.x.shape(0);
        const std::int64_t n_test = quick_mode() ? 256 : test.x.shape(0);
        return k::datasets::TrainTest{k::datasets::Split{train.x.slice_rows(0, n_train) / 255.0f,
                                                         train.y.slice_rows(0, n_train)},
                                      k::datasets::Split{test.x.slice_rows(0, n_test) / 255.0f,
                                                         test.y.slice_rows(0, n_test)}};
    } catch (const std::exception& e) {
        std::fprintf(stderr,
                     "Fashion-MNIST is not available (%s); apt-get install dataset-fashion-mnist\n",
                     e.what());
        return std::nullopt;
    }
}

constexpr int kSkipped = 77;

}  // namespace example
