// Atomic file writes: a file is written under a temporary name in its directory and renamed
// over the destination only once complete, so a failure (an exception, a full disk, a
// crash) never leaves a half-written file under the final name.
#pragma once

#include <functional>
#include <string>

namespace kerascpp::saving {

/// Calls write(temporary_path) and then renames the temporary file to path. If write throws,
/// the temporary file is removed, path is left as it was, and the exception propagates.
void write_atomically(const std::string& path,
                      const std::function<void(const std::string&)>& write);

/// Writes bytes (text or binary) to path atomically.
void write_bytes_atomically(const std::string& path, const std::string& bytes);

}  // namespace kerascpp::saving
