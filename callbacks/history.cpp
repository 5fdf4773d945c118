#include "kerascpp/callbacks/history.hpp"

namespace kerascpp::callbacks {

void History::on_train_begin(const Logs&) {
    history.clear();
    epoch.clear();
}

void History::on_epoch_end(int epoch_index, const Logs& logs) {
    epoch.push_back(epoch_index);
    for (const auto& [name, value] : logs) history[name].push_back(value);
}

}  // namespace kerascpp::callbacks
