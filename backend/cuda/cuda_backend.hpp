// The CUDA backend: kernels on one CUDA stream of the current device, GEMM through cuBLAS,
// memory from a caching allocator. Registered under the device type name "cuda".
#pragma once

#include <cublas_v2.h>
#include <cuda_runtime_api.h>

#include <memory>

#include "caching_allocator.hpp"
#include "kerascpp/backend/backend.hpp"

namespace kerascpp::backend::cuda {

class CudaBackend final : public Backend {
  public:
    /// Throws RuntimeError when no CUDA device is usable.
    CudaBackend();
    ~CudaBackend() override;
    CudaBackend(const CudaBackend&) = delete;
    CudaBackend& operator=(const CudaBackend&) = delete;
    std::string_view name() const override { return "cuda"; }

    void* allocate(std::size_t nbytes) override;
    void deallocate(void* ptr, std::size_t nbytes) noexcept override;
    MemoryStats memory_stats() const override;
    void empty_cache() override;
    void copy_from_host(const void* host_src, void* dst, std::size_t nbytes) override;
    void copy_to_host(const void* src, void* host_dst, std::size_t nbytes) override;
    void synchronize() override;

    void copy(const ConstView& src, const MutView& dst) override;
    void cast(const void* src, DType from, void* dst, DType to, std::size_t n) override;
    void fill(void* dst, DType dtype, std::size_t n, double value) override;
    void arange(void* dst, DType dtype, std::size_t n, double start, double step) override;

    void unary(UnaryOp op, const void* x, void* y, DType dtype, std::size_t n) override;
    void binary(BinaryOp op, const ConstView& a, const ConstView& b, void* out) override;
    void where(const ConstView& cond, const ConstView& a, const ConstView& b, void* out) override;

    void reduce(ReduceOp op, const void* x, void* y, DType dtype, std::int64_t outer,
                std::int64_t n, std::int64_t inner) override;
    void arg_reduce(ArgReduceOp op, const void* x, std::int64_t* y, DType dtype, std::int64_t outer,
                    std::int64_t n, std::int64_t inner) override;

    void gemm(const GemmArgs& args) override;

    void softmax(const void* x, void* y, DType dtype, std::int64_t rows, std::int64_t cols,
                 bool log) override;

    void random(Distribution dist, void* dst, DType dtype, std::size_t n, std::uint64_t seed,
                std::uint64_t offset, double a, double b) override;

    /// Defined in optimizer_step.cu.
    void optimizer_step(const OptimizerStep& step) override;

  private:
    struct StreamDeleter {
        void operator()(cudaStream_t stream) const noexcept;
    };
    struct CublasDeleter {
        void operator()(cublasHandle_t handle) const noexcept;
    };

    cudaStream_t stream() const { return stream_.get(); }

    // Declared in order of construction; the allocator goes first on destruction.
    std::unique_ptr<CUstream_st, StreamDeleter> stream_;
    std::unique_ptr<cublasContext, CublasDeleter> cublas_;
    CachingAllocator allocator_;
};

/// Creates the backend; throws RuntimeError ("no CUDA device found: ...") without a GPU.
std::unique_ptr<Backend> make_cuda_backend();

}  // namespace kerascpp::backend::cuda
