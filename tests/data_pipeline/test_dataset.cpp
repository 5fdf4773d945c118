// kerascpp::data::Dataset: batching, shuffling, take, determinism and errors.
#include <doctest/doctest.h>

#include <algorithm>
#include <iterator>
#include <kerascpp/data.hpp>
#include <kerascpp/errors.hpp>
#include <kerascpp/utils.hpp>
#include <numeric>
#include <ranges>

namespace k = kerascpp;

static_assert(std::input_iterator<k::data::DatasetIterator>);
static_assert(std::ranges::input_range<k::data::Dataset>);

namespace {

/// x: (n, 2) float32 with rows [i, -i]; y: (n,) int64 with value i.
struct Numbered {
    explicit Numbered(std::int64_t n) {
        std::vector<float> xs;
        std::vector<std::int64_t> ys;
        for (std::int64_t i = 0; i < n; ++i) {
            xs.push_back(static_cast<float>(i));
            xs.push_back(static_cast<float>(-i));
            ys.push_back(i);
        }
        x = k::tensor(xs, k::Shape{n, 2});
        y = k::tensor(ys);
    }
    k::Tensor x, y;
};

/// The y values a pass yields, batch after batch, checking that x stays paired with y.
std::vector<std::int64_t> order(const k::data::Dataset& ds) {
    std::vector<std::int64_t> out;
    for (auto [x, y] : ds) {
        const auto xs = x.to_vector<float>();
        const auto ys = y.to_vector<std::int64_t>();
        REQUIRE(xs.size() == 2 * ys.size());
        for (std::size_t i = 0; i < ys.size(); ++i) {
            CHECK(xs[2 * i] == static_cast<float>(ys[i]));
            CHECK(xs[2 * i + 1] == -static_cast<float>(ys[i]));
        }
        out.insert(out.end(), ys.begin(), ys.end());
    }
    return out;
}

std::vector<std::int64_t> iota(std::int64_t n) {
    std::vector<std::int64_t> v(static_cast<std::size_t>(n));
    std::iota(v.begin(), v.end(), 0);
    return v;
}

bool is_permutation_of_iota(std::vector<std::int64_t> v, std::int64_t n) {
    std::sort(v.begin(), v.end());
    return v == iota(n);
}

}  // namespace

TEST_CASE("data.Dataset: batch yields contiguous (x, y) batches in order") {
    Numbered d(10);
    const auto ds = k::data::Dataset(d.x, d.y).batch(4);
    CHECK(ds.cardinality() == 3);
    std::vector<k::Shape> shapes;
    for (auto [x, y] : ds) {
        shapes.push_back(x.shape());
        CHECK(y.shape() == k::Shape{x.shape(0)});
        CHECK(x.dtype() == k::float32);
        CHECK(y.dtype() == k::int64);
    }
    CHECK(shapes == std::vector<k::Shape>{{4, 2}, {4, 2}, {2, 2}});
    CHECK(order(ds) == iota(10));

    // Unshuffled batches are views of the data: no copy.
    auto it = ds.begin();
    ++it;
    CHECK(it->x.data_ptr() == static_cast<char*>(d.x.data_ptr()) + 4 * 2 * sizeof(float));

    const auto dropped = k::data::Dataset(d.x, d.y).batch(4, /*drop_remainder=*/true);
    CHECK(dropped.cardinality() == 2);
    CHECK(order(dropped) == iota(8));
    CHECK(order(k::data::Dataset(d.x, d.y).batch(10)) == iota(10));
    CHECK(k::data::Dataset(d.x, d.y).batch(11, true).cardinality() == 0);
    CHECK(order(k::data::Dataset(d.x, d.y).batch(11, true)).empty());
}

TEST_CASE("data.Dataset: without batch it yields single samples") {
    Numbered d(3);
    std::int64_t i = 0;
    for (auto [x, y] : k::data::Dataset::from_tensor_slices(d.x, d.y)) {
        CHECK(x.shape() == k::Shape{2});
        CHECK(y.shape() == k::Shape{});
        CHECK(y.item<std::int64_t>() == i);
        CHECK(x.to_vector<float>() == std::vector<float>{float(i), -float(i)});
        ++i;
    }
    CHECK(i == 3);

    // x alone: y is undefined.
    std::int64_t rows = 0;
    for (const auto& element : k::data::Dataset(d.x).batch(2)) {
        CHECK_FALSE(element.y.defined());
        rows += element.x.shape(0);
    }
    CHECK(rows == 3);
}

TEST_CASE("data.Dataset: shuffle yields every sample once, x paired with y") {
    k::utils::set_random_seed(3);
    Numbered d(100);
    const auto ds = k::data::Dataset(d.x, d.y).shuffle(1000).batch(16);
    CHECK(ds.cardinality() == 7);
    const auto first = order(ds);
    CHECK(is_permutation_of_iota(first, 100));
    CHECK(first != iota(100));
    // Each pass reshuffles.
    const auto second = order(ds);
    CHECK(is_permutation_of_iota(second, 100));
    CHECK(second != first);
    // Shuffled batches are new contiguous tensors of the right shape.
    auto [x, y] = *ds.begin();
    CHECK(x.shape() == k::Shape{16, 2});
    CHECK(y.shape() == k::Shape{16});
}

TEST_CASE("data.Dataset: shuffling is deterministic given the seed") {
    Numbered d(50);
    const k::data::Dataset base(d.x, d.y);

    k::utils::set_random_seed(42);
    const auto a = base.shuffle(64).batch(8);
    const auto a1 = order(a), a2 = order(a);
    k::utils::set_random_seed(42);
    const auto b = base.shuffle(64).batch(8);
    CHECK(order(b) == a1);  // same global seed: same program, same orders
    CHECK(order(b) == a2);
    k::utils::set_random_seed(43);
    CHECK(order(base.shuffle(64).batch(8)) != a1);

    // An explicit seed ignores the global generator.
    k::utils::set_random_seed(1);
    const auto s1 = order(base.shuffle(64, 7));
    k::utils::set_random_seed(2);
    CHECK(order(base.shuffle(64, 7)) == s1);

    // reshuffle_each_iteration = false: every pass has the same order.
    const auto fixed = base.shuffle(64, 7, false);
    const auto f1 = order(fixed);
    CHECK(order(fixed) == f1);
    CHECK(f1 == s1);
}

TEST_CASE("data.Dataset: a small shuffle buffer only shuffles locally (as tf.data)") {
    Numbered d(40);
    const k::data::Dataset base(d.x, d.y);
    CHECK(order(base.shuffle(1, 5)) == iota(40));
    const auto local = order(base.shuffle(4, 5));
    CHECK(is_permutation_of_iota(local, 40));
    for (std::size_t p = 0; p < local.size(); ++p) {
        CHECK(local[p] <= static_cast<std::int64_t>(p) + 3);  // at most buffer - 1 ahead
    }
    // Shuffling after batch() shuffles whole batches.
    const auto batches = base.batch(10).shuffle(4, 9);
    std::vector<std::int64_t> firsts;
    for (auto [x, y] : batches) {
        const auto ys = y.to_vector<std::int64_t>();
        CHECK(ys.size() == 10);
        CHECK(ys.back() - ys.front() == 9);
        firsts.push_back(ys.front());
    }
    std::sort(firsts.begin(), firsts.end());
    CHECK(firsts == std::vector<std::int64_t>{0, 10, 20, 30});
}

TEST_CASE("data.Dataset: take counts elements at its place in the pipeline") {
    Numbered d(20);
    const k::data::Dataset base(d.x, d.y);
    CHECK(order(base.take(5).batch(2)) == iota(5));
    CHECK(base.take(5).batch(2).cardinality() == 3);
    CHECK(order(base.batch(3).take(2)) == iota(6));
    CHECK(base.batch(3).take(2).cardinality() == 2);
    CHECK(order(base.take(-1)).size() == 20);
    CHECK(base.take(0).begin() == base.end());
    CHECK(base.take(100).cardinality() == 20);
    const auto shuffled = order(base.shuffle(20, 1).take(5));
    CHECK(shuffled.size() == 5);
}

TEST_CASE("data.Dataset: uint8 images keep their dtype and the DESIGN loop works") {
    const std::int64_t n = 70;
    std::vector<std::uint8_t> pixels(static_cast<std::size_t>(n * 28 * 28));
    for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = static_cast<std::uint8_t>(i / 784);
    std::vector<std::uint8_t> labels(static_cast<std::size_t>(n));
    for (std::size_t i = 0; i < labels.size(); ++i) labels[i] = static_cast<std::uint8_t>(i);
    struct {
        k::Tensor x, y;
    } train{k::tensor(pixels, k::Shape{n, 28, 28}), k::tensor(labels)};

    k::utils::set_random_seed(0);
    std::int64_t seen = 0;
    for (auto [x, y] : k::data::Dataset(train.x, train.y).shuffle(1024).batch(64)) {
        CHECK(x.dtype() == k::uint8);
        CHECK(x.shape(1) == 28);
        const auto ys = y.to_vector<std::uint8_t>();
        const auto xs = x.to_vector<std::uint8_t>();
        for (std::size_t i = 0; i < ys.size(); ++i) CHECK(xs[i * 784 + 500] == ys[i]);
        CHECK((x / 255.0f).dtype() == k::float32);
        seen += x.shape(0);
    }
    CHECK(seen == n);
}

TEST_CASE("data.Dataset: wrong arguments are a ValueError") {
    Numbered d(10);
    Numbered e(9);
    try {
        k::data::Dataset(d.x, e.y);
        FAIL("expected a ValueError");
    } catch (const k::ValueError& err) {
        const std::string msg = err.what();
        CHECK(msg.find("x with 10 samples") != std::string::npos);
        CHECK(msg.find("y with 9 samples") != std::string::npos);
    }
    CHECK_THROWS_AS(k::data::Dataset(k::Tensor()), k::ValueError);
    CHECK_THROWS_AS(k::data::Dataset(k::scalar(1.0f)), k::ValueError);
    CHECK_THROWS_AS(k::data::Dataset(d.x, k::scalar(1.0f)), k::ValueError);
    const k::data::Dataset ds(d.x, d.y);
    CHECK_THROWS_AS(ds.batch(0), k::ValueError);
    CHECK_THROWS_AS(ds.shuffle(0), k::ValueError);
    CHECK_THROWS_AS(ds.take(-2), k::ValueError);
    CHECK_THROWS_AS(ds.batch(2).batch(2), k::ValueError);
    auto it = ds.take(0).begin();
    CHECK_THROWS_AS(*it, k::IndexError);
}
