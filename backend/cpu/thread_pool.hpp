// A small pool of worker threads. After a task a worker spins briefly, so that the next
// parallel kernel of a training step starts without waking it through the kernel (which
// costs tens of microseconds), then sleeps; an idle process keeps no core busy. (OpenMP's
// workers spin for much longer, and steal the cores from whatever runs next.)
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace kerascpp::backend::cpu {

class ThreadPool {
  public:
    /// The process-wide pool: one thread per core, the calling thread included.
    static ThreadPool& instance();

    explicit ThreadPool(int threads);
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    int size() const { return static_cast<int>(workers_.size()) + 1; }

    /// Calls task(i) for i in [0, count), spread over the pool; the caller takes part and
    /// returns when every task is done. Tasks must not throw.
    void run(int count, const std::function<void(int)>& task);

  private:
    void work();
    void drain();
    void wait_until_finished(std::unique_lock<std::mutex>& lock);

    std::vector<std::thread> workers_;
    std::mutex mutex_;
    std::mutex run_mutex_;  // one run at a time
    std::condition_variable wake_;
    std::condition_variable done_;
    const std::function<void(int)>* task_ = nullptr;
    int count_ = 0;
    int next_ = 0;
    std::atomic<int> finished_{0};
    std::atomic<std::uint64_t> generation_{0};  // changed under mutex_, read while spinning
    int sleeping_workers_ = 0;
    bool caller_sleeping_ = false;
    bool stop_ = false;
};

}  // namespace kerascpp::backend::cpu
