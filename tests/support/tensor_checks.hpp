// Small assertions on tensors for the doctest suite (header-only).
#pragma once

#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <initializer_list>
#include <kerascpp/kerascpp.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace kerascpp_test {

namespace k = kerascpp;

inline std::string vec_str(const std::vector<double>& v) {
    std::ostringstream os;
    os.precision(10);
    os << "[";
    for (std::size_t i = 0; i < v.size(); ++i) os << (i ? ", " : "") << v[i];
    os << "]";
    return os.str();
}

/// CHECKs shape and values (NaN equals NaN; |got - want| <= atol + rtol * |want|).
inline bool check_tensor(const k::Tensor& t, const k::Shape& shape,
                         const std::vector<double>& expected, double rtol = 1e-6,
                         double atol = 1e-6) {
    REQUIRE(t.defined());
    CHECK_MESSAGE(t.shape() == shape,
                  "shape " << k::shape_str(t.shape()) << ", expected " << k::shape_str(shape));
    if (t.shape() != shape) return false;
    const auto got = t.to_vector<double>();
    bool ok = got.size() == expected.size();
    for (std::size_t i = 0; ok && i < got.size(); ++i) {
        if (std::isnan(expected[i])) {
            ok = std::isnan(got[i]);
        } else if (std::isinf(expected[i])) {
            ok = got[i] == expected[i];
        } else {
            ok = std::abs(got[i] - expected[i]) <= atol + rtol * std::abs(expected[i]);
        }
    }
    CHECK_MESSAGE(ok, "values " << vec_str(got) << ", expected " << vec_str(expected));
    return ok;
}

/// CHECKs dtype, shape and values.
inline bool check_tensor(const k::Tensor& t, k::DType dtype, const k::Shape& shape,
                         const std::vector<double>& expected, double rtol = 1e-6,
                         double atol = 1e-6) {
    REQUIRE(t.defined());
    CHECK_MESSAGE(t.dtype() == dtype,
                  "dtype " << k::dtype_name(t.dtype()) << ", expected " << k::dtype_name(dtype));
    return check_tensor(t, shape, expected, rtol, atol) && t.dtype() == dtype;
}

/// CHECKs that fn throws exactly E (or a subclass) and that what() contains every fragment.
template <class E>
void check_throws(const std::function<void()>& fn, std::initializer_list<std::string> fragments,
                  const char* what = "") {
    INFO(what);
    bool thrown = false;
    try {
        fn();
    } catch (const E& e) {
        thrown = true;
        const std::string message = e.what();
        for (const auto& f : fragments) {
            CHECK_MESSAGE(message.find(f) != std::string::npos,
                          "message \"" << message << "\" lacks \"" << f << "\"");
        }
    } catch (const std::exception& e) {
        FAIL_CHECK("threw another exception type: " << e.what());
        return;
    }
    CHECK_MESSAGE(thrown, "expected an exception");
}

}  // namespace kerascpp_test
