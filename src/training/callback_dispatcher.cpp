#include "training/callback_dispatcher.hpp"

#include "kerascpp/callbacks/progbar_logger.hpp"

namespace kerascpp::detail {

CallbackDispatcher::CallbackDispatcher(const CallbackList& user, Model& model, const callbacks::Params& params,
                                       bool add_history) {
    if (params.verbose != 0) callbacks_.push_back(std::make_shared<callbacks::ProgbarLogger>());
    for (const auto& cb : user) callbacks_.push_back(cb.shared());
    if (add_history) {
        history_ = std::make_shared<callbacks::History>();
        callbacks_.push_back(history_);
    }
    for (auto& cb : callbacks_) {
        cb->set_model(&model);
        cb->set_params(params);
    }
}

}  // namespace kerascpp::detail
