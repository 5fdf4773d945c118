// The CPU backend's binary kernel on inputs the tensor layer never sends it (it casts first):
// logical ops on non-bool operands (nonzero is true, as NumPy) and ordered comparisons of
// bools. Backends must agree on them (the CUDA backend's tests compare against this one).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "kerascpp/backend/backend.hpp"
#include "kerascpp/backend/registry.hpp"

namespace kb = kerascpp::backend;
using kerascpp::DType;

namespace {

template <class T>
std::vector<bool> run(kb::BinaryOp op, DType dtype, const std::vector<T>& a,
                      const std::vector<T>& b) {
    kb::Backend& cpu = kb::get_backend(kb::find_backend("cpu"));
    const std::int64_t shape[] = {static_cast<std::int64_t>(a.size())};
    const std::int64_t strides[] = {1};
    bool out[8] = {};
    cpu.binary(op, {a.data(), dtype, shape, strides}, {b.data(), dtype, shape, strides}, out);
    return std::vector<bool>(out, out + a.size());
}

}  // namespace

TEST_CASE("backend.cpu: logical ops treat nonzero as true, for every dtype") {
    using kb::BinaryOp;
    const float nan = std::nanf("");
    const std::vector<float> fa{0.0f, 2.5f, -1.0f, nan}, fb{3.0f, 0.0f, 0.5f, 1.0f};
    CHECK(run(BinaryOp::logical_and, DType::float32, fa, fb) ==
          std::vector<bool>{false, false, true, true});
    CHECK(run(BinaryOp::logical_or, DType::float32, fa, fb) ==
          std::vector<bool>{true, true, true, true});
    const std::vector<std::int32_t> ia{0, 7, 0, -3}, ib{0, 0, 5, 2};
    CHECK(run(BinaryOp::logical_and, DType::int32, ia, ib) ==
          std::vector<bool>{false, false, false, true});
    CHECK(run(BinaryOp::logical_or, DType::int32, ia, ib) ==
          std::vector<bool>{false, true, true, true});
}

TEST_CASE("backend.cpu: bools compare with false < true") {
    using kb::BinaryOp;
    const std::vector<std::uint8_t> a{0, 0, 1, 1}, b{0, 1, 0, 1};  // bool storage is one byte
    CHECK(run(BinaryOp::less, DType::bool_, a, b) == std::vector<bool>{false, true, false, false});
    CHECK(run(BinaryOp::greater_equal, DType::bool_, a, b) ==
          std::vector<bool>{true, false, true, true});
    CHECK(run(BinaryOp::not_equal, DType::bool_, a, b) ==
          std::vector<bool>{false, true, true, false});
}
