// libFuzzer target: any bytes given to load_model as an .h5 file end in a model or an
// exception, never a crash, a leak or undefined behaviour (built with KERASCPP_FUZZ=ON, which
// needs clang; scripts/fuzz.sh runs it from the seed corpus of tests/data).
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <kerascpp/kerascpp.hpp>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string path = "/tmp/kerascpp_fuzz_" + std::to_string(::getpid()) + ".h5";
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    try {
        auto model = kerascpp::models::load_model(path);
        (void)model->count_params();
    } catch (const std::exception&) {
        // a clear exception is the expected outcome for most inputs
    }
    std::remove(path.c_str());
    return 0;
}
