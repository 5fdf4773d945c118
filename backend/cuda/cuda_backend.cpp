#include "cuda_backend.hpp"

#include <string>

#include "cuda_check.hpp"
#include "kerascpp/backend/registry.hpp"
#include "kerascpp/errors.hpp"
#include "kernels.hpp"

namespace kerascpp::backend::cuda {
namespace {

/// Throws RuntimeError unless the runtime sees at least one device.
void require_device() {
    int count = 0;
    const cudaError_t status = cudaGetDeviceCount(&count);
    if (status != cudaSuccess) {
        cudaGetLastError();  // leave no sticky error behind
        throw RuntimeError(std::string("no CUDA device found: cudaGetDeviceCount returned ") +
                           cudaGetErrorName(status) + " (" + cudaGetErrorString(status) + ")");
    }
    if (count == 0) {
        throw RuntimeError("no CUDA device found: cudaGetDeviceCount returned 0 devices");
    }
}

}  // namespace

void CudaBackend::StreamDeleter::operator()(cudaStream_t stream) const noexcept {
    cudaStreamDestroy(stream);
}

void CudaBackend::CublasDeleter::operator()(cublasHandle_t handle) const noexcept {
    cublasDestroy(handle);
}

CudaBackend::CudaBackend() {
    require_device();
    cudaStream_t stream = nullptr;
    KERASCPP_CUDA_CHECK(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking));
    stream_.reset(stream);
    cublasHandle_t handle = nullptr;
    KERASCPP_CUBLAS_CHECK(cublasCreate(&handle));
    cublas_.reset(handle);
    KERASCPP_CUBLAS_CHECK(cublasSetStream(handle, stream));
    // Full FP32 precision (no TF32), so float32 GEMM agrees with the CPU backend.
    KERASCPP_CUBLAS_CHECK(cublasSetMathMode(handle, CUBLAS_DEFAULT_MATH));
}

CudaBackend::~CudaBackend() {
    // At process exit the runtime (and cuBLAS's copy of it) may be shut down before this
    // singleton; destroying handles then can crash, so they are left to the OS instead.
    if (cudaStreamQuery(stream()) == cudaErrorCudartUnloading) {
        static_cast<void>(cublas_.release());
        static_cast<void>(stream_.release());
    }
}

// ---- memory -------------------------------------------------------------------------------

void* CudaBackend::allocate(std::size_t nbytes) {
    return allocator_.allocate(nbytes);
}

void CudaBackend::deallocate(void* ptr, std::size_t nbytes) noexcept {
    allocator_.deallocate(ptr, nbytes);
}

MemoryStats CudaBackend::memory_stats() const {
    return allocator_.stats();
}

void CudaBackend::empty_cache() {
    synchronize();
    allocator_.empty_cache();
}

void CudaBackend::copy_from_host(const void* host_src, void* dst, std::size_t nbytes) {
    if (nbytes == 0) return;
    KERASCPP_CUDA_CHECK(cudaMemcpyAsync(dst, host_src, nbytes, cudaMemcpyHostToDevice, stream()));
    synchronize();  // the caller may release host_src as soon as this returns
}

void CudaBackend::copy_to_host(const void* src, void* host_dst, std::size_t nbytes) {
    if (nbytes == 0) return;
    KERASCPP_CUDA_CHECK(cudaMemcpyAsync(host_dst, src, nbytes, cudaMemcpyDeviceToHost, stream()));
    synchronize();
}

void CudaBackend::synchronize() {
    KERASCPP_CUDA_CHECK(cudaStreamSynchronize(stream()));
}

// ---- layout ---------------------------------------------------------------------------------

void CudaBackend::copy(const ConstView& src, const MutView& dst) {
    launch_copy(src, dst, stream());
}

void CudaBackend::cast(const void* src, DType from, void* dst, DType to, std::size_t n) {
    launch_cast(src, from, dst, to, n, stream());
}

void CudaBackend::fill(void* dst, DType dtype, std::size_t n, double value) {
    launch_fill(dst, dtype, n, value, stream());
}

void CudaBackend::arange(void* dst, DType dtype, std::size_t n, double start, double step) {
    launch_arange(dst, dtype, n, start, step, stream());
}

// ---- elementwise --------------------------------------------------------------------------

void CudaBackend::unary(UnaryOp op, const void* x, void* y, DType dtype, std::size_t n) {
    launch_unary(op, x, y, dtype, n, stream());
}

void CudaBackend::binary(BinaryOp op, const ConstView& a, const ConstView& b, void* out) {
    launch_binary(op, a, b, out, stream());
}

void CudaBackend::where(const ConstView& cond, const ConstView& a, const ConstView& b, void* out) {
    launch_where(cond, a, b, out, stream());
}

// ---- reductions ---------------------------------------------------------------------------

void CudaBackend::reduce(ReduceOp op, const void* x, void* y, DType dtype, std::int64_t outer,
                         std::int64_t n, std::int64_t inner) {
    launch_reduce(op, x, y, dtype, outer, n, inner, stream());
}

void CudaBackend::arg_reduce(ArgReduceOp op, const void* x, std::int64_t* y, DType dtype,
                             std::int64_t outer, std::int64_t n, std::int64_t inner) {
    launch_arg_reduce(op, x, y, dtype, outer, n, inner, stream());
}

// ---- linear algebra, neural-network primitives, random ------------------------------------

void CudaBackend::gemm(const GemmArgs& args) {
    cuda::gemm(args, cublas_.get(), stream());
}

void CudaBackend::softmax(const void* x, void* y, DType dtype, std::int64_t rows, std::int64_t cols,
                          bool log) {
    launch_softmax(x, y, dtype, rows, cols, log, stream());
}

void CudaBackend::random(Distribution dist, void* dst, DType dtype, std::size_t n,
                         std::uint64_t seed, std::uint64_t offset, double a, double b) {
    launch_random(dist, dst, dtype, n, seed, offset, a, b, stream());
}

std::unique_ptr<Backend> make_cuda_backend() {
    return std::make_unique<CudaBackend>();
}

namespace {

[[maybe_unused]] const int registered =
    register_backend("cuda", [] { return make_cuda_backend(); });

}  // namespace

}  // namespace kerascpp::backend::cuda
