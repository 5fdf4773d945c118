// Mean, Sum and MeanMetricWrapper: (weighted) reductions of per-sample values.
#include "kerascpp/errors.hpp"
#include "kerascpp/metrics.hpp"
#include "kerascpp/ops.hpp"
#include "losses/internal.hpp"
#include "metrics/internal.hpp"

namespace kerascpp::metrics {

namespace {

/// Keras's reduce_to_samplewise_values: values reduced to one per sample (over the axes
/// the weights do not have, then over all but the first), weighted; and the weights
/// reduced alike.
struct Samplewise {
    Tensor values;
    Tensor weights;  // undefined without sample_weight
};

Samplewise samplewise(const Tensor& values, const Tensor& sample_weight, bool use_mean) {
    const auto reduce = [use_mean](const Tensor& x, int first) {
        const std::vector<int> axes = detail::trailing_axes(x, first);
        if (axes.empty()) return x;
        return use_mean ? mean(x, axes) : sum(x, axes);
    };
    Tensor v = stop_gradient(values).astype(float64);
    Tensor w;
    if (sample_weight.defined()) {
        std::tie(v, w) =
            losses::squeeze_or_expand_to_same_rank(v, stop_gradient(sample_weight).astype(float64));
        if (v.ndim() > w.ndim()) v = reduce(v, static_cast<int>(w.ndim()));
        try {
            w = broadcast_to(w, v.shape());
        } catch (const ValueError&) {
            throw ValueError("sample_weight of shape " + shape_str(sample_weight.shape()) +
                             " does not broadcast to the values of shape " +
                             shape_str(values.shape()));
        }
        v = v * w;
        if (w.ndim() > 1) w = reduce(w, 1);
    }
    return {reduce(v, 1), w};
}

void refuse_third(const char* cls, const Tensor& unused) {
    if (unused.defined()) {
        throw ValueError(std::string(cls) +
                         ".update_state takes (values, sample_weight); got a third argument");
    }
}

}  // namespace

// ---- Mean -----------------------------------------------------------------------------------

Mean::Mean(MetricOptions options) : Metric(losses::detail::name_or(options.name, "mean")) {}

void Mean::update_state(const Tensor& values, const Tensor& sample_weight, const Tensor& unused) {
    refuse_third("Mean", unused);
    accumulate(values, sample_weight);
}

void Mean::accumulate(const Tensor& values, const Tensor& sample_weight) {
    const Samplewise s = samplewise(values, sample_weight, true);
    total_ = detail::accumulate(total_, sum(s.values));
    const Tensor count =
        s.weights.defined()
            ? sum(s.weights)
            : full({}, s.values.ndim() >= 1 ? static_cast<double>(s.values.shape(0)) : 1.0, float64,
                   s.values.device());
    count_ = detail::accumulate(count_, count);
}

double Mean::result() const {
    if (!total_.defined()) return 0.0;
    const auto v = stack({total_, count_}).to_vector<double>();
    return v[1] == 0.0 ? 0.0 : v[0] / v[1];
}

void Mean::reset_state() {
    total_ = Tensor();
    count_ = Tensor();
}

// ---- Sum ------------------------------------------------------------------------------------

Sum::Sum(MetricOptions options) : Metric(losses::detail::name_or(options.name, "sum")) {}

void Sum::update_state(const Tensor& values, const Tensor& sample_weight, const Tensor& unused) {
    refuse_third("Sum", unused);
    total_ = detail::accumulate(total_, sum(samplewise(values, sample_weight, false).values));
}

double Sum::result() const {
    return total_.defined() ? total_.item<double>() : 0.0;
}

void Sum::reset_state() {
    total_ = Tensor();
}

// ---- MeanMetricWrapper ------------------------------------------------------------------------

MeanMetricWrapper::MeanMetricWrapper(MetricFn fn, std::string name)
    : Mean({.name = std::move(name)}) {
    if (!fn) throw ValueError("MeanMetricWrapper: the metric function is empty");
    fn_ = [fn = std::move(fn)](const Tensor& t, const Tensor& p) {
        return losses::LossValues{fn(t, p), Tensor()};
    };
}

MeanMetricWrapper::MeanMetricWrapper(MaskedMetricFn fn, std::string name)
    : Mean({.name = std::move(name)}), fn_(std::move(fn)) {
    if (!fn_) throw ValueError("MeanMetricWrapper: the metric function is empty");
}

void MeanMetricWrapper::update_state(const Tensor& y_true, const Tensor& y_pred,
                                     const Tensor& sample_weight) {
    // Inputs cut off from any tape: nothing below is recorded.
    const losses::LossValues out = fn_(stop_gradient(y_true), stop_gradient(y_pred));
    // As Keras's Mean: a mask (ignore_class) only takes effect together with sample
    // weights; unweighted batches average over all entries, ignored ones counting as 0.
    const Tensor weight =
        sample_weight.defined()
            ? losses::detail::apply_mask(stop_gradient(sample_weight), out.mask, float64, "sum")
            : Tensor();
    accumulate(out.values, weight);
}

}  // namespace kerascpp::metrics
