#include "cuda_check.hpp"

#include <string>

#include "kerascpp/errors.hpp"

namespace kerascpp::backend::cuda {

void check_cuda(cudaError_t status, const char* call) {
    if (status == cudaSuccess) return;
    throw RuntimeError(std::string(call) + " failed: " + cudaGetErrorName(status) + " (" +
                       cudaGetErrorString(status) + ")");
}

void check_cublas(cublasStatus_t status, const char* call) {
    if (status == CUBLAS_STATUS_SUCCESS) return;
    throw RuntimeError(std::string(call) + " failed: " + cublasGetStatusName(status) + " (" +
                       cublasGetStatusString(status) + ")");
}

void check_launch(const char* kernel) {
    check_cuda(cudaGetLastError(), (std::string("launch of ") + kernel).c_str());
}

}  // namespace kerascpp::backend::cuda
