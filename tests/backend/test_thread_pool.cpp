// The CPU backend's thread pool (backend/cpu/thread_pool.cpp): every task index runs exactly
// once per run, whether the workers are still spinning from the previous run or asleep.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "cpu/thread_pool.hpp"

using kerascpp::backend::cpu::ThreadPool;

namespace {

// Runs `count` tasks and checks that each index ran once.
void check_run(ThreadPool& pool, int count) {
    std::vector<std::atomic<int>> calls(static_cast<std::size_t>(count));
    pool.run(count, [&](int i) { calls[static_cast<std::size_t>(i)].fetch_add(1); });
    for (int i = 0; i < count; ++i) {
        CAPTURE(i);
        REQUIRE(calls[static_cast<std::size_t>(i)].load() == 1);
    }
}

}  // namespace

TEST_SUITE("backend.cpu.thread_pool") {
    TEST_CASE("back-to-back runs, while the workers spin") {
        ThreadPool pool(3);
        for (int r = 0; r < 2000; ++r) check_run(pool, 2 + r % 7);
    }

    TEST_CASE("runs after the workers have gone to sleep") {
        ThreadPool pool(2);
        for (int r = 0; r < 5; ++r) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            check_run(pool, 4);
        }
    }

    TEST_CASE("a task that outlasts the spin: the caller sleeps until it ends") {
        ThreadPool pool(2);
        std::atomic<int> done{0};
        pool.run(2, [&](int) {
            std::this_thread::sleep_for(std::chrono::milliseconds(3));
            done.fetch_add(1);
        });
        CHECK(done.load() == 2);
    }

    TEST_CASE("a pool is destroyed with its workers spinning or asleep") {
        {
            ThreadPool spinning(2);
            check_run(spinning, 2);
        }
        ThreadPool sleeping(2);
        check_run(sleeping, 2);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}
