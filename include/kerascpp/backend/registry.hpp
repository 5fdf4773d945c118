// The registry that maps a device type name ("cpu", "cuda", ...) to its backend.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kerascpp/backend/backend.hpp"

namespace kerascpp::backend {

/// Builds the backend on first use. Throws RuntimeError when the device is unusable
/// here (for example no GPU), with a message saying why.
using BackendFactory = std::function<std::unique_ptr<Backend>()>;

/// Registers a backend under a device type name and returns its type id.
/// Registering an existing name throws ValueError.
int register_backend(std::string name, BackendFactory factory);

/// The type id of a registered name, or -1.
int find_backend(std::string_view name);

/// The backend of a type id, created on first call (throws RuntimeError if unusable).
Backend& get_backend(int type_id);

std::string_view backend_name(int type_id);

/// Names of all registered device types, in registration order.
std::vector<std::string> registered_backends();

/// True when the backend of that name is registered and can be created here.
bool is_available(std::string_view name);

}  // namespace kerascpp::backend
