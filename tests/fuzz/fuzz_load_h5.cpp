// libFuzzer target: any bytes given to load_model as an .h5 file end in a model or an
// exception (built with KERASCPP_FUZZ=ON, which needs clang; scripts/fuzz.sh runs it from the
// seed corpus of tests/data).
#include "load_model_bytes.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return load_model_bytes(data, size, ".h5");
}
