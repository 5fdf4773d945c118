// The fused LSTM sequence: one matmul of the recurrent kernel per step plus one pass of gate
// arithmetic over raw float32 memory, and backpropagation through time in one backward
// function (the recurrent kernel's gradient is a single matmul over all timesteps).
#include "layers/lstm_sequence.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "autodiff/tape.hpp"
#include "kerascpp/ops.hpp"

namespace kerascpp::detail {

namespace {

// This file is compiled with -ffast-math so that the gate loops vectorize (glibc's vector
// expf); arguments are clamped so that exp never overflows, and every formula stays exact
// to float rounding.
inline float sigmoid(float x) {
    return 1.f / (1.f + std::exp(std::min(-x, 80.f)));
}

// tanh through expf, several times faster than tanhf (which goes through expm1f); the
// absolute error stays below 1e-7.
inline float fast_tanh(float x) {
    return 1.f - 2.f / (1.f + std::exp(std::min(2.f * x, 80.f)));
}

float* f32(const Tensor& t) {
    return static_cast<float*>(t.data_ptr());
}

// Everything the backward pass needs from the forward pass.
struct Saved {
    Tensor gates;      // (T, B, 4U): activated i, f, g, o
    Tensor states;     // (2, T, B, U): h and c of every step
    Tensor tanh_c;     // (T, B, U)
    Tensor h0, c0;     // (B, U)
    Tensor recurrent;  // (U, 4U)
};

// The state of step i - 1 (h or c), or the initial one for i = 0.
Tensor previous(const Saved& s, std::int64_t which, std::int64_t i) {
    return i == 0 ? (which == 0 ? s.h0 : s.c0) : s.states[which][i - 1];
}

Grads backward(const Saved& s, const Tensor& grad_output) {
    const Tensor g = grad_output.astype(float32).copy();
    const std::int64_t steps = s.gates.shape(0), batch = s.gates.shape(1), units = s.h0.shape(1);
    const std::int64_t n = batch * units;
    Tensor d_projected = empty({steps, batch, 4 * units});
    const Tensor recurrent_t = transpose(s.recurrent);
    Tensor dh_next = zeros({batch, units});
    std::vector<float> dc_next(static_cast<std::size_t>(n), 0.f);
    for (std::int64_t i = steps - 1; i >= 0; --i) {
        const float* gates = f32(s.gates) + i * batch * 4 * units;
        const float* tanh_c = f32(s.tanh_c) + i * n;
        const float* c_prev = f32(previous(s, 1, i));
        const float* dh_out = f32(g) + i * n;
        const float* dc_out = f32(g) + (steps + i) * n;
        const float* dh_rec = f32(dh_next);
        float* dz = f32(d_projected) + i * batch * 4 * units;
        for (std::int64_t b = 0; b < batch; ++b) {
            const float* gb = gates + b * 4 * units;
            float* dzb = dz + b * 4 * units;
            #pragma omp simd
            for (std::int64_t u = 0; u < units; ++u) {
                const std::int64_t k = b * units + u;
                const float in = gb[u], forget = gb[units + u], cand = gb[2 * units + u],
                            out = gb[3 * units + u];
                const float tc = tanh_c[k];
                const float dh = dh_out[k] + dh_rec[k];
                const float dc =
                    dc_out[k] + dc_next[static_cast<std::size_t>(k)] + dh * out * (1.f - tc * tc);
                dzb[u] = dc * cand * in * (1.f - in);
                dzb[units + u] = dc * c_prev[k] * forget * (1.f - forget);
                dzb[2 * units + u] = dc * in * (1.f - cand * cand);
                dzb[3 * units + u] = dh * tc * out * (1.f - out);
                dc_next[static_cast<std::size_t>(k)] = dc * forget;
            }
        }
        dh_next = matmul(d_projected[i], recurrent_t);
    }
    // h_{t-1} for every step, then one matmul for the recurrent kernel's gradient.
    Tensor h_prev = empty({steps, batch, units});
    std::memcpy(f32(h_prev), f32(s.h0), static_cast<std::size_t>(n) * sizeof(float));
    std::memcpy(f32(h_prev) + n, f32(s.states),
                static_cast<std::size_t>((steps - 1) * n) * sizeof(float));
    const Tensor d_recurrent = matmul(transpose(h_prev.reshape({steps * batch, units})),
                                      d_projected.reshape({steps * batch, 4 * units}));
    Tensor dc0 = empty({batch, units});
    std::memcpy(f32(dc0), dc_next.data(), dc_next.size() * sizeof(float));
    return {d_projected, d_recurrent, dh_next, dc0};
}

}  // namespace

bool lstm_sequence_supported(const Tensor& projected, const Tensor& recurrent_kernel,
                             const Tensor& h0, const Tensor& c0) {
    for (const Tensor* t : {&projected, &recurrent_kernel, &h0, &c0}) {
        if (t->dtype() != float32 || t->device() != Device::cpu()) return false;
    }
    return true;
}

Tensor lstm_sequence(const Tensor& projected, const Tensor& recurrent_kernel, const Tensor& h0,
                     const Tensor& c0) {
    const std::int64_t steps = projected.shape(0), batch = projected.shape(1), units = h0.shape(1);
    const std::int64_t n = batch * units;
    Saved s{empty({steps, batch, 4 * units}), empty({2, steps, batch, units}),
            empty({steps, batch, units}),     stop_gradient(h0).copy(),
            stop_gradient(c0).copy(),         stop_gradient(recurrent_kernel)};
    const Tensor p = stop_gradient(projected);
    for (std::int64_t i = 0; i < steps; ++i) {
        const Tensor z = matmul(previous(s, 0, i), s.recurrent);
        const float* zr = f32(z);
        const float* pi = f32(p) + i * batch * 4 * units;
        const float* c_prev = f32(previous(s, 1, i));
        float* gates = f32(s.gates) + i * batch * 4 * units;
        float* h = f32(s.states) + i * n;
        float* c = f32(s.states) + (steps + i) * n;
        float* tanh_c = f32(s.tanh_c) + i * n;
        for (std::int64_t b = 0; b < batch; ++b) {
            const std::int64_t row = b * 4 * units;
            #pragma omp simd
            for (std::int64_t u = 0; u < units; ++u) {
                const std::int64_t k = b * units + u;
                const float in = sigmoid(pi[row + u] + zr[row + u]);
                const float forget = sigmoid(pi[row + units + u] + zr[row + units + u]);
                const float cand = fast_tanh(pi[row + 2 * units + u] + zr[row + 2 * units + u]);
                const float out = sigmoid(pi[row + 3 * units + u] + zr[row + 3 * units + u]);
                gates[row + u] = in;
                gates[row + units + u] = forget;
                gates[row + 2 * units + u] = cand;
                gates[row + 3 * units + u] = out;
                c[k] = forget * c_prev[k] + in * cand;
                tanh_c[k] = fast_tanh(c[k]);
                h[k] = out * tanh_c[k];
            }
        }
    }
    const Tensor out = s.states;
    if (recording()) {
        record("lstm_sequence", {projected, recurrent_kernel, h0, c0}, out,
               [s](const Tensor& grad, const Needs&) { return backward(s, grad); });
    }
    return out;
}

}  // namespace kerascpp::detail
