#include <doctest/doctest.h>
#include <kerascpp/kerascpp.hpp>
#include <kerascpp/xtensor.hpp>

namespace k = kerascpp;

TEST_CASE("xtensor: zero-copy view, copies both ways") {
    k::Tensor t = k::tensor({1.f, 2.f, 3.f, 4.f, 5.f, 6.f}, k::Shape{2, 3});
    auto view = k::as_xtensor<float>(t);
    CHECK(view(1, 2) == 6.f);
    view(0, 0) = 10.f;  // writes through: no copy
    CHECK(t.to_vector<float>()[0] == 10.f);

    xt::xarray<double> x = t.to_xarray<double>();
    CHECK(x.shape().size() == 2);
    CHECK(x(1, 0) == 4.0);

    k::Tensor back = k::from_xarray(x * 2.0);
    CHECK(back.dtype() == k::float64);
    CHECK(back.shape() == k::Shape{2, 3});
    CHECK(back.to_vector<double>()[5] == 12.0);

    CHECK_THROWS_AS(k::as_xtensor<double>(t), k::TypeError);
}
