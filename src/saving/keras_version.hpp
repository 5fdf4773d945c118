// What kerascpp writes as the "keras_version" and "backend" of its files: the Keras
// release whose formats and configs it follows, and its own name.
#pragma once

namespace kerascpp::saving {

inline constexpr const char* kKerasVersion = "3.15.1";
inline constexpr const char* kBackendName = "kerascpp";

}  // namespace kerascpp::saving
