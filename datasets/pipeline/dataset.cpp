// kerascpp::data::Dataset: construction, the pipeline steps and cardinality.
#include "kerascpp/data/dataset.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "kerascpp/errors.hpp"
#include "kerascpp/random.hpp"
#include "pipeline_state.hpp"

namespace kerascpp::data {

namespace {

std::shared_ptr<const detail::Source> make_source(Tensor x, Tensor y) {
    if (!x.defined()) throw ValueError("Dataset: x is an undefined tensor");
    if (x.ndim() == 0) {
        throw ValueError("Dataset: x must have a first (samples) axis; got a 0-d tensor");
    }
    if (y.defined()) {
        if (y.ndim() == 0) {
            throw ValueError("Dataset: y must have a first (samples) axis; got a 0-d tensor");
        }
        if (y.shape(0) != x.shape(0)) {
            throw ValueError(
                "Dataset: x and y must have the same number of samples (first "
                "axis); got x with " +
                std::to_string(x.shape(0)) + " samples, shape " + shape_str(x.shape()) +
                ", and y with " + std::to_string(y.shape(0)) + " samples, shape " +
                shape_str(y.shape()));
        }
    }
    auto source = std::make_shared<detail::Source>();
    const Device cpu = Device::cpu();
    source->x_host = x.device() == cpu ? x : x.to(cpu);
    if (y.defined()) source->y_host = y.device() == cpu ? y : y.to(cpu);
    source->size = x.shape(0);
    source->x = std::move(x);
    source->y = std::move(y);
    return source;
}

/// A 64-bit seed from kerascpp's global generator (reproducible after set_random_seed).
std::uint64_t draw_seed() {
    const auto halves =
        random::uniform({2}, 0.0, 4294967296.0, float64, std::nullopt, Device::cpu())
            .to_vector<double>();
    return (static_cast<std::uint64_t>(std::floor(halves[0])) << 32) ^
           static_cast<std::uint64_t>(std::floor(halves[1]));
}

std::shared_ptr<detail::Step> make_step(detail::Step::Kind kind, std::int64_t n, bool flag) {
    auto step = std::make_shared<detail::Step>();
    step->kind = kind;
    step->n = n;
    step->flag = flag;
    return step;
}

}  // namespace

Dataset::Dataset(Tensor x) : source_(make_source(std::move(x), Tensor())) {}

Dataset::Dataset(Tensor x, Tensor y) : source_(make_source(std::move(x), std::move(y))) {}

Dataset::Dataset(std::shared_ptr<const detail::Source> source,
                 std::vector<std::shared_ptr<const detail::Step>> steps)
    : source_(std::move(source)), steps_(std::move(steps)) {}

Dataset Dataset::from_tensor_slices(Tensor x, Tensor y) {
    return Dataset(make_source(std::move(x), std::move(y)), {});
}

Dataset Dataset::with(std::shared_ptr<const detail::Step> step) const {
    auto steps = steps_;
    steps.push_back(std::move(step));
    return Dataset(source_, std::move(steps));
}

Dataset Dataset::shuffle(std::int64_t buffer_size, std::optional<std::uint64_t> seed,
                         bool reshuffle_each_iteration) const {
    if (buffer_size < 1) {
        throw ValueError("Dataset.shuffle: buffer_size must be at least 1; got " +
                         std::to_string(buffer_size));
    }
    auto step = make_step(detail::Step::Kind::shuffle, buffer_size, reshuffle_each_iteration);
    step->seed = seed ? *seed : draw_seed();
    return with(std::move(step));
}

Dataset Dataset::batch(std::int64_t batch_size, bool drop_remainder) const {
    if (batch_size < 1) {
        throw ValueError("Dataset.batch: batch_size must be at least 1; got " +
                         std::to_string(batch_size));
    }
    const bool batched = std::any_of(steps_.begin(), steps_.end(), [](const auto& s) {
        return s->kind == detail::Step::Kind::batch;
    });
    if (batched) {
        throw ValueError(
            "Dataset.batch: this dataset is already batched; batching batches "
            "is not supported (use one batch() with the combined size)");
    }
    return with(make_step(detail::Step::Kind::batch, batch_size, drop_remainder));
}

Dataset Dataset::take(std::int64_t count) const {
    if (count < -1) {
        throw ValueError("Dataset.take: count must be -1 (all) or at least 0; got " +
                         std::to_string(count));
    }
    return with(make_step(detail::Step::Kind::take, count, false));
}

std::int64_t Dataset::cardinality() const {
    std::int64_t n = source_->size;
    for (const auto& step : steps_) {
        switch (step->kind) {
            case detail::Step::Kind::shuffle:
                break;
            case detail::Step::Kind::take:
                if (step->n >= 0) n = std::min(n, step->n);
                break;
            case detail::Step::Kind::batch:
                n = step->flag ? n / step->n : (n + step->n - 1) / step->n;
                break;
        }
    }
    return n;
}

DatasetIterator Dataset::begin() const {
    return DatasetIterator(detail::start_pass(source_, steps_));
}

}  // namespace kerascpp::data
