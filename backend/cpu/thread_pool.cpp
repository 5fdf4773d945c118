#include "thread_pool.hpp"

#include <algorithm>
#include <chrono>

namespace kerascpp::backend::cpu {
namespace {

// Long enough to bridge the single-threaded bookkeeping between the kernels of a step.
constexpr auto kSpinTime = std::chrono::microseconds(100);

void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

/// Spins until done() or kSpinTime has passed; returns done().
template <class Done>
bool spin_until(Done&& done) {
    const auto deadline = std::chrono::steady_clock::now() + kSpinTime;
    while (true) {
        for (int i = 0; i < 64; ++i) {
            if (done()) return true;
            cpu_relax();
        }
        if (std::chrono::steady_clock::now() > deadline) return done();
    }
}

}  // namespace

ThreadPool& ThreadPool::instance() {
    // Leaked on purpose: tensors freed during static destruction may still run kernels.
    static auto* pool =
        new ThreadPool(static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
    return *pool;
}

ThreadPool::ThreadPool(int threads) {
    for (int i = 1; i < threads; ++i) workers_.emplace_back([this] { work(); });
}

ThreadPool::~ThreadPool() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        generation_.fetch_add(1);
    }
    wake_.notify_all();
    for (auto& t : workers_) t.join();
}

// Takes tasks until none are left; called with mutex_ held, returns with it held.
void ThreadPool::drain() {
    while (task_ != nullptr && next_ < count_) {
        const int i = next_++;
        const auto* task = task_;
        mutex_.unlock();
        (*task)(i);
        mutex_.lock();
        if (finished_.fetch_add(1, std::memory_order_release) + 1 == count_ && caller_sleeping_) {
            done_.notify_one();
        }
    }
}

void ThreadPool::work() {
    std::uint64_t seen = 0;  // the generation at construction: a late start misses nothing
    while (true) {
        spin_until([&] { return generation_.load(std::memory_order_relaxed) != seen; });
        std::unique_lock lock(mutex_);
        ++sleeping_workers_;
        wake_.wait(lock, [&] { return stop_ || generation_.load() != seen; });
        --sleeping_workers_;
        if (stop_) return;
        seen = generation_.load();
        drain();
    }
}

void ThreadPool::wait_until_finished(std::unique_lock<std::mutex>& lock) {
    lock.unlock();
    const bool finished =
        spin_until([&] { return finished_.load(std::memory_order_acquire) == count_; });
    lock.lock();
    if (finished) return;
    caller_sleeping_ = true;
    done_.wait(lock, [&] { return finished_.load() == count_; });
    caller_sleeping_ = false;
}

void ThreadPool::run(int count, const std::function<void(int)>& task) {
    if (count <= 0) return;
    if (count == 1 || workers_.empty()) {
        for (int i = 0; i < count; ++i) task(i);
        return;
    }
    std::lock_guard run_lock(run_mutex_);
    std::unique_lock lock(mutex_);
    task_ = &task;
    count_ = count;
    next_ = 0;
    finished_.store(0);
    generation_.fetch_add(1);
    if (sleeping_workers_ > 0) wake_.notify_all();
    drain();
    wait_until_finished(lock);
    task_ = nullptr;
}

}  // namespace kerascpp::backend::cpu
