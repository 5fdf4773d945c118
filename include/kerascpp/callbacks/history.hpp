// History: records each epoch's logs; fit() returns it.
#pragma once

#include <string>
#include <vector>

#include "kerascpp/callbacks/callback.hpp"

namespace kerascpp::callbacks {

class History : public Callback {
public:
    /// Metric name → one value per epoch: history["loss"], history["val_accuracy"], ...
    std::map<std::string, std::vector<double>> history;
    /// The epoch indices recorded.
    std::vector<int> epoch;

    void on_train_begin(const Logs& logs) override;
    void on_epoch_end(int epoch_index, const Logs& logs) override;
};

}  // namespace kerascpp::callbacks
