#include <doctest/doctest.h>
#include <kerascpp/kerascpp.hpp>

#include <string>

namespace k = kerascpp;

TEST_CASE("variable: owns a copy, is named, assigns in place") {
    k::Tensor init = k::tensor({1.f, 2.f});
    k::Variable v(init, "dense/kernel");
    CHECK(v.name() == "dense/kernel");
    CHECK(v.trainable());
    CHECK(v.data_ptr() != init.data_ptr());
    void* before = v.data_ptr();
    v.assign_add(k::tensor({1.f, 1.f}));
    v.assign_sub(k::tensor({0.5f, 0.5f}));
    CHECK(v.to_vector<float>() == std::vector<float>{1.5f, 2.5f});
    CHECK(v.data_ptr() == before);
    CHECK(v.version() == 2);
    CHECK(init.to_vector<float>() == std::vector<float>{1.f, 2.f});

    k::Tensor snapshot = v.value();
    v.assign(k::tensor({0.0, 0.0}));  // converted to the variable's dtype
    CHECK(v.dtype() == k::float32);
    CHECK(snapshot.to_vector<float>() == std::vector<float>{1.5f, 2.5f});

    k::Variable alias = v;  // handles share one variable
    alias.assign(k::tensor({7.f, 7.f}));
    CHECK(v.to_vector<float>() == std::vector<float>{7.f, 7.f});
}

TEST_CASE("variable: assigning a value of another shape names both shapes") {
    k::Variable v(k::zeros({2, 3}), "w");
    try {
        v.assign(k::zeros({3, 2}));
        FAIL("expected ValueError");
    } catch (const k::ValueError& e) {
        const std::string msg = e.what();
        CHECK(msg.find("(2, 3)") != std::string::npos);
        CHECK(msg.find("(3, 2)") != std::string::npos);
        CHECK(msg.find("'w'") != std::string::npos);
    }
}
