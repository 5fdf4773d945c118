// Internal: the pull-based stages one pass over a Dataset runs. Before batch() elements are
// sample indices; after it, lists of sample indices. Stages reuse their buffers, so a pass
// allocates nothing per sample.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "shuffle_rng.hpp"

namespace kerascpp::data::detail {

template <class T>
struct Stream {
    virtual ~Stream() = default;
    /// Writes the next element into `out` (reusing its memory); false at the end.
    virtual bool next(T& out) = 0;
};

using Indices = std::vector<std::int64_t>;

/// 0, 1, ..., size - 1.
class RangeStream final : public Stream<std::int64_t> {
  public:
    explicit RangeStream(std::int64_t size) : size_(size) {}
    bool next(std::int64_t& out) override {
        if (i_ >= size_) return false;
        out = i_++;
        return true;
    }

  private:
    std::int64_t size_;
    std::int64_t i_ = 0;
};

/// tf.data's shuffle: fill a buffer, then emit a random buffered element and put the next
/// input element in its place.
template <class T>
class ShuffleStream final : public Stream<T> {
  public:
    ShuffleStream(std::unique_ptr<Stream<T>> in, std::int64_t buffer_size, ShuffleRng rng)
        : in_(std::move(in)), capacity_(static_cast<std::size_t>(buffer_size)), rng_(rng) {}

    bool next(T& out) override {
        if (!filled_) {
            filled_ = true;
            T value{};
            // The buffer grows with the elements actually read, never to a huge buffer_size.
            while (buffer_.size() < capacity_ && in_->next(value)) buffer_.push_back(value);
        }
        if (buffer_.empty()) return false;
        const auto j = static_cast<std::size_t>(rng_.below(buffer_.size()));
        std::swap(out, buffer_[j]);
        if (!in_->next(buffer_[j])) {
            std::swap(buffer_[j], buffer_.back());
            buffer_.pop_back();
        }
        return true;
    }

  private:
    std::unique_ptr<Stream<T>> in_;
    std::size_t capacity_;
    ShuffleRng rng_;
    std::vector<T> buffer_;
    bool filled_ = false;
};

/// The first `count` elements.
template <class T>
class TakeStream final : public Stream<T> {
  public:
    TakeStream(std::unique_ptr<Stream<T>> in, std::int64_t count)
        : in_(std::move(in)), left_(count) {}
    bool next(T& out) override {
        if (left_ <= 0 || !in_->next(out)) return false;
        --left_;
        return true;
    }

  private:
    std::unique_ptr<Stream<T>> in_;
    std::int64_t left_;
};

/// Groups `size` consecutive sample indices.
class BatchStream final : public Stream<Indices> {
  public:
    BatchStream(std::unique_ptr<Stream<std::int64_t>> in, std::int64_t size, bool drop_remainder)
        : in_(std::move(in)), size_(static_cast<std::size_t>(size)), drop_(drop_remainder) {}
    bool next(Indices& out) override {
        out.clear();
        std::int64_t i = 0;
        while (out.size() < size_ && in_->next(i)) out.push_back(i);
        return !out.empty() && (!drop_ || out.size() == size_);
    }

  private:
    std::unique_ptr<Stream<std::int64_t>> in_;
    std::size_t size_;
    bool drop_;
};

}  // namespace kerascpp::data::detail
