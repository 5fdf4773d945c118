// KERASCPP_HOST_DEVICE marks the functions of backend/common that both the CPU kernels and
// CUDA device code call.
#pragma once

#if defined(__CUDACC__)
#define KERASCPP_HOST_DEVICE __host__ __device__
#else
#define KERASCPP_HOST_DEVICE
#endif
