// Where a tensor's memory lives: a backend's device type plus an index.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kerascpp {

class Device {
public:
    /// The default device ("cpu" unless set_default_device changed it).
    Device();
    /// Parses "cpu", "cuda", "cuda:1", or the name of any registered backend.
    /// Throws ValueError when no backend of that name is registered.
    Device(std::string_view spec);  // NOLINT(google-explicit-constructor): "cpu" reads naturally
    Device(const char* spec) : Device(std::string_view(spec)) {}

    static Device cpu() { return Device("cpu"); }

    /// The backend registry's id for this device type.
    int type_id() const { return type_id_; }
    int index() const { return index_; }
    /// "cpu", "cuda:0", ...
    std::string str() const;
    std::string_view type_name() const;

    friend bool operator==(const Device&, const Device&) = default;

private:
    int type_id_ = 0;
    int index_ = 0;
};

/// Tensors created without an explicit device go here.
Device default_device();
void set_default_device(const Device& device);

}  // namespace kerascpp
