// The CPU backend: xtensor (with xsimd) for elementwise and reduction kernels, OpenBLAS
// for matrix products, a sleeping thread pool to use every core where the work is large enough.
#pragma once

#include "caching_allocator.hpp"
#include "kerascpp/backend/backend.hpp"

namespace kerascpp::backend::cpu {

class CpuBackend final : public Backend {
public:
    std::string_view name() const override { return "cpu"; }

    void* allocate(std::size_t nbytes) override { return allocator_.allocate(nbytes); }
    void deallocate(void* ptr, std::size_t nbytes) noexcept override {
        allocator_.deallocate(ptr, nbytes);
    }
    MemoryStats memory_stats() const override { return allocator_.stats(); }
    void empty_cache() override { allocator_.empty_cache(); }
    void copy_from_host(const void* host_src, void* dst, std::size_t nbytes) override;
    void copy_to_host(const void* src, void* host_dst, std::size_t nbytes) override;

    void copy(const ConstView& src, const MutView& dst) override;
    void cast(const void* src, DType from, void* dst, DType to, std::size_t n) override;
    void fill(void* dst, DType dtype, std::size_t n, double value) override;
    void arange(void* dst, DType dtype, std::size_t n, double start, double step) override;

    void unary(UnaryOp op, const void* x, void* y, DType dtype, std::size_t n) override;
    void binary(BinaryOp op, const ConstView& a, const ConstView& b, void* out) override;
    void where(const ConstView& cond, const ConstView& a, const ConstView& b,
               void* out) override;

    void reduce(ReduceOp op, const void* x, void* y, DType dtype, std::int64_t outer,
                std::int64_t n, std::int64_t inner) override;
    void arg_reduce(ArgReduceOp op, const void* x, std::int64_t* y, DType dtype,
                    std::int64_t outer, std::int64_t n, std::int64_t inner) override;

    void gemm(const GemmArgs& args) override;

    void softmax(const void* x, void* y, DType dtype, std::int64_t rows, std::int64_t cols,
                 bool log) override;
    void conv(const ConvGeometry& g, const void* x, const void* w, void* y) override;
    void conv_backward_input(const ConvGeometry& g, const void* dy, const void* w, void* dx) override;
    void conv_backward_kernel(const ConvGeometry& g, const void* x, const void* dy, void* dw) override;
    void pool(PoolOp op, const PoolGeometry& g, const void* x, void* y) override;
    void pool_backward(PoolOp op, const PoolGeometry& g, const void* x, const void* dy, void* dx) override;
    void max_pool_gather(const PoolGeometry& g, const void* x, const void* h, void* y) override;

    void batch_norm_forward(const void* x, const void* gamma, const void* beta, void* y, void* mean, void* var,
                            DType dtype, std::int64_t outer, std::int64_t channels, std::int64_t inner,
                            double epsilon) override;
    void batch_norm_backward(const void* x, const void* dy, const void* mean, const void* var, const void* gamma,
                             void* dx, void* dgamma, void* dbeta, DType dtype, std::int64_t outer,
                             std::int64_t channels, std::int64_t inner, double epsilon) override;

    void random(Distribution dist, void* dst, DType dtype, std::size_t n, std::uint64_t seed,
                std::uint64_t offset, double a, double b) override;

    void optimizer_step(const OptimizerStep& step) override;

private:
    CachingAllocator allocator_;
};

}  // namespace kerascpp::backend::cpu
