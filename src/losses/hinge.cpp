// Hinge losses: hinge, squared hinge and categorical hinge.
#include "kerascpp/losses.hpp"
#include "kerascpp/ops.hpp"
#include "losses/internal.hpp"

namespace kerascpp::losses {

namespace {

/// Labels in {0, 1} become {-1, 1}; any other label set is used as given. Decided on the
/// device (no host round trip), as Keras's ops.cond.
Tensor hinge_labels(const Tensor& t) {
    if (t.size() == 0) return t;
    const Tensor binary = logical_or(t == 0.0, t == 1.0).astype(t.dtype());
    const Tensor all_binary = min(binary) > 0.5;
    return where(all_binary, t * 2.0 - 1.0, t);
}

/// max(1 - t * p, 0) with {0, 1} labels converted to {-1, 1}.
Tensor margin(const char* fn, const Tensor& y_true, const Tensor& y_pred) {
    const auto [t, p] = detail::prepare(fn, y_true, y_pred);
    return maximum(1.0 - hinge_labels(t) * p, detail::scalar_as(p, 0.0));
}

}  // namespace

Tensor hinge(const Tensor& y_true, const Tensor& y_pred) {
    return mean(margin("hinge", y_true, y_pred), -1);
}

Tensor squared_hinge(const Tensor& y_true, const Tensor& y_pred) {
    return mean(square(margin("squared_hinge", y_true, y_pred)), -1);
}

Tensor categorical_hinge(const Tensor& y_true, const Tensor& y_pred) {
    const auto [t, p] = detail::prepare("categorical_hinge", y_true, y_pred);
    const Tensor pos = sum(t * p, -1);
    const Tensor neg = max((1.0 - t) * p, -1);
    return maximum(neg - pos + 1.0, detail::scalar_as(p, 0.0));
}

Hinge::Hinge(LossOptions o)
    : LossFunctionWrapper(hinge, detail::name_or(o.name, "hinge"), o.reduction) {}

SquaredHinge::SquaredHinge(LossOptions o)
    : LossFunctionWrapper(squared_hinge, detail::name_or(o.name, "squared_hinge"), o.reduction) {}

CategoricalHinge::CategoricalHinge(LossOptions o)
    : LossFunctionWrapper(categorical_hinge, detail::name_or(o.name, "categorical_hinge"),
                          o.reduction) {}

}  // namespace kerascpp::losses
