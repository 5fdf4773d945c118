// Sequence classification with Embedding + LSTM + Dense on data the program generates:
// each sequence is a list of token ids (1..9, 0 = padding at the end, masked with
// mask_zero); the class is whether token 7 occurs before token 3 in the sequence — a task
// that needs the order of the tokens, not only their counts.
#include <cstdio>
#include <kerascpp/kerascpp.hpp>
#include <random>
#include <vector>

namespace k = kerascpp;
namespace kl = kerascpp::layers;

namespace {

struct Data {
    k::Tensor x, y;
};

// Sequences of 4..16 tokens, padded to 16; exactly one 7 and one 3 in each, in random order.
Data generate(std::int64_t n, unsigned seed) {
    const std::int64_t steps = 16;
    std::mt19937 rng(seed);
    std::vector<std::int32_t> ids(static_cast<std::size_t>(n * steps), 0);
    std::vector<float> labels(static_cast<std::size_t>(n));
    std::uniform_int_distribution<int> length_dist(4, static_cast<int>(steps)), token(1, 9);
    for (std::int64_t i = 0; i < n; ++i) {
        const int length = length_dist(rng);
        auto* row = &ids[static_cast<std::size_t>(i * steps)];
        for (int t = 0; t < length; ++t) {
            int v = token(rng);
            while (v == 7 || v == 3) v = token(rng);
            row[t] = v;
        }
        std::uniform_int_distribution<int> pos(0, length - 1);
        const int a = pos(rng);
        int b = pos(rng);
        while (b == a) b = pos(rng);
        row[a] = 7;
        row[b] = 3;
        labels[static_cast<std::size_t>(i)] = a < b ? 1.f : 0.f;
    }
    return {k::tensor(ids, k::Shape{n, steps}), k::tensor(labels, k::Shape{n, 1})};
}

}  // namespace

int main() {
    k::utils::set_random_seed(1);
    const Data train = generate(4000, 1), test = generate(1000, 2);

    k::Sequential model({
        kl::Input({16}, {.dtype = k::int32}),
        kl::Embedding(10, 16, {.mask_zero = true}),
        kl::LSTM(32),
        kl::Dense(1, "sigmoid"),
    });
    model.compile({.optimizer = k::optimizers::Adam(5e-3),
                   .loss = "binary_crossentropy",
                   .metrics = {"accuracy"}});
    model.summary();
    model.fit(train.x, train.y,
              {.batch_size = 64, .epochs = 8, .verbose = 2, .validation_split = 0.1});
    const auto results = model.evaluate(test.x, test.y, {.verbose = 0});
    std::printf("test accuracy: %.4f (is 7 before 3?)\n", results.at("accuracy"));
}
