// The kernel interface every device backend implements.
//
// A backend sees raw memory, dtypes and shapes, never tensors, layers or the tape.
// The core validates arguments (shapes, dtypes, ranges) before calling a kernel, so a
// kernel may assume well-formed input. Third parties add a device by implementing this
// interface and registering a factory (see registry.hpp); nothing else changes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "kerascpp/dtype.hpp"
#include "kerascpp/errors.hpp"

namespace kerascpp::backend {

/// A read-only strided array. Strides are in elements; a stride of 0 broadcasts.
struct ConstView {
    const void* data;
    DType dtype;
    std::span<const std::int64_t> shape;
    std::span<const std::int64_t> strides;
};

/// A writable strided array (used as the destination of `copy`).
struct MutView {
    void* data;
    DType dtype;
    std::span<const std::int64_t> shape;
    std::span<const std::int64_t> strides;
};

enum class UnaryOp : std::uint8_t {
    negative, abs, sign, square, sqrt, rsqrt, reciprocal, exp, expm1, log, log1p,
    sin, cos, tanh, sigmoid, relu, floor, ceil, round, logical_not, erf
};

/// Arithmetic ops produce the inputs' dtype; comparisons and logical ops produce bool.
enum class BinaryOp : std::uint8_t {
    add, subtract, multiply, divide, power, maximum, minimum,
    relu_backward,  ///< b > 0 ? a : 0 — relu's gradient a masked by relu's output b
    equal, not_equal, less, less_equal, greater, greater_equal, logical_and, logical_or
};

constexpr bool produces_bool(BinaryOp op) { return op >= BinaryOp::equal; }

enum class ReduceOp : std::uint8_t { sum, mean, prod, max, min };
enum class ArgReduceOp : std::uint8_t { argmax, argmin };
enum class Distribution : std::uint8_t { uniform, normal, truncated_normal };

/// C = alpha * op(A) * op(B) + beta * C, row-major, op(X) = X or Xᵀ.
struct GemmArgs {
    bool trans_a = false;
    bool trans_b = false;
    std::int64_t m = 0, n = 0, k = 0;
    double alpha = 1.0;
    const void* a = nullptr;
    std::int64_t lda = 0;
    const void* b = nullptr;
    std::int64_t ldb = 0;
    double beta = 0.0;
    void* c = nullptr;
    std::int64_t ldc = 0;
    DType dtype = DType::float32;
};

/// The geometry of an N-D convolution (N = 1, 2 or 3 spatial axes), channels_last:
/// input [batch, in..., in_channels], kernel [kernel..., in_channels / groups,
/// out_channels], output [batch, out..., out_channels], all contiguous. Output position o
/// reads input positions o · stride − pad_before + k · dilation; positions outside the
/// input count as zeros. Unused trailing spatial axes have sizes 1, strides 1, pads 0.
struct ConvGeometry {
    DType dtype = DType::float32;  ///< float32 or float64
    int rank = 2;                  ///< spatial axes (1 to 3)
    std::int64_t batch = 0, in_channels = 0, out_channels = 0, groups = 1;
    std::int64_t input[3] = {1, 1, 1};
    std::int64_t kernel[3] = {1, 1, 1};
    std::int64_t output[3] = {1, 1, 1};
    std::int64_t stride[3] = {1, 1, 1};
    std::int64_t dilation[3] = {1, 1, 1};
    std::int64_t pad_before[3] = {0, 0, 0};
};

enum class PoolOp : std::uint8_t { max, average };

/// The geometry of an N-D pooling, channels_last: input [batch, in..., channels], output
/// [batch, out..., channels], contiguous. Output position o covers the window of input
/// positions o · stride − pad_before + k, k < window, clipped to the input: padding never
/// wins a max, and an average divides by the number of real (unpadded) elements, as TF.
struct PoolGeometry {
    DType dtype = DType::float32;  ///< float32 or float64
    int rank = 2;                  ///< spatial axes (1 to 3)
    std::int64_t batch = 0, channels = 0;
    std::int64_t input[3] = {1, 1, 1};
    std::int64_t window[3] = {1, 1, 1};
    std::int64_t output[3] = {1, 1, 1};
    std::int64_t stride[3] = {1, 1, 1};
    std::int64_t pad_before[3] = {0, 0, 0};
};

struct MemoryStats {
    std::size_t live_bytes = 0;       ///< held by tensors now
    std::size_t cached_bytes = 0;     ///< freed by tensors, kept for reuse
    std::size_t peak_live_bytes = 0;  ///< high-water mark of live_bytes
    std::size_t system_allocations = 0;  ///< blocks obtained from the system (not the cache)
};

/// One optimizer update of one parameter (Keras 3's optimizers): a single pass over the
/// parameter, its gradient and its slots (state arrays of the parameter's shape). Each
/// element first goes through Keras's preprocessing: g = grad · grad_scale, clipped to
/// [−clip_value, clip_value] when clip_value > 0, and p = p − p · decay when decay ≠ 0.
/// Then the algorithm's rule runs; scalars are given in double, kernels compute in dtype.
struct OptimizerStep {
    /// The rules, with lr = learning_rate, h = hyper and s0, s1, s2 = slot[0..2]:
    enum class Algorithm : std::uint8_t {
        /// SGD. s0 momentum, or null for plain SGD (p −= g lr). h[0] momentum μ, h[1] 1 for
        /// Nesterov. s0 = μ s0 − g lr; then p += s0, or with Nesterov p += μ s0 − g lr.
        sgd,
        /// Adam (and AdamW, whose weight decay is `decay`). s0 m, s1 v, s2 v̂ (AMSGrad; null
        /// without). h[0] 1 − β1, h[1] 1 − β2, h[2] ε, h[3] α = lr √(1 − β2ᵗ) / (1 − β1ᵗ).
        /// m += (g − m)(1 − β1); v += (g² − v)(1 − β2); [v̂ = max(v̂, v); v = v̂];
        /// p −= m α / (√v + ε).
        adam,
        /// RMSprop. s0 velocity, s1 momentum (null when μ = 0), s2 average gradient (centered
        /// only). h[0] ρ, h[1] 1 − ρ, h[2] μ, h[3] ε. s0 = ρ s0 + (1 − ρ) g²; centered:
        /// s2 = ρ s2 + (1 − ρ) g, d = s0 − s2² + ε, else d = s0 + ε; Δ = lr g / √d;
        /// with momentum s1 = μ s1 + Δ, p −= s1, else p −= Δ.
        rmsprop,
        /// Adagrad. s0 accumulator. h[0] ε. s0 += g²; p −= lr g / √(s0 + ε).
        adagrad,
        /// Adadelta. s0 accumulated g², s1 accumulated Δ². h[0] ρ, h[1] 1 − ρ, h[2] ε.
        /// s0 = ρ s0 + (1 − ρ) g²; Δ = −√(s1 + ε) g / √(s0 + ε); s1 = ρ s1 + (1 − ρ) Δ²;
        /// p += lr Δ.
        adadelta,
        /// Adamax. s0 m, s1 u. h[0] 1 − β1, h[1] β2, h[2] ε, h[3] 1 − β1ᵗ.
        /// m += (g − m)(1 − β1); u = max(β2 u, |g|); p −= lr m / ((1 − β1ᵗ)(u + ε)).
        adamax,
        /// Nadam. s0 m, s1 v. h[0] 1 − β1, h[1] 1 − β2, h[2] ε, and from Nadam's momentum
        /// schedule μ (computed by the core): h[3] μₜ₊₁ / (1 − μ₁⋯μₜ₊₁), h[4] (1 − μₜ) /
        /// (1 − μ₁⋯μₜ), h[5] 1 − β2ᵗ. m += (g − m)(1 − β1); v += (g² − v)(1 − β2);
        /// p −= (h[3] m + h[4] g) lr / (√(v / h[5]) + ε).
        nadam,
    };

    Algorithm algorithm = Algorithm::sgd;
    DType dtype = DType::float32;  ///< of param, grad and slots: float32 or float64
    std::size_t n = 0;             ///< elements of each array; arrays are contiguous, disjoint
    void* param = nullptr;
    const void* grad = nullptr;
    void* slot[3] = {};  ///< the rule's state arrays; null where its variant has none
    double learning_rate = 0;
    double grad_scale = 1;  ///< clipnorm / global_clipnorm factor
    double clip_value = 0;  ///< clipvalue (0: none)
    double decay = 0;       ///< weight_decay · learning_rate (0: none)
    double hyper[8] = {};   ///< the rule's scalars, see Algorithm
};

class Backend {
public:
    virtual ~Backend() = default;
    virtual std::string_view name() const = 0;

    // ---- memory -------------------------------------------------------------------------
    /// Returns a block of at least nbytes (nbytes may be 0), aligned to 64 bytes.
    virtual void* allocate(std::size_t nbytes) = 0;
    virtual void deallocate(void* ptr, std::size_t nbytes) noexcept = 0;
    virtual MemoryStats memory_stats() const = 0;
    /// Returns cached (unused) blocks to the system.
    virtual void empty_cache() = 0;
    virtual void copy_from_host(const void* host_src, void* dst, std::size_t nbytes) = 0;
    virtual void copy_to_host(const void* src, void* host_dst, std::size_t nbytes) = 0;
    /// Waits for queued work (asynchronous devices); a no-op on the CPU.
    virtual void synchronize() {}

    // ---- layout -------------------------------------------------------------------------
    /// dst[i] = src[i] for every index of the (shared) shape; src and dst have one dtype.
    virtual void copy(const ConstView& src, const MutView& dst) = 0;
    /// Converts n contiguous elements between dtypes (float → int truncates toward zero).
    virtual void cast(const void* src, DType from, void* dst, DType to, std::size_t n) = 0;
    virtual void fill(void* dst, DType dtype, std::size_t n, double value) = 0;
    /// dst[i] = start + i * step
    virtual void arange(void* dst, DType dtype, std::size_t n, double start, double step) = 0;

    // ---- elementwise --------------------------------------------------------------------
    /// y = op(x) over n contiguous elements of one dtype.
    virtual void unary(UnaryOp op, const void* x, void* y, DType dtype, std::size_t n) = 0;
    /// out = a op b. a and b share dtype and shape (broadcast already applied through
    /// zero strides); out is contiguous, of that shape, dtype bool when produces_bool(op).
    virtual void binary(BinaryOp op, const ConstView& a, const ConstView& b, void* out) = 0;
    /// out = cond ? a : b, with cond bool; all views share one shape; out is contiguous.
    virtual void where(const ConstView& cond, const ConstView& a, const ConstView& b,
                       void* out) = 0;

    // ---- reductions ---------------------------------------------------------------------
    /// x is contiguous [outer, n, inner]; y is contiguous [outer, inner], reduced over n.
    virtual void reduce(ReduceOp op, const void* x, void* y, DType dtype, std::int64_t outer,
                        std::int64_t n, std::int64_t inner) = 0;
    /// As reduce, writing int64 indices into [0, n); the first index wins ties.
    virtual void arg_reduce(ArgReduceOp op, const void* x, std::int64_t* y, DType dtype,
                            std::int64_t outer, std::int64_t n, std::int64_t inner) = 0;

    // ---- linear algebra -----------------------------------------------------------------
    virtual void gemm(const GemmArgs& args) = 0;

    // ---- neural-network primitives ------------------------------------------------------
    /// Softmax (or log-softmax) of each row of a contiguous [rows, cols] array.
    virtual void softmax(const void* x, void* y, DType dtype, std::int64_t rows,
                         std::int64_t cols, bool log) = 0;
    /// y = conv(x, w), see ConvGeometry.
    virtual void conv(const ConvGeometry& g, const void* x, const void* w, void* y) {
        (void)g, (void)x, (void)w, (void)y;
        unsupported("conv");
    }
    /// dx = the gradient of conv with respect to its input for output gradient dy
    /// (the transposed convolution); dx is overwritten.
    virtual void conv_backward_input(const ConvGeometry& g, const void* dy, const void* w,
                                     void* dx) {
        (void)g, (void)dy, (void)w, (void)dx;
        unsupported("conv_backward_input");
    }
    /// dw = the gradient of conv with respect to its kernel for input x and output
    /// gradient dy; dw is overwritten.
    virtual void conv_backward_kernel(const ConvGeometry& g, const void* x, const void* dy,
                                      void* dw) {
        (void)g, (void)x, (void)dy, (void)dw;
        unsupported("conv_backward_kernel");
    }
    /// y = pool(x), see PoolGeometry.
    virtual void pool(PoolOp op, const PoolGeometry& g, const void* x, void* y) {
        (void)op, (void)g, (void)x, (void)y;
        unsupported("pool");
    }
    /// dx = the gradient of pool for output gradient dy; dx is overwritten. Max pooling
    /// routes each output's gradient to the first maximum of its window in x (average
    /// pooling ignores x).
    virtual void pool_backward(PoolOp op, const PoolGeometry& g, const void* x,
                               const void* dy, void* dx) {
        (void)op, (void)g, (void)x, (void)dy, (void)dx;
        unsupported("pool_backward");
    }
    /// y[o] = h at the first maximum of x in o's window: the gradient of max pooling's
    /// backward pass with respect to its output gradient (second-order gradients).
    virtual void max_pool_gather(const PoolGeometry& g, const void* x, const void* h,
                                 void* y) {
        (void)g, (void)x, (void)h, (void)y;
        unsupported("max_pool_gather");
    }

    /// Batch normalization in training mode. x is contiguous [outer, channels, inner]; for
    /// each channel c, mean[c] and the biased variance var[c] are taken over outer and inner,
    /// then y = (x - mean) / sqrt(var + epsilon) * gamma + beta. gamma or beta may be null
    /// (1 and 0). mean and var are arrays of `channels` elements.
    virtual void batch_norm_forward(const void* x, const void* gamma, const void* beta, void* y, void* mean,
                                    void* var, DType dtype, std::int64_t outer, std::int64_t channels,
                                    std::int64_t inner, double epsilon);
    /// The gradient of batch_norm_forward: from dy (the gradient of y) and the saved mean and
    /// var, writes dx and, when not null, dgamma and dbeta (arrays of `channels` elements).
    virtual void batch_norm_backward(const void* x, const void* dy, const void* mean, const void* var,
                                     const void* gamma, void* dx, void* dgamma, void* dbeta, DType dtype,
                                     std::int64_t outer, std::int64_t channels, std::int64_t inner,
                                     double epsilon);

    // ---- random -------------------------------------------------------------------------
    /// Fills n elements from a counter-based generator: element i depends only on
    /// (seed, offset + i), so every backend draws the same numbers for the same key.
    /// uniform: [a, b); normal and truncated_normal: mean a, stddev b (truncated at 2 b).
    virtual void random(Distribution dist, void* dst, DType dtype, std::size_t n,
                        std::uint64_t seed, std::uint64_t offset, double a, double b) = 0;

    // ---- optimizers -----------------------------------------------------------------------
    /// Updates step.param and its slots in place from step.grad by step.algorithm, in one
    /// fused pass (see OptimizerStep).
    virtual void optimizer_step(const OptimizerStep& step) = 0;

private:
    [[noreturn]] void unsupported(const char* op) const {
        throw RuntimeError(std::string(op) + " is not supported by the '" + std::string(name()) +
                           "' backend yet");
    }
};

}  // namespace kerascpp::backend
