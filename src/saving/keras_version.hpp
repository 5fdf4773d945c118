// What kerascpp writes as the "keras_version" and "backend" of its files: the Keras
// release whose formats and configs it follows, and its own name. Legacy .h5 files are
// written in the dialect of Keras 2.15, the last Keras 2, which Keras 3 also reads.
#pragma once

namespace kerascpp::saving {

inline constexpr const char* kKerasVersion = "3.15.1";
inline constexpr const char* kKeras2Version = "2.15.0";
inline constexpr const char* kBackendName = "kerascpp";

}  // namespace kerascpp::saving
