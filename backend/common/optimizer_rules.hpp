// The per-element rules of the fused optimizer step (Backend::optimizer_step), shared by
// every backend so that all devices compute the same update in the same order of
// operations as Keras. Each rule object holds its scalars converted to the element type;
// `visit_rule` picks the rule (and variant) of a step, so that kernels loop without
// branching on the variant.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

#include "host_device.hpp"
#include "kerascpp/backend/backend.hpp"

namespace kerascpp::backend::optimizer_rules {

using Algorithm = OptimizerStep::Algorithm;

/// The arrays of one step, typed.
template <class T>
struct Arrays {
    T* param;
    const T* grad;
    T* s0;
    T* s1;
    T* s2;
};

/// The larger of a and b; NaN if either is NaN (as ops.maximum).
template <class T>
KERASCPP_HOST_DEVICE inline T max_of(T a, T b) {
    return (a < b || b != b) ? b : a;
}

/// Keras's preprocessing of every element: gradient scaling and clipping, weight decay.
template <class T>
struct Preprocess {
    T grad_scale, clip, decay;
    bool decays;

    explicit Preprocess(const OptimizerStep& step)
        : grad_scale(static_cast<T>(step.grad_scale)),
          clip(step.clip_value > 0 ? static_cast<T>(step.clip_value)
                                   : std::numeric_limits<T>::infinity()),
          decay(static_cast<T>(step.decay)),
          decays(step.decay != 0) {}

    /// Clipping keeps NaN (as ops.clip does); an infinite bound leaves g unchanged.
    KERASCPP_HOST_DEVICE T gradient(T g) const {
        g = g * grad_scale;
        return g < -clip ? -clip : (g > clip ? clip : g);
    }
    KERASCPP_HOST_DEVICE T parameter(T p) const { return decays ? p - p * decay : p; }
};

// ---- the rules: operator()(g, p, arrays, i) updates slots at i and returns the new p ----

template <class T>
struct Sgd {
    T lr;
    KERASCPP_HOST_DEVICE T operator()(T g, T p, const Arrays<T>&, std::int64_t) const {
        return p - g * lr;
    }
};

template <class T, bool kNesterov>
struct SgdMomentum {
    T lr, momentum;
    KERASCPP_HOST_DEVICE T operator()(T g, T p, const Arrays<T>& a, std::int64_t i) const {
        const T m = a.s0[i] * momentum - g * lr;
        a.s0[i] = m;
        return kNesterov ? p + (m * momentum - g * lr) : p + m;
    }
};

template <class T, bool kAmsgrad>
struct Adam {
    T one_minus_beta_1, one_minus_beta_2, epsilon, alpha;
    KERASCPP_HOST_DEVICE T operator()(T g, T p, const Arrays<T>& a, std::int64_t i) const {
        const T m = a.s0[i] + (g - a.s0[i]) * one_minus_beta_1;
        T v = a.s1[i] + (g * g - a.s1[i]) * one_minus_beta_2;
        a.s0[i] = m;
        a.s1[i] = v;
        if constexpr (kAmsgrad) {
            v = max_of(a.s2[i], v);
            a.s2[i] = v;
        }
        return p - (m * alpha) / (std::sqrt(v) + epsilon);
    }
};

template <class T, bool kMomentum, bool kCentered>
struct RmsProp {
    T lr, rho, one_minus_rho, momentum, epsilon;
    KERASCPP_HOST_DEVICE T operator()(T g, T p, const Arrays<T>& a, std::int64_t i) const {
        const T velocity = rho * a.s0[i] + one_minus_rho * (g * g);
        a.s0[i] = velocity;
        T denominator = velocity + epsilon;
        if constexpr (kCentered) {
            const T average = rho * a.s2[i] + one_minus_rho * g;
            a.s2[i] = average;
            denominator = velocity - average * average + epsilon;
        }
        const T increment = (lr * g) / std::sqrt(denominator);
        if constexpr (kMomentum) {
            const T m = momentum * a.s1[i] + increment;
            a.s1[i] = m;
            return p - m;
        }
        return p - increment;
    }
};

template <class T>
struct Adagrad {
    T lr, epsilon;
    KERASCPP_HOST_DEVICE T operator()(T g, T p, const Arrays<T>& a, std::int64_t i) const {
        const T accumulator = a.s0[i] + g * g;
        a.s0[i] = accumulator;
        return p - (lr * g) / std::sqrt(accumulator + epsilon);
    }
};

template <class T>
struct Adadelta {
    T lr, rho, one_minus_rho, epsilon;
    KERASCPP_HOST_DEVICE T operator()(T g, T p, const Arrays<T>& a, std::int64_t i) const {
        const T grad_average = rho * a.s0[i] + one_minus_rho * (g * g);
        a.s0[i] = grad_average;
        const T delta = -((std::sqrt(a.s1[i] + epsilon) * g) / std::sqrt(grad_average + epsilon));
        a.s1[i] = rho * a.s1[i] + one_minus_rho * (delta * delta);
        return p + lr * delta;
    }
};

template <class T>
struct Adamax {
    T lr, one_minus_beta_1, beta_2, epsilon, bias_correction;
    KERASCPP_HOST_DEVICE T operator()(T g, T p, const Arrays<T>& a, std::int64_t i) const {
        const T m = a.s0[i] + (g - a.s0[i]) * one_minus_beta_1;
        const T u = max_of(beta_2 * a.s1[i], g < 0 ? -g : g);
        a.s0[i] = m;
        a.s1[i] = u;
        return p - (lr * m) / (bias_correction * (u + epsilon));
    }
};

template <class T>
struct Nadam {
    T lr, one_minus_beta_1, one_minus_beta_2, epsilon, m_coefficient, g_coefficient, v_correction;
    KERASCPP_HOST_DEVICE T operator()(T g, T p, const Arrays<T>& a, std::int64_t i) const {
        const T m = a.s0[i] + (g - a.s0[i]) * one_minus_beta_1;
        const T v = a.s1[i] + (g * g - a.s1[i]) * one_minus_beta_2;
        a.s0[i] = m;
        a.s1[i] = v;
        const T m_hat = m_coefficient * m + g_coefficient * g;
        return p - (m_hat * lr) / (std::sqrt(v / v_correction) + epsilon);
    }
};

/// Calls f(rule) with the rule of step.algorithm (and its variant) for element type T.
template <class T, class F>
void visit_rule(const OptimizerStep& step, F&& f) {
    const auto c = [](double x) { return static_cast<T>(x); };
    const double* h = step.hyper;
    const T lr = c(step.learning_rate);
    switch (step.algorithm) {
        case Algorithm::sgd:
            if (step.slot[0] == nullptr) return f(Sgd<T>{lr});
            if (h[1] != 0) return f(SgdMomentum<T, true>{lr, c(h[0])});
            return f(SgdMomentum<T, false>{lr, c(h[0])});
        case Algorithm::adam:
            if (step.slot[2] != nullptr)
                return f(Adam<T, true>{c(h[0]), c(h[1]), c(h[2]), c(h[3])});
            return f(Adam<T, false>{c(h[0]), c(h[1]), c(h[2]), c(h[3])});
        case Algorithm::rmsprop: {
            const bool momentum = step.slot[1] != nullptr, centered = step.slot[2] != nullptr;
            const auto args = [&]<bool kM, bool kC>() {
                return RmsProp<T, kM, kC>{lr, c(h[0]), c(h[1]), c(h[2]), c(h[3])};
            };
            if (momentum && centered) return f(args.template operator()<true, true>());
            if (momentum) return f(args.template operator()<true, false>());
            if (centered) return f(args.template operator()<false, true>());
            return f(args.template operator()<false, false>());
        }
        case Algorithm::adagrad:
            return f(Adagrad<T>{lr, c(h[0])});
        case Algorithm::adadelta:
            return f(Adadelta<T>{lr, c(h[0]), c(h[1]), c(h[2])});
        case Algorithm::adamax:
            return f(Adamax<T>{lr, c(h[0]), c(h[1]), c(h[2]), c(h[3])});
        case Algorithm::nadam:
            return f(Nadam<T>{lr, c(h[0]), c(h[1]), c(h[2]), c(h[3]), c(h[4]), c(h[5])});
    }
}

/// The typed arrays of a step.
template <class T>
Arrays<T> arrays_of(const OptimizerStep& step) {
    return {static_cast<T*>(step.param), static_cast<const T*>(step.grad),
            static_cast<T*>(step.slot[0]), static_cast<T*>(step.slot[1]),
            static_cast<T*>(step.slot[2])};
}

/// One element of a step: preprocess, apply the rule, store the parameter.
template <class T, class Rule>
KERASCPP_HOST_DEVICE inline void update_element(const Rule& rule, const Preprocess<T>& pre,
                                                const Arrays<T>& a, std::int64_t i) {
    a.param[i] = rule(pre.gradient(a.grad[i]), pre.parameter(a.param[i]), a, i);
}

}  // namespace kerascpp::backend::optimizer_rules
