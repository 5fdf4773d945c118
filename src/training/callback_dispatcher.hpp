// Sends each hook to every callback of a fit / evaluate / predict run, with the built-in
// ProgbarLogger first and History last, as Keras's CallbackList does. Internal.
#pragma once

#include <memory>
#include <vector>

#include "kerascpp/callbacks/history.hpp"
#include "kerascpp/models/model.hpp"

namespace kerascpp::detail {

class CallbackDispatcher {
public:
    CallbackDispatcher(const CallbackList& user, Model& model, const callbacks::Params& params, bool add_history);

    /// The History callback (only when add_history was true).
    const callbacks::History& history() const { return *history_; }

    template <class Hook, class... Args>
    void call(Hook hook, const Args&... args) {
        for (auto& cb : callbacks_) ((*cb).*hook)(args...);
    }

private:
    std::vector<std::shared_ptr<callbacks::Callback>> callbacks_;
    std::shared_ptr<callbacks::History> history_;
};

}  // namespace kerascpp::detail
