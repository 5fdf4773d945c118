#include "thread_pool.hpp"

#include <algorithm>

namespace kerascpp::backend::cpu {

ThreadPool& ThreadPool::instance() {
    // Leaked on purpose: tensors freed during static destruction may still run kernels.
    static auto* pool = new ThreadPool(static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
    return *pool;
}

ThreadPool::ThreadPool(int threads) {
    for (int i = 1; i < threads; ++i) workers_.emplace_back([this] { work(); });
}

ThreadPool::~ThreadPool() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
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
        if (++finished_ == count_) done_.notify_all();
    }
}

void ThreadPool::work() {
    std::unique_lock lock(mutex_);
    std::uint64_t seen = generation_;
    while (true) {
        wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
        if (stop_) return;
        seen = generation_;
        drain();
    }
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
    next_ = finished_ = 0;
    ++generation_;
    wake_.notify_all();
    drain();
    done_.wait(lock, [&] { return finished_ == count_; });
    task_ = nullptr;
}

}  // namespace kerascpp::backend::cpu
