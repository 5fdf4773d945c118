#include "kerascpp/backend/registry.hpp"

#include <mutex>

#include "kerascpp/errors.hpp"

namespace kerascpp::backend {
namespace {

struct Entry {
    std::string name;
    BackendFactory factory;
    std::unique_ptr<Backend> instance;
    std::once_flag created;
};

// Entries are never removed and never move (deque-like via unique_ptr), so references
// handed out by get_backend stay valid for the life of the program. The registry is
// intentionally leaked: tensors freed during static destruction still reach their backend.
struct Registry {
    std::mutex mutex;
    std::vector<std::unique_ptr<Entry>> entries;
};

Registry& registry() {
    static auto* instance = new Registry();
    return *instance;
}

Entry& entry(int type_id) {
    auto& reg = registry();
    std::lock_guard lock(reg.mutex);
    if (type_id < 0 || type_id >= static_cast<int>(reg.entries.size())) {
        throw ValueError("kerascpp: no backend is registered with type id " +
                         std::to_string(type_id));
    }
    return *reg.entries[static_cast<std::size_t>(type_id)];
}

}  // namespace

int register_backend(std::string name, BackendFactory factory) {
    auto& reg = registry();
    std::lock_guard lock(reg.mutex);
    for (const auto& e : reg.entries) {
        if (e->name == name) {
            throw ValueError("kerascpp: a backend named '" + name +
                             "' is already registered; pick another device type name");
        }
    }
    auto e = std::make_unique<Entry>();
    e->name = std::move(name);
    e->factory = std::move(factory);
    reg.entries.push_back(std::move(e));
    return static_cast<int>(reg.entries.size()) - 1;
}

int find_backend(std::string_view name) {
    auto& reg = registry();
    std::lock_guard lock(reg.mutex);
    for (std::size_t i = 0; i < reg.entries.size(); ++i) {
        if (reg.entries[i]->name == name) return static_cast<int>(i);
    }
    return -1;
}

Backend& get_backend(int type_id) {
    Entry& e = entry(type_id);
    std::call_once(e.created, [&] { e.instance = e.factory(); });
    if (!e.instance) {
        throw RuntimeError("kerascpp: the '" + e.name + "' backend factory returned no backend");
    }
    return *e.instance;
}

std::string_view backend_name(int type_id) { return entry(type_id).name; }

std::vector<std::string> registered_backends() {
    auto& reg = registry();
    std::lock_guard lock(reg.mutex);
    std::vector<std::string> names;
    for (const auto& e : reg.entries) names.push_back(e->name);
    return names;
}

bool is_available(std::string_view name) {
    const int id = find_backend(name);
    if (id < 0) return false;
    try {
        get_backend(id);
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

}  // namespace kerascpp::backend
