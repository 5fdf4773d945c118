// A small pool of worker threads that sleep while idle. (OpenMP's workers spin after each
// parallel region and steal the cores OpenBLAS needs for the next GEMM.)
#pragma once

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

    std::vector<std::thread> workers_;
    std::mutex mutex_;
    std::mutex run_mutex_;  // one run at a time
    std::condition_variable wake_;
    std::condition_variable done_;
    const std::function<void(int)>* task_ = nullptr;
    int count_ = 0;
    int next_ = 0;
    int finished_ = 0;
    std::uint64_t generation_ = 0;
    bool stop_ = false;
};

}  // namespace kerascpp::backend::cpu
