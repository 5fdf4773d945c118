#include <doctest/doctest.h>
#include <kerascpp/kerascpp.hpp>

#include <cstdint>
#include <string>

namespace k = kerascpp;

TEST_CASE("tensor: creation from values keeps shape, dtype and data") {
    k::Tensor a = k::tensor({1.f, 2.f, 3.f, 4.f}, k::Shape{2, 2});
    CHECK(a.shape() == k::Shape{2, 2});
    CHECK(a.dtype() == k::float32);
    CHECK(a.ndim() == 2);
    CHECK(a.size() == 4);
    CHECK(a.nbytes() == 16);
    CHECK(a.to_vector<float>() == std::vector<float>{1, 2, 3, 4});
    CHECK(a.device() == k::Device::cpu());

    k::Tensor u = k::tensor(std::vector<std::uint8_t>{0, 255}, k::Shape{2});
    CHECK(u.dtype() == k::uint8);
    k::Tensor f = u.astype(k::float32) / 255.0f;
    CHECK(f.dtype() == k::float32);
    CHECK(f.to_vector<float>() == std::vector<float>{0.f, 1.f});

    CHECK(k::tensor({1, 2, 3}).dtype() == k::int32);
    CHECK(k::tensor({1.0, 2.0}).dtype() == k::float64);
    CHECK(k::tensor(std::vector<std::int64_t>{5}).dtype() == k::int64);
    CHECK(k::tensor(std::vector<bool>{true, false}).dtype() == k::bool_);
    CHECK(k::scalar(2.5f).shape() == k::Shape{});
    CHECK(k::scalar(2.5f).item<float>() == 2.5f);
}

TEST_CASE("tensor: wrong value count names both sizes") {
    try {
        k::tensor({1.f, 2.f, 3.f}, k::Shape{2, 2});
        FAIL("expected ValueError");
    } catch (const k::ValueError& e) {
        const std::string msg = e.what();
        CHECK(msg.find("3 values") != std::string::npos);
        CHECK(msg.find("(2, 2)") != std::string::npos);
    }
}

TEST_CASE("tensor: zeros, ones, full, eye, arange, linspace") {
    CHECK(k::zeros({2, 3}).to_vector<float>() == std::vector<float>(6, 0.f));
    CHECK(k::ones({3}, k::int64).to_vector<std::int64_t>() == std::vector<std::int64_t>{1, 1, 1});
    CHECK(k::full({2}, 7.5).to_vector<float>() == std::vector<float>{7.5f, 7.5f});
    CHECK(k::eye(3).to_vector<float>() == std::vector<float>{1, 0, 0, 0, 1, 0, 0, 0, 1});
    CHECK(k::eye(2, 3, 1).to_vector<float>() == std::vector<float>{0, 1, 0, 0, 0, 1});
    CHECK(k::eye(3, std::nullopt, -1).to_vector<float>() == std::vector<float>{0, 0, 0, 1, 0, 0, 0, 1, 0});

    k::Tensor r = k::arange(5);
    CHECK(r.dtype() == k::int32);
    CHECK(r.to_vector<int>() == std::vector<int>{0, 1, 2, 3, 4});
    k::Tensor rf = k::arange(0.0, 1.0, 0.25);
    CHECK(rf.dtype() == k::float32);
    CHECK(rf.to_vector<float>() == std::vector<float>{0.f, 0.25f, 0.5f, 0.75f});
    CHECK(k::arange(5.0, 0.0, -2.0).to_vector<int>() == std::vector<int>{5, 3, 1});
    CHECK(k::arange(3.0, 1.0).size() == 0);

    k::Tensor l = k::linspace(0.0, 1.0, 5);
    CHECK(l.to_vector<float>() == std::vector<float>{0.f, 0.25f, 0.5f, 0.75f, 1.f});
    CHECK(k::linspace(0.0, 1.0, 4, false).to_vector<float>() == std::vector<float>{0.f, 0.25f, 0.5f, 0.75f});

    CHECK_THROWS_AS(k::zeros({-1, 2}), k::ValueError);
    CHECK_THROWS_AS(k::arange(0.0, 1.0, 0.0), k::ValueError);
}

TEST_CASE("tensor: zeros_like and friends keep shape and dtype") {
    k::Tensor x = k::ones({2, 2}, k::float64);
    CHECK(k::zeros_like(x).dtype() == k::float64);
    CHECK(k::ones_like(x, k::int32).dtype() == k::int32);
    CHECK(k::full_like(x, 3.0).to_vector<double>() == std::vector<double>(4, 3.0));
}

TEST_CASE("tensor: item and to_vector convert dtype, item needs one element") {
    k::Tensor x = k::tensor({1.5f});
    CHECK(x.item<double>() == 1.5);
    CHECK(x.item<int>() == 1);
    try {
        (void)k::zeros({2, 3}).item<float>();
        FAIL("expected ValueError");
    } catch (const k::ValueError& e) {
        CHECK(std::string(e.what()).find("(2, 3)") != std::string::npos);
    }
}

TEST_CASE("tensor: astype between every dtype pair round-trips small integers") {
    const std::vector<k::DType> all = {k::bool_, k::uint8, k::int32, k::int64, k::float32, k::float64};
    k::Tensor base = k::tensor({0, 1, 1, 0});
    for (auto from : all) {
        for (auto to : all) {
            CHECK(base.astype(from).astype(to).to_vector<int>() == std::vector<int>{0, 1, 1, 0});
        }
    }
    CHECK(k::tensor({2.7f, -2.7f}).astype(k::int32).to_vector<int>() == std::vector<int>{2, -2});
    CHECK(k::dtype_from_name("float32") == k::float32);
    CHECK(k::dtype_name(k::bool_) == "bool");
    CHECK_THROWS_AS(k::dtype_from_name("float16x"), k::ValueError);
}

TEST_CASE("tensor: first-axis indexing and row slices are views of the same memory") {
    k::Tensor m = k::arange(0.0, 6.0, 1.0, k::float32).reshape({3, 2});
    k::Tensor row = m[1];
    CHECK(row.shape() == k::Shape{2});
    CHECK(row.to_vector<float>() == std::vector<float>{2, 3});
    CHECK(m[-1].to_vector<float>() == std::vector<float>{4, 5});
    CHECK(row.data_ptr() == static_cast<char*>(m.data_ptr()) + 2 * sizeof(float));
    CHECK(m.slice_rows(1, 3).to_vector<float>() == std::vector<float>{2, 3, 4, 5});
    CHECK(m[1][0].item<float>() == 2.f);

    CHECK_THROWS_AS(m[3], k::IndexError);
    CHECK_THROWS_AS(m[-4], k::IndexError);
    CHECK_THROWS_AS(m.slice_rows(2, 4), k::IndexError);
    try {
        (void)m[5];
    } catch (const k::IndexError& e) {
        const std::string msg = e.what();
        CHECK(msg.find("index 5") != std::string::npos);
        CHECK(msg.find("size 3") != std::string::npos);
    }
}

TEST_CASE("tensor: general slicing follows Python semantics") {
    k::Tensor m = k::arange(0.0, 12.0, 1.0, k::float32).reshape({3, 4});
    CHECK(m.index({k::Slice{}, 1}).to_vector<float>() == std::vector<float>{1, 5, 9});
    CHECK(m.index({k::Slice{0, 2}, k::Slice{1, std::nullopt, 2}}).to_vector<float>() ==
          std::vector<float>{1, 3, 5, 7});
    CHECK(m.index({k::Slice{std::nullopt, std::nullopt, -1}, -1}).to_vector<float>() ==
          std::vector<float>{11, 7, 3});
    CHECK(m.index({k::Slice{-2, 100}}).shape() == k::Shape{2, 4});
    CHECK(m.index({k::Slice{5, 10}}).shape() == k::Shape{0, 4});
    CHECK(m.index({2, 3}).item<float>() == 11.f);
    CHECK_THROWS_AS(m.index({0, 0, 0}), k::IndexError);
    CHECK_THROWS_AS(m.index({k::Slice{0, 1, 0}}), k::ValueError);
    CHECK_THROWS_AS(m.index({0, 4}), k::IndexError);
}

TEST_CASE("tensor: printing shows values, shape and dtype like NumPy") {
    const std::string s = k::tensor({1.f, 2.5f, 3.f, 4.f}, k::Shape{2, 2}).str();
    CHECK(s == "tensor([[ 1., 2.5],\n        [ 3.,  4.]], shape=(2, 2), dtype=float32)");
    CHECK(k::scalar(3).str() == "tensor(3, shape=(), dtype=int32)");
    CHECK(k::tensor(std::vector<bool>{true, false}).str() == "tensor([ True, False], shape=(2,), dtype=bool)");
    const std::string big = k::arange(2000).str();
    CHECK(big.find("...") != std::string::npos);
    CHECK(big.find("1999") != std::string::npos);
    CHECK(big.size() < 200);
    CHECK(k::Tensor().str() == "tensor(undefined)");
}

TEST_CASE("tensor: an undefined tensor says so instead of crashing") {
    k::Tensor t;
    CHECK_FALSE(t.defined());
    CHECK_THROWS_AS((void)t.shape(), k::ValueError);
    CHECK_THROWS_AS((void)(t + 1.0f), k::ValueError);
}

TEST_CASE("tensor: devices are parsed and unknown ones rejected") {
    CHECK(k::Device("cpu").str() == "cpu");
    CHECK(k::Device().str() == "cpu");
    CHECK_THROWS_AS(k::Device("tpu"), k::ValueError);
    CHECK_THROWS_AS(k::Device("cpu:x"), k::ValueError);
    k::Tensor t = k::ones({2});
    CHECK(t.to("cpu").data_ptr() == t.data_ptr());
}
