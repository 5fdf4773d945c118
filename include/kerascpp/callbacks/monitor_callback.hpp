// MonitorCallback: the base of callbacks that watch one logged quantity and act when it
// improves (Keras 3's MonitorCallback: EarlyStopping, ModelCheckpoint).
#pragma once

#include <optional>
#include <string>

#include "kerascpp/callbacks/callback.hpp"

namespace kerascpp::callbacks {

class MonitorCallback : public Callback {
  public:
    /// mode: "min", "max" or "auto" (the direction comes from the monitored name: losses
    /// fall; a compiled metric rises or falls as its class does). baseline: the initial best.
    MonitorCallback(std::string callback_name, std::string monitor, std::string mode,
                    std::optional<double> baseline, double min_delta);

    const std::string& monitor() const { return monitor_; }
    /// The best value seen so far (the baseline before the first one).
    std::optional<double> best() const { return best_; }

  protected:
    /// Whether value beats reference by more than min_delta (always true without one).
    /// The first call resolves the direction ("auto" looks at the model's metrics).
    bool is_improvement(double value, std::optional<double> reference);
    /// The monitored value in logs, or nothing (with a warning on stderr naming what is there).
    std::optional<double> monitor_value(const Logs& logs) const;

    std::string callback_name_;
    std::optional<double> best_;

  private:
    /// True when the monitored quantity should grow.
    bool resolve_direction() const;

    std::string monitor_;
    std::string mode_;
    double min_delta_;
    std::optional<bool> maximize_;
};

}  // namespace kerascpp::callbacks
