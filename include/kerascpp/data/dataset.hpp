// kerascpp::data::Dataset: a small tf.data-like input pipeline over in-memory tensors.
//
//   for (auto [x, y] : k::data::Dataset(train.x, train.y).shuffle(1024).batch(64)) { ... }
//
// A Dataset is a cheap value: shuffle/batch/take return a new Dataset that shares the
// tensors. Steps apply in the order written, as in tf.data (take(100).batch(10) gives 10
// batches; batch(10).take(100) gives up to 100 batches).
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <vector>

#include "kerascpp/tensor.hpp"

namespace kerascpp::data {

/// What iterating a Dataset yields: inputs and targets (y is undefined for a Dataset made
/// from x alone). Before batch(), one sample without the sample axis; after, a batch.
struct Element {
    Tensor x;
    Tensor y;
};

namespace detail {
struct Source;
struct Step;
struct IteratorState;
}  // namespace detail

/// A single-pass iterator over a Dataset (an input iterator; compare with end()).
class DatasetIterator {
  public:
    using iterator_concept = std::input_iterator_tag;
    using iterator_category = std::input_iterator_tag;
    using value_type = Element;
    using difference_type = std::ptrdiff_t;
    using reference = const Element&;
    using pointer = const Element*;

    DatasetIterator() = default;
    explicit DatasetIterator(std::shared_ptr<detail::IteratorState> state);

    const Element& operator*() const;
    const Element* operator->() const { return &**this; }
    DatasetIterator& operator++();
    void operator++(int) { ++*this; }
    friend bool operator==(const DatasetIterator& it, std::default_sentinel_t) {
        return it.at_end();
    }

  private:
    bool at_end() const;
    std::shared_ptr<detail::IteratorState> state_;
};

class Dataset {
  public:
    using iterator = DatasetIterator;

    /// Samples are the rows (first axis) of x; throws ValueError for an undefined or 0-d x.
    explicit Dataset(Tensor x);
    /// Samples are the rows of x and y, which must have the same number of rows (else
    /// ValueError naming both sizes).
    Dataset(Tensor x, Tensor y);
    /// tf.data's spelling of the constructors.
    static Dataset from_tensor_slices(Tensor x, Tensor y = Tensor());

    /// Randomly shuffles the elements with a buffer of `buffer_size` elements, as
    /// tf.data does: a buffer at least the dataset's size gives a uniform permutation.
    /// Without a seed, the seed is drawn from kerascpp's global generator when shuffle() is
    /// called, so utils::set_random_seed(s) beforehand makes the order reproducible. With
    /// reshuffle_each_iteration, each pass (each begin()) uses a different order, which
    /// is still a deterministic function of the seed and the pass number.
    Dataset shuffle(std::int64_t buffer_size, std::optional<std::uint64_t> seed = std::nullopt,
                    bool reshuffle_each_iteration = true) const;
    /// Groups consecutive elements into batches of `batch_size` (the last one smaller unless
    /// drop_remainder). Each batch is one contiguous tensor: a view of the data when its
    /// rows are consecutive, otherwise one newly allocated tensor per batch.
    Dataset batch(std::int64_t batch_size, bool drop_remainder = false) const;
    /// At most `count` elements (-1: all of them).
    Dataset take(std::int64_t count) const;

    /// The number of elements one pass yields.
    std::int64_t cardinality() const;

    DatasetIterator begin() const;
    std::default_sentinel_t end() const { return {}; }

  private:
    Dataset(std::shared_ptr<const detail::Source> source,
            std::vector<std::shared_ptr<const detail::Step>> steps);
    Dataset with(std::shared_ptr<const detail::Step> step) const;

    std::shared_ptr<const detail::Source> source_;
    std::vector<std::shared_ptr<const detail::Step>> steps_;
};

}  // namespace kerascpp::data
