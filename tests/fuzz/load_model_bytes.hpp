// What each loader fuzz target does with an input: write it as a model file and load it.
// Any bytes must end in a model or an exception, never a crash, a leak or undefined
// behaviour.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <kerascpp/kerascpp.hpp>
#include <string>

inline int load_model_bytes(const std::uint8_t* data, std::size_t size,
                            const std::string& extension) {
    static const std::string path = "/tmp/kerascpp_fuzz_" + std::to_string(::getpid()) + extension;
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
