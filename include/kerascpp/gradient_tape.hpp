// GradientTape: records operations while alive, then computes gradients by reverse-mode
// automatic differentiation, as tf.GradientTape does.
#pragma once

#include <concepts>
#include <memory>
#include <vector>

#include "kerascpp/tensor.hpp"
#include "kerascpp/variable.hpp"

namespace kerascpp {

namespace detail {
struct TapeState;
}

struct GradientTapeOptions {
    /// Allow several gradient() calls (otherwise the tape is released after the first).
    bool persistent = false;
    /// Watch every trainable Variable an operation reads.
    bool watch_accessed_variables = true;
};

class GradientTape {
public:
    explicit GradientTape(GradientTapeOptions options = {});
    ~GradientTape();
    GradientTape(const GradientTape&) = delete;
    GradientTape& operator=(const GradientTape&) = delete;

    /// Records operations on this (non-variable) tensor from now on.
    void watch(const Tensor& tensor);
    void watch(const std::vector<Tensor>& tensors);

    /// d(sum of target) / d(source), one tensor per source. A source the target does not
    /// depend on gets an undefined tensor (Keras returns None). Throws ValueError when a
    /// non-persistent tape is used twice, or a variable changed in place after use.
    std::vector<Tensor> gradient(const Tensor& target, const std::vector<Tensor>& sources);
    /// For lists of Variables (or other Tensor subclasses), e.g. trainable_variables().
    template <class V>
        requires std::derived_from<V, Tensor> && (!std::same_as<V, Tensor>)
    std::vector<Tensor> gradient(const Tensor& target, const std::vector<V>& sources) {
        return gradient(target, std::vector<Tensor>(sources.begin(), sources.end()));
    }
    /// One source: gradient(loss, w). (A template, so that gradient(loss, {w}) always
    /// means the list form and returns a list.)
    template <class T>
        requires std::derived_from<T, Tensor>
    Tensor gradient(const Tensor& target, const T& source) {
        return gradient(target, std::vector<Tensor>{source})[0];
    }

    /// Stops / resumes recording (operations in between are not differentiated).
    void stop_recording();
    void start_recording();
    /// Forgets everything recorded so far.
    void reset();

private:
    std::unique_ptr<detail::TapeState> state_;
};

}  // namespace kerascpp
