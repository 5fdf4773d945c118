// The CUDA backend against the CPU backend: every kernel runs on both with the same random
// inputs and the results must agree. Uses the backend interface only, never tensors.
//
// Without a usable GPU (or a build without the CUDA backend) every test case reports
// "CUDA backend tests skipped: no GPU here" and passes.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "kerascpp/backend/backend.hpp"
#include "kerascpp/backend/registry.hpp"
#include "kerascpp/dtype.hpp"
#include "kerascpp/errors.hpp"

namespace kb = kerascpp::backend;
using kerascpp::DType;

namespace {

constexpr DType kAllDtypes[] = {DType::bool_, DType::uint8,   DType::int32,
                                DType::int64, DType::float32, DType::float64};
constexpr DType kNumericDtypes[] = {DType::uint8, DType::int32, DType::int64, DType::float32,
                                    DType::float64};
constexpr DType kFloatDtypes[] = {DType::float32, DType::float64};

// Strings, not const char*: doctest prints a char pointer as an address.
std::string name_of(DType dtype) {
    constexpr const char* kNames[] = {"bool", "uint8", "int32", "int64", "float32", "float64"};
    return kNames[static_cast<int>(dtype)];
}

// ---- backends -------------------------------------------------------------------------------

/// The CUDA backend, or nullptr after reporting the skip when this machine has none.
kb::Backend* cuda_or_skip() {
    if (kb::is_available("cuda")) return &kb::get_backend(kb::find_backend("cuda"));
    MESSAGE("CUDA backend tests skipped: no GPU here");
    return nullptr;
}

kb::Backend& cpu() {
    return kb::get_backend(kb::find_backend("cpu"));
}

// ---- host arrays ----------------------------------------------------------------------------

template <class F>
void visit(DType dtype, F&& f) {
    switch (dtype) {
        case DType::bool_:
            return f.template operator()<bool>();
        case DType::uint8:
            return f.template operator()<std::uint8_t>();
        case DType::int32:
            return f.template operator()<std::int32_t>();
        case DType::int64:
            return f.template operator()<std::int64_t>();
        case DType::float32:
            return f.template operator()<float>();
        case DType::float64:
            return f.template operator()<double>();
    }
}

/// Elements of one dtype in host memory, read and written as doubles.
struct HostArray {
    DType dtype = DType::float32;
    std::vector<unsigned char> bytes;

    HostArray(DType d, std::size_t n) : dtype(d), bytes(n * kerascpp::itemsize(d)) {}

    std::size_t size() const { return bytes.size() / kerascpp::itemsize(dtype); }

    double get(std::size_t i) const {
        double value = 0;
        visit(dtype, [&]<class T>() {
            T element;
            std::memcpy(&element, bytes.data() + i * sizeof(T), sizeof(T));
            value = static_cast<double>(element);
        });
        return value;
    }

    void set(std::size_t i, double value) {
        visit(dtype, [&]<class T>() {
            const T element = static_cast<T>(value);
            std::memcpy(bytes.data() + i * sizeof(T), &element, sizeof(T));
        });
    }
};

std::mt19937_64& rng() {
    static std::mt19937_64 engine(20240607);
    return engine;
}

/// Uniform values in [lo, hi]: integers for integer dtypes (clamped to the dtype), 0/1 for
/// bool, multiples of `step` for floats when step > 0 (so that ties and halves occur).
HostArray random_array(DType dtype, std::size_t n, double lo, double hi, double step = 0) {
    HostArray array(dtype, n);
    if (dtype == DType::bool_) {
        lo = 0, hi = 1;
    } else if (dtype == DType::uint8) {
        lo = std::max(lo, 0.0), hi = std::min(hi, 255.0);
    }
    const bool whole = !kerascpp::is_floating(dtype) || step > 0;
    const double unit = kerascpp::is_floating(dtype) && step > 0 ? step : 1.0;
    std::uniform_int_distribution<std::int64_t> ints(
        static_cast<std::int64_t>(std::ceil(lo / unit)),
        static_cast<std::int64_t>(std::floor(hi / unit)));
    std::uniform_real_distribution<double> reals(lo, hi);
    for (std::size_t i = 0; i < n; ++i) {
        array.set(i, whole ? static_cast<double>(ints(rng())) * unit : reals(rng()));
    }
    return array;
}

/// Values that exercise comparisons and arithmetic without overflow in any dtype.
HostArray default_array(DType dtype, std::size_t n) {
    if (kerascpp::is_floating(dtype)) return random_array(dtype, n, -5, 5, 0.5);
    return random_array(dtype, n, -20, 20);
}

// ---- device buffers -------------------------------------------------------------------------

class Buffer {
  public:
    Buffer(kb::Backend& backend, std::size_t nbytes)
        : backend_(&backend), nbytes_(nbytes), data_(backend.allocate(nbytes)) {}
    Buffer(Buffer&& other) noexcept
        : backend_(other.backend_),
          nbytes_(other.nbytes_),
          data_(std::exchange(other.data_, nullptr)) {}
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;
    Buffer& operator=(Buffer&&) = delete;
    ~Buffer() {
        if (data_ != nullptr) backend_->deallocate(data_, nbytes_);
    }

    void* get() const { return data_; }

  private:
    kb::Backend* backend_;
    std::size_t nbytes_;
    void* data_;
};

Buffer upload(kb::Backend& backend, const HostArray& host) {
    Buffer buffer(backend, host.bytes.size());
    backend.copy_from_host(host.bytes.data(), buffer.get(), host.bytes.size());
    return buffer;
}

HostArray download(kb::Backend& backend, const Buffer& buffer, DType dtype, std::size_t n) {
    HostArray host(dtype, n);
    backend.copy_to_host(buffer.get(), host.bytes.data(), host.bytes.size());
    return host;
}

struct Outputs {
    HostArray cpu;
    HostArray gpu;
};

/// Runs kernel(backend, input pointers, output pointer) on the CPU and on the GPU, each with
/// its own copies of `inputs` and of the initial `output`, and returns both results.
template <class Kernel>
Outputs run_both(kb::Backend& gpu, const std::vector<HostArray>& inputs, const HostArray& output,
                 Kernel&& kernel) {
    auto run = [&](kb::Backend& backend) {
        std::vector<Buffer> buffers;
        std::vector<void*> pointers;
        buffers.reserve(inputs.size());
        for (const HostArray& input : inputs) {
            buffers.push_back(upload(backend, input));
            pointers.push_back(buffers.back().get());
        }
        const Buffer out = upload(backend, output);
        kernel(backend, pointers, out.get());
        return download(backend, out, output.dtype, output.size());
    };
    HostArray on_cpu = run(cpu());
    HostArray on_gpu = run(gpu);
    return {std::move(on_cpu), std::move(on_gpu)};
}

// ---- comparison -----------------------------------------------------------------------------

struct Tolerance {
    double rtol = 0;
    double atol = 0;
};

Tolerance default_tolerance(DType dtype) {
    if (dtype == DType::float32) return {1e-5, 1e-6};
    if (dtype == DType::float64) return {1e-12, 1e-12};
    return {0, 0};
}

/// Empty when the outputs agree within tol (NaN matches NaN), else the first difference.
std::string first_mismatch(const Outputs& out, Tolerance tol) {
    if (out.cpu.size() != out.gpu.size()) return "sizes differ";
    for (std::size_t i = 0; i < out.cpu.size(); ++i) {
        const double want = out.cpu.get(i), got = out.gpu.get(i);
        if (std::isnan(want) && std::isnan(got)) continue;
        if (want == got) continue;
        if (std::abs(want - got) <= tol.atol + tol.rtol * std::abs(want)) continue;
        std::ostringstream message;
        message.precision(17);
        message << "element " << i << ": cpu " << want << ", cuda " << got;
        return message.str();
    }
    return {};
}

void check_same(const Outputs& out, Tolerance tol) {
    const std::string mismatch = first_mismatch(out, tol);
    CHECK_MESSAGE(mismatch.empty(), mismatch);
}

void check_same(const Outputs& out) {
    check_same(out, default_tolerance(out.cpu.dtype));
}

// ---- strided layouts ------------------------------------------------------------------------

struct Layout {
    std::vector<std::int64_t> shape;
    std::vector<std::int64_t> strides;

    /// Elements of the buffer the layout walks (strides are non-negative here).
    std::size_t extent() const {
        std::int64_t last = 0;
        for (std::size_t d = 0; d < shape.size(); ++d) {
            if (shape[d] == 0) return 0;
            last += (shape[d] - 1) * strides[d];
        }
        return static_cast<std::size_t>(last + 1);
    }
};

std::int64_t numel(const std::vector<std::int64_t>& shape) {
    std::int64_t n = 1;
    for (std::int64_t extent : shape) n *= extent;
    return n;
}

std::vector<std::int64_t> contiguous_strides(const std::vector<std::int64_t>& shape) {
    std::vector<std::int64_t> strides(shape.size());
    std::int64_t stride = 1;
    for (std::size_t d = shape.size(); d-- > 0;) {
        strides[d] = stride;
        stride *= shape[d];
    }
    return strides;
}

kb::ConstView const_view(const void* data, DType dtype, const Layout& layout) {
    return {data, dtype, layout.shape, layout.strides};
}

/// Operand layouts over one shape: contiguous, broadcast, transposed, scalar, high rank that
/// merges, strided 1-D. The third operand never overlaps itself, so it may be written.
struct BroadcastCase {
    std::string name;
    std::vector<std::int64_t> shape;
    std::vector<std::vector<std::int64_t>> strides;  // one per operand

    Layout operand(std::size_t k) const { return {shape, strides[k]}; }
};

std::vector<BroadcastCase> broadcast_cases() {
    const std::vector<std::int64_t> high_rank = {2, 1, 2, 3, 1, 2, 2, 2, 2, 3};
    const auto high_strides = contiguous_strides(high_rank);
    return {
        {"contiguous", {4, 3, 5}, {{15, 5, 1}, {15, 5, 1}, {15, 5, 1}}},
        {"broadcast", {4, 3, 5}, {{5, 0, 1}, {0, 5, 1}, {1, 4, 12}}},
        {"transposed", {5, 4}, {{1, 5}, {4, 1}, {1, 5}}},
        {"scalar", {}, {{}, {}, {}}},
        {"rank 10 merging to 1", high_rank, {high_strides, high_strides, high_strides}},
        {"strided 1-D", {1000}, {{2}, {0}, {3}}},
    };
}

// ---- test cases -----------------------------------------------------------------------------

TEST_CASE("cuda backend: availability") {
    const int id = kb::find_backend("cuda");
    if (id < 0 || !kb::is_available("cuda")) {
        MESSAGE("CUDA backend tests skipped: no GPU here");
        if (id >= 0) {
            // The factory must explain itself with a RuntimeError, never abort.
            CHECK_THROWS_AS(kb::get_backend(id), kerascpp::RuntimeError);
            try {
                kb::get_backend(id);
            } catch (const kerascpp::RuntimeError& e) {
                MESSAGE("cuda backend unavailable: " << std::string(e.what()));
                CHECK(std::string(e.what()).size() > 0);
            }
        }
        return;
    }
    kb::Backend& gpu = kb::get_backend(id);
    CHECK(gpu.name() == "cuda");
    CHECK_NOTHROW(gpu.synchronize());
}

TEST_CASE("cuda backend: caching allocator") {
    kb::Backend* gpu = cuda_or_skip();
    if (gpu == nullptr) return;
    gpu->empty_cache();
    const kb::MemoryStats start = gpu->memory_stats();
    CHECK(start.cached_bytes == 0);

    void* block = gpu->allocate(1000);
    CHECK(reinterpret_cast<std::uintptr_t>(block) % 64 == 0);
    const kb::MemoryStats held = gpu->memory_stats();
    CHECK(held.live_bytes >= start.live_bytes + 1000);
    CHECK(held.peak_live_bytes >= held.live_bytes);
    CHECK(held.system_allocations == start.system_allocations + 1);

    gpu->deallocate(block, 1000);
    const kb::MemoryStats freed = gpu->memory_stats();
    CHECK(freed.live_bytes == start.live_bytes);
    CHECK(freed.cached_bytes >= 1000);

    void* again = gpu->allocate(1000);  // same size: served from the cache
    CHECK(again == block);
    CHECK(gpu->memory_stats().system_allocations == held.system_allocations);
    CHECK(gpu->memory_stats().cached_bytes == 0);
    gpu->deallocate(again, 1000);

    void* empty = gpu->allocate(0);
    CHECK(empty != nullptr);
    gpu->deallocate(empty, 0);

    gpu->empty_cache();
    CHECK(gpu->memory_stats().cached_bytes == 0);
    void* fresh = gpu->allocate(1000);
    CHECK(gpu->memory_stats().system_allocations > held.system_allocations);
    gpu->deallocate(fresh, 1000);
    CHECK(gpu->memory_stats().peak_live_bytes >= held.live_bytes);
}

TEST_CASE("cuda backend: host round trip") {
    kb::Backend* gpu = cuda_or_skip();
    if (gpu == nullptr) return;
    for (std::size_t n :
         {std::size_t{0}, std::size_t{1}, std::size_t{1000}, std::size_t{1} << 20}) {
        const HostArray host = random_array(DType::float64, n, -1, 1);
        const Buffer buffer = upload(*gpu, host);
        CHECK(download(*gpu, buffer, DType::float64, n).bytes == host.bytes);
    }
}

TEST_CASE("cuda backend: strided copy") {
    kb::Backend* gpu = cuda_or_skip();
    if (gpu == nullptr) return;
    for (DType dtype : kAllDtypes) {
        for (const BroadcastCase& c : broadcast_cases()) {
            INFO(name_of(dtype) << ", " << c.name);
            const Layout src = c.operand(0), dst = c.operand(2);
            const HostArray input = default_array(dtype, src.extent());
            const HostArray initial = default_array(dtype, dst.extent());
            check_same(run_both(*gpu, {input}, initial, [&](kb::Backend& be, auto& in, void* out) {
                be.copy(const_view(in[0], dtype, src), {out, dtype, dst.shape, dst.strides});
            }));
        }
    }
}

TEST_CASE("cuda backend: cast") {
    kb::Backend* gpu = cuda_or_skip();
    if (gpu == nullptr) return;
    constexpr std::size_t n = 1000;
    for (DType from : kAllDtypes) {
        for (DType to : kAllDtypes) {
            INFO(name_of(from) << " -> " << name_of(to));
            // Floats outside [0, 256) do not convert to uint8 in C++; the rest is defined.
            const bool float_to_byte = to == DType::uint8 && kerascpp::is_floating(from);
            HostArray input =
                random_array(from, n, float_to_byte ? 0 : -300, float_to_byte ? 250 : 300);
            for (std::size_t i = 0; i < n; i += 7) input.set(i, 0);  // zeros for bool results
            check_same(run_both(
                *gpu, {input}, HostArray(to, n),
                [&](kb::Backend& be, auto& in, void* out) { be.cast(in[0], from, out, to, n); }));
        }
    }
}

TEST_CASE("cuda backend: fill and arange") {
    kb::Backend* gpu = cuda_or_skip();
    if (gpu == nullptr) return;
    constexpr std::size_t n = 300;
    for (DType dtype : kAllDtypes) {
        INFO(name_of(dtype));
        const bool unsigned_like = dtype == DType::bool_ || dtype == DType::uint8;
        const double start = unsigned_like ? 1.25 : -20.5, step = unsigned_like ? 0.5 : 0.75;
        check_same(run_both(*gpu, {}, HostArray(dtype, n), [&](kb::Backend& be, auto&, void* out) {
            be.fill(out, dtype, n, 3.75);
        }));
        check_same(run_both(*gpu, {}, HostArray(dtype, n), [&](kb::Backend& be, auto&, void* out) {
            be.arange(out, dtype, n, start, step);
        }));
    }
}

struct UnaryCase {
    kb::UnaryOp op;
    std::string name;
    double lo, hi;
};

TEST_CASE("cuda backend: unary on floats") {
    kb::Backend* gpu = cuda_or_skip();
    if (gpu == nullptr) return;
    using kb::UnaryOp;
    const UnaryCase cases[] = {
        {UnaryOp::negative, "negative", -5, 5},
        {UnaryOp::abs, "abs", -5, 5},
        {UnaryOp::sign, "sign", -5, 5},
        {UnaryOp::square, "square", -5, 5},
        {UnaryOp::sqrt, "sqrt", 0.1, 9},
        {UnaryOp::rsqrt, "rsqrt", 0.1, 9},
        {UnaryOp::reciprocal, "reciprocal", 0.1, 9},
        {UnaryOp::exp, "exp", -5, 5},
        {UnaryOp::expm1, "expm1", -2, 2},
        {UnaryOp::log, "log", 0.1, 9},
        {UnaryOp::log1p, "log1p", -0.5, 5},
        {UnaryOp::sin, "sin", -5, 5},
        {UnaryOp::cos, "cos", -5, 5},
        {UnaryOp::tanh, "tanh", -5, 5},
        {UnaryOp::sigmoid, "sigmoid", -8, 8},
        {UnaryOp::relu, "relu", -5, 5},
        {UnaryOp::floor, "floor", -5, 5},
        {UnaryOp::ceil, "ceil", -5, 5},
        {UnaryOp::round, "round", -5, 5},
    };
    constexpr std::size_t n = 2000;
    for (DType dtype : kFloatDtypes) {
        for (const UnaryCase& c : cases) {
            INFO(name_of(dtype) << ", " << c.name);
            // Every other element is a multiple of 0.5, so round meets ties (half to even).
            HostArray input = random_array(dtype, n, c.lo, c.hi);
            const HostArray halves = random_array(dtype, n, std::ceil(c.lo), c.hi, 0.5);
            for (std::size_t i = 0; i < n; i += 2) input.set(i, std::max(c.lo, halves.get(i)));
            const Tolerance tol =
                dtype == DType::float32 ? Tolerance{4e-6, 1e-6} : Tolerance{1e-13, 1e-14};
            check_same(run_both(*gpu, {input}, HostArray(dtype, n),
                                [&](kb::Backend& be, auto& in, void* out) {
                                    be.unary(c.op, in[0], out, dtype, n);
                                }),
                       tol);
        }
    }
}

TEST_CASE("cuda backend: unary on integers and bool") {
    kb::Backend* gpu = cuda_or_skip();
    if (gpu == nullptr) return;
    using kb::UnaryOp;
    constexpr std::size_t n = 1000;
    const UnaryOp integer_ops[] = {UnaryOp::negative, UnaryOp::abs, UnaryOp::sign, UnaryOp::square,
                                   UnaryOp::relu};
    for (DType dtype : {DType::uint8, DType::int32, DType::int64}) {
        for (UnaryOp op : integer_ops) {
            INFO(name_of(dtype) << ", op " << static_cast<int>(op));
            const HostArray input = random_array(dtype, n, -1000, 1000);
            check_same(run_both(
                *gpu, {input}, HostArray(dtype, n),
                [&](kb::Backend& be, auto& in, void* out) { be.unary(op, in[0], out, dtype, n); }));
        }
    }
    const HostArray flags = random_array(DType::bool_, n, 0, 1);
    check_same(run_both(*gpu, {flags}, HostArray(DType::bool_, n),
                        [&](kb::Backend& be, auto& in, void* out) {
                            be.unary(UnaryOp::logical_not, in[0], out, DType::bool_, n);
                        }));
}

/// Inputs of a binary op: small values for power, the defaults otherwise.
std::pair<HostArray, HostArray> binary_inputs(kb::BinaryOp op, DType dtype, std::size_t na,
                                              std::size_t nb) {
    if (op != kb::BinaryOp::power) return {default_array(dtype, na), default_array(dtype, nb)};
    if (kerascpp::is_floating(dtype)) {
        return {random_array(dtype, na, 0.5, 2), random_array(dtype, nb, -2, 2)};
    }
    const double top = dtype == DType::uint8 ? 3 : 4;  // powers stay below 256
    return {random_array(dtype, na, -top, top), random_array(dtype, nb, 0, top)};
}

TEST_CASE("cuda backend: binary with broadcasting") {
    kb::Backend* gpu = cuda_or_skip();
    if (gpu == nullptr) return;
    using kb::BinaryOp;
    const BinaryOp arithmetic[] = {BinaryOp::add,    BinaryOp::subtract, BinaryOp::multiply,
                                   BinaryOp::divide, BinaryOp::power,    BinaryOp::maximum,
                                   BinaryOp::minimum};
    const BinaryOp predicates[] = {
        BinaryOp::equal,   BinaryOp::not_equal,     BinaryOp::less,        BinaryOp::less_equal,
        BinaryOp::greater, BinaryOp::greater_equal, BinaryOp::logical_and, BinaryOp::logical_or};
    std::vector<std::pair<BinaryOp, DType>> runs;
    for (DType dtype : kNumericDtypes) {
        for (BinaryOp op : arithmetic) {
            // The core casts integers to float before dividing.
            if (op != BinaryOp::divide || kerascpp::is_floating(dtype))
                runs.emplace_back(op, dtype);
        }
    }
    for (DType dtype : kAllDtypes) {
        for (BinaryOp op : predicates) runs.emplace_back(op, dtype);
    }
    for (const auto& [op, dtype] : runs) {
        for (const BroadcastCase& c : broadcast_cases()) {
            INFO(name_of(dtype) << ", op " << static_cast<int>(op) << ", " << c.name);
            const Layout a = c.operand(0), b = c.operand(1);
            const auto [input_a, input_b] = binary_inputs(op, dtype, a.extent(), b.extent());
            const DType out_dtype = kb::produces_bool(op) ? DType::bool_ : dtype;
            const HostArray output(out_dtype, static_cast<std::size_t>(numel(c.shape)));
            check_same(run_both(
                *gpu, {input_a, input_b}, output, [&](kb::Backend& be, auto& in, void* out) {
                    be.binary(op, const_view(in[0], dtype, a), const_view(in[1], dtype, b), out);
                }));
        }
    }
}

TEST_CASE("cuda backend: views beyond 8 dimensions") {
    kb::Backend* gpu = cuda_or_skip();
    if (gpu == nullptr) return;
    // Nine dimensions walked in opposite orders cannot merge: the CUDA backend refuses them.
    const std::vector<std::int64_t> shape(9, 2);
    const auto forward = contiguous_strides(shape);
    const std::vector<std::int64_t> backward(forward.rbegin(), forward.rend());
    const Buffer a(*gpu, 512 * sizeof(float)), b(*gpu, 512 * sizeof(float)),
        out(*gpu, 512 * sizeof(float));
    const kb::ConstView va{a.get(), DType::float32, shape, forward};
    const kb::ConstView vb{b.get(), DType::float32, shape, backward};
    CHECK_THROWS_AS(gpu->binary(kb::BinaryOp::add, va, vb, out.get()), kerascpp::ValueError);
}

TEST_CASE("cuda backend: where with broadcasting") {
    kb::Backend* gpu = cuda_or_skip();
    if (gpu == nullptr) return;
    for (DType dtype : kAllDtypes) {
        for (const BroadcastCase& c : broadcast_cases()) {
            INFO(name_of(dtype) << ", " << c.name);
            const Layout cond = c.operand(0), a = c.operand(1), b = c.operand(2);
            const HostArray flags = random_array(DType::bool_, cond.extent(), 0, 1);
            const HostArray output(dtype, static_cast<std::size_t>(numel(c.shape)));
            const std::vector<HostArray> inputs = {flags, default_array(dtype, a.extent()),
                                                   default_array(dtype, b.extent())};
            check_same(run_both(*gpu, inputs, output, [&](kb::Backend& be, auto& in, void* out) {
                be.where(const_view(in[0], DType::bool_, cond), const_view(in[1], dtype, a),
                         const_view(in[2], dtype, b), out);
            }));
        }
    }
}

struct ReduceShape {
    std::int64_t outer, n, inner;
};

constexpr ReduceShape kReduceShapes[] = {
    {1, 1, 1}, {1, 1000, 1}, {3, 17, 1}, {2, 5, 7}, {4, 300, 33}, {2, 3, 1000}, {70, 9, 1},
};

TEST_CASE("cuda backend: reduce") {
    kb::Backend* gpu = cuda_or_skip();
    if (gpu == nullptr) return;
    using kb::ReduceOp;
    for (DType dtype : kNumericDtypes) {
        for (ReduceOp op :
             {ReduceOp::sum, ReduceOp::mean, ReduceOp::prod, ReduceOp::max, ReduceOp::min}) {
            for (const ReduceShape& s : kReduceShapes) {
                INFO(name_of(dtype) << ", op " << static_cast<int>(op) << ", [" << s.outer << ", "
                                    << s.n << ", " << s.inner << "]");
                const auto count = static_cast<std::size_t>(s.outer * s.n * s.inner);
                // Products stay finite and exact: factors near 1, or +-1 for integers.
                HostArray input = op != ReduceOp::prod ? random_array(dtype, count, -5, 5)
                                  : kerascpp::is_floating(dtype)
                                      ? random_array(dtype, count, 0.99, 1.01)
                                      : random_array(dtype, count, -1, 1);
                if (op == ReduceOp::prod && !kerascpp::is_floating(dtype)) {
                    for (std::size_t i = 0; i < count; ++i) input.set(i, input.get(i) < 0 ? -1 : 1);
                }
                const HostArray output(dtype, static_cast<std::size_t>(s.outer * s.inner));
                const Tolerance tol =
                    dtype == DType::float32 ? Tolerance{1e-5, 1e-4} : default_tolerance(dtype);
                check_same(run_both(*gpu, {input}, output,
                                    [&](kb::Backend& be, auto& in, void* out) {
                                        be.reduce(op, in[0], out, dtype, s.outer, s.n, s.inner);
                                    }),
                           tol);
            }
        }
    }
}

TEST_CASE("cuda backend: reduce over an empty axis") {
    kb::Backend* gpu = cuda_or_skip();
    if (gpu == nullptr) return;
    using kb::ReduceOp;
    for (DType dtype : kNumericDtypes) {
        for (ReduceOp op : {ReduceOp::sum, ReduceOp::prod, ReduceOp::mean}) {
            if (op == ReduceOp::mean && !kerascpp::is_floating(dtype)) continue;  // 0 / 0
            INFO(name_of(dtype) << ", op " << static_cast<int>(op));
            check_same(run_both(*gpu, {HostArray(dtype, 1)}, HostArray(dtype, 6),
                                [&](kb::Backend& be, auto& in, void* out) {
                                    be.reduce(op, in[0], out, dtype, 2, 0, 3);
                                }));
        }
    }
}

TEST_CASE("cuda backend: arg_reduce picks the first of ties") {
    kb::Backend* gpu = cuda_or_skip();
    if (gpu == nullptr) return;
    for (DType dtype : kAllDtypes) {
        for (kb::ArgReduceOp op : {kb::ArgReduceOp::argmax, kb::ArgReduceOp::argmin}) {
            for (const ReduceShape& s : kReduceShapes) {
                INFO(name_of(dtype) << ", op " << static_cast<int>(op) << ", [" << s.outer << ", "
                                    << s.n << ", " << s.inner << "]");
                const auto count = static_cast<std::size_t>(s.outer * s.n * s.inner);
                const HostArray input = random_array(dtype, count, 0, 2, 0.5);  // many ties
                const HostArray output(DType::int64, static_cast<std::size_t>(s.outer * s.inner));
                check_same(
                    run_both(*gpu, {input}, output, [&](kb::Backend& be, auto& in, void* out) {
                        be.arg_reduce(op, in[0], static_cast<std::int64_t*>(out), dtype, s.outer,
                                      s.n, s.inner);
                    }));
            }
        }
    }
}

struct GemmShape {
    std::int64_t m, n, k;
};

TEST_CASE("cuda backend: gemm in every transpose combination") {
    kb::Backend* gpu = cuda_or_skip();
    if (gpu == nullptr) return;
    const DType dtypes[] = {DType::float32, DType::float64, DType::int32,
                            DType::int64,   DType::uint8,   DType::bool_};
    const GemmShape shapes[] = {{7, 9, 11}, {65, 33, 130}, {1, 1, 1}, {3, 4, 0}};
    for (DType dtype : dtypes) {
        const bool floating = kerascpp::is_floating(dtype);
        for (const GemmShape& s : shapes) {
            // Small types would overflow (undefined for the CPU's double-to-uint8 cast).
            if (kerascpp::itemsize(dtype) == 1 && s.k > 100) continue;
            for (int transpose = 0; transpose < 4; ++transpose) {
                for (bool accumulate : {false, true}) {
                    kb::GemmArgs g;
                    g.trans_a = (transpose & 1) != 0;
                    g.trans_b = (transpose & 2) != 0;
                    g.m = s.m, g.n = s.n, g.k = s.k;
                    g.dtype = dtype;
                    // Padded leading dimensions; integer results stay exact in double.
                    g.lda = (g.trans_a ? s.m : s.k) + 3;
                    g.ldb = (g.trans_b ? s.k : s.n) + 2;
                    g.ldc = s.n + 1;
                    g.alpha = accumulate ? (floating ? 1.5 : 2.0) : 1.0;
                    g.beta = accumulate ? (floating ? 0.5 : 1.0) : 0.0;
                    INFO(name_of(dtype)
                         << ", m n k " << s.m << " " << s.n << " " << s.k << ", trans " << g.trans_a
                         << g.trans_b << ", alpha " << g.alpha << ", beta " << g.beta);
                    const auto rows_a = static_cast<std::size_t>(g.trans_a ? s.k : s.m);
                    const auto rows_b = static_cast<std::size_t>(g.trans_b ? s.n : s.k);
                    const HostArray a = random_array(dtype, rows_a * g.lda, 0, 3);
                    const HostArray b = random_array(dtype, rows_b * g.ldb, -3, 3);
                    const HostArray c =
                        random_array(dtype, static_cast<std::size_t>(s.m * g.ldc), 0, 3);
                    const Tolerance tol =
                        dtype == DType::float32 ? Tolerance{1e-5, 1e-4} : default_tolerance(dtype);
                    check_same(run_both(*gpu, {a, b}, c,
                                        [&](kb::Backend& be, auto& in, void* out) {
                                            kb::GemmArgs args = g;
                                            args.a = in[0], args.b = in[1], args.c = out;
                                            be.gemm(args);
                                        }),
                               tol);
                }
            }
        }
    }
}

TEST_CASE("cuda backend: softmax and log-softmax") {
    kb::Backend* gpu = cuda_or_skip();
    if (gpu == nullptr) return;
    const std::pair<std::int64_t, std::int64_t> shapes[] = {
        {5, 1}, {7, 10}, {3, 1000}, {1, 5000}, {300, 33}};
    for (DType dtype : kFloatDtypes) {
        for (bool log : {false, true}) {
            for (const auto& [rows, cols] : shapes) {
                INFO(name_of(dtype)
                     << std::string(log ? ", log" : "") << ", " << rows << " x " << cols);
                const auto count = static_cast<std::size_t>(rows * cols);
                const HostArray input = random_array(dtype, count, -10, 10);
                const Tolerance tol =
                    dtype == DType::float32 ? Tolerance{1e-5, 1e-6} : Tolerance{1e-12, 1e-14};
                check_same(run_both(*gpu, {input}, HostArray(dtype, count),
                                    [&](kb::Backend& be, auto& in, void* out) {
                                        be.softmax(in[0], out, dtype, rows, cols, log);
                                    }),
                           tol);
            }
        }
    }
}

TEST_CASE("cuda backend: random draws the same numbers as the CPU") {
    kb::Backend* gpu = cuda_or_skip();
    if (gpu == nullptr) return;
    using kb::Distribution;
    constexpr std::size_t n = 10000;
    for (Distribution dist :
         {Distribution::uniform, Distribution::normal, Distribution::truncated_normal}) {
        for (std::uint64_t seed : {std::uint64_t{42}, (std::uint64_t{1} << 40) + 7}) {
            for (DType dtype : {DType::float64, DType::float32, DType::int32}) {
                // Integers only from uniform: the cast truncates, so it is bit-exact there.
                if (dtype == DType::int32 && dist != Distribution::uniform) continue;
                INFO(name_of(dtype)
                     << ", distribution " << static_cast<int>(dist) << ", seed " << seed);
                const double a = dist == Distribution::uniform ? -5 : 0.5;
                const double b = dist == Distribution::uniform ? 5 : 2;
                // uniform may differ by a rounding (the CPU build may fuse its multiply-add);
                // the normals go through log and cos, whose last bits each libm rounds its way.
                const Tolerance tol = dtype == DType::int32           ? Tolerance{0, 0}
                                      : dtype == DType::float32       ? Tolerance{1e-6, 1e-6}
                                      : dist == Distribution::uniform ? Tolerance{1e-15, 1e-15}
                                                                      : Tolerance{1e-12, 1e-12};
                check_same(run_both(*gpu, {}, HostArray(dtype, n),
                                    [&](kb::Backend& be, auto&, void* out) {
                                        be.random(dist, out, dtype, n, seed, 12345, a, b);
                                    }),
                           tol);
            }
        }
    }
}

TEST_CASE("cuda backend: random continues at an offset") {
    kb::Backend* gpu = cuda_or_skip();
    if (gpu == nullptr) return;
    constexpr std::size_t n = 1000;
    const Buffer whole(*gpu, n * sizeof(double)), tail(*gpu, n / 2 * sizeof(double));
    gpu->random(kb::Distribution::normal, whole.get(), DType::float64, n, 7, 0, 0, 1);
    gpu->random(kb::Distribution::normal, tail.get(), DType::float64, n / 2, 7, n / 2, 0, 1);
    const HostArray all = download(*gpu, whole, DType::float64, n);
    const HostArray second = download(*gpu, tail, DType::float64, n / 2);
    CHECK(std::equal(second.bytes.begin(), second.bytes.end(),
                     all.bytes.begin() + n / 2 * sizeof(double)));
}

}  // namespace
