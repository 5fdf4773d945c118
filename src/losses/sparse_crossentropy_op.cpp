// Sparse categorical crossentropy as one fused, recorded op.
//
// Forward: one softmax-kernel pass gives log_softmax of the logits, from which the entry of
// each row's label is selected (for probabilities: the label's share of the row sum,
// clipped to [epsilon, 1 - epsilon]). The tape records a single node whose gradient is
// softmax(logits) - one_hot(labels) (for probabilities: 1 / row_sum - one_hot / p_label
// where the share is not clipped), instead of the chain of log_softmax, one_hot, multiply
// and sum. The backward function is written with ops, so outer tapes can differentiate it.
#include "autodiff/tape.hpp"
#include "kerascpp/ops.hpp"
#include "losses/internal.hpp"

namespace kerascpp::losses::detail {

using kerascpp::detail::Grads;
using kerascpp::detail::Needs;

namespace {

Tensor from_logits_op(const Tensor& labels, const Tensor& logits) {
    const Tensor one_hot = one_hot_mask(labels, logits.shape(-1));
    const Tensor log_probs = log_softmax(stop_gradient(logits), -1);
    Tensor loss = -select_class(log_probs, one_hot);
    if (kerascpp::detail::recording()) {
        kerascpp::detail::record(
            "sparse_categorical_crossentropy", {logits}, loss,
            [logits, log_probs, one_hot](const Tensor& g, const Needs&) {
                // Outer tapes need the softmax as a function of the logits.
                const Tensor probs =
                    kerascpp::detail::recording() ? softmax(logits, -1) : exp(log_probs);
                return Grads{expand_dims(g, -1) * (probs - one_hot.astype(probs.dtype()))};
            });
    }
    return loss;
}

/// The label's share of its row, share = p_label / sum(p), and its clipped value.
struct Share {
    Tensor p_label, total, share, clipped;
};

Share share_of(const Tensor& probs, const Tensor& one_hot) {
    Share s;
    s.p_label = select_class(probs, one_hot);
    s.total = sum(probs, -1);
    s.share = s.p_label / s.total;
    s.clipped = clip(s.share, epsilon, 1.0 - epsilon);
    return s;
}

Tensor from_probabilities_op(const Tensor& labels, const Tensor& probs) {
    const Tensor one_hot = one_hot_mask(labels, probs.shape(-1));
    Tensor loss = -log(share_of(stop_gradient(probs), one_hot).clipped);
    if (kerascpp::detail::recording()) {
        kerascpp::detail::record("sparse_categorical_crossentropy", {probs}, loss,
                                 [probs, one_hot](const Tensor& g, const Needs&) {
                                     const Share s = share_of(probs, one_hot);
                                     // Zero where the clip is active (and no 1 / 0 for rows that
                                     // never count).
                                     const Tensor inside = s.share == s.clipped;
                                     const Tensor one = scalar_as(s.share, 1.0);
                                     const Tensor scale = where(inside, g, scalar_as(g, 0.0));
                                     const Tensor p_label = where(inside, s.p_label, one);
                                     const Tensor total = where(inside, s.total, one);
                                     const Tensor d =
                                         expand_dims(one / total, -1) -
                                         one_hot.astype(probs.dtype()) / expand_dims(p_label, -1);
                                     return Grads{expand_dims(scale, -1) * d};
                                 });
    }
    return loss;
}

}  // namespace

Tensor sparse_crossentropy_op(const Tensor& labels, const Tensor& output, bool from_logits) {
    return from_logits ? from_logits_op(labels, output) : from_probabilities_op(labels, output);
}

}  // namespace kerascpp::losses::detail
