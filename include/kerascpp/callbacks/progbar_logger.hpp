// ProgbarLogger: prints Keras 3's progress bar. fit/evaluate/predict add one when verbose.
//
//   Epoch 3/10
//   938/938 ━━━━━━━━━━━━━━━━━━━━ 2s 2ms/step - accuracy: 0.9200 - loss: 0.3000
//
// On a terminal the line updates in place during the epoch; otherwise (a pipe, a file)
// one line is printed per epoch. verbose=2 prints "938/938 - 2s - 2ms/step - ...".
#pragma once

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>

#include "kerascpp/callbacks/callback.hpp"

namespace kerascpp::callbacks {

class ProgbarLogger : public Callback {
public:
    /// Writes to `out` (stdout by default); `interactive` overrides terminal detection.
    explicit ProgbarLogger(std::FILE* out = stdout, std::optional<bool> interactive = std::nullopt);

    void on_train_begin(const Logs& logs) override;
    void on_epoch_begin(int epoch, const Logs& logs) override;
    void on_train_batch_end(std::int64_t batch, const Logs& logs) override;
    void on_epoch_end(int epoch, const Logs& logs) override;
    void on_test_begin(const Logs& logs) override;
    void on_test_batch_end(std::int64_t batch, const Logs& logs) override;
    void on_test_end(const Logs& logs) override;
    void on_predict_begin(const Logs& logs) override;
    void on_predict_batch_end(std::int64_t batch, const Logs& logs) override;
    void on_predict_end(const Logs& logs) override;

    /// The text of one progress line (without colors), for tests and custom loggers.
    static std::string format_line(std::int64_t current, std::int64_t target, double seconds, const Logs& logs,
                                   int verbose, bool finished);

private:
    void start();
    void update(std::int64_t current, const Logs& logs, bool finished);

    std::FILE* out_;
    bool interactive_;
    bool in_training_ = false;
    std::int64_t target_ = 0;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace kerascpp::callbacks
