// Turns CUDA runtime and cuBLAS status codes into kerascpp::RuntimeError.
#pragma once

#include <cublas_v2.h>
#include <cuda_runtime_api.h>

namespace kerascpp::backend::cuda {

/// Throws RuntimeError naming `call` and the error unless `status` is cudaSuccess.
void check_cuda(cudaError_t status, const char* call);

/// Throws RuntimeError naming `call` and the error unless `status` is CUBLAS_STATUS_SUCCESS.
void check_cublas(cublasStatus_t status, const char* call);

/// Throws RuntimeError when the last kernel launch of this thread was rejected.
void check_launch(const char* kernel);

}  // namespace kerascpp::backend::cuda

#define KERASCPP_CUDA_CHECK(call) ::kerascpp::backend::cuda::check_cuda((call), #call)
#define KERASCPP_CUBLAS_CHECK(call) ::kerascpp::backend::cuda::check_cublas((call), #call)
