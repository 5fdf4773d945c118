// The learning-rate schedules, with Keras 3's formulas (keras/src/optimizers/schedules/
// learning_rate_schedule.py), computed in double.
#include "kerascpp/optimizers/schedules.hpp"

#include <cmath>
#include <functional>
#include <map>
#include <numbers>

#include "optimizers/config.hpp"

namespace kerascpp::optimizers::schedules {

namespace {

using optimizers::detail::count_json;
using optimizers::detail::json;
using optimizers::detail::read;

void require_positive_steps(const char* argument, double steps) {
    if (!(steps > 0)) {
        throw ValueError(std::string("Argument `") + argument +
                         "` must be > 0. Received: " + argument + "=" + json(steps).dump());
    }
}

/// config[key] as a number; ValueError when missing or not a number.
double required(const json& config, const char* key, const std::string& what) {
    if (!config.contains(key)) {
        throw ValueError(what + ": the config has no '" + key + "'; got " + config.dump());
    }
    double value = 0;
    read(config, key, value, what);
    return value;
}

/// 0.5 (1 + cos(π fraction)) scaled into [alpha, 1].
double cosine_decayed(double completed_fraction, double alpha) {
    const double cosine = 0.5 * (1.0 + std::cos(std::numbers::pi * completed_fraction));
    return (1.0 - alpha) * cosine + alpha;
}

using Factory = std::function<std::shared_ptr<LearningRateSchedule>(const json&)>;

template <class S>
std::pair<const std::string, Factory> factory(const char* class_name) {
    return {class_name, [](const json& config) -> std::shared_ptr<LearningRateSchedule> {
                return std::make_shared<S>(S::from_config(config));
            }};
}

}  // namespace

// ---- ExponentialDecay -------------------------------------------------------------------------

ExponentialDecay::ExponentialDecay(double initial_learning_rate, double decay_steps,
                                   double decay_rate, ExponentialDecayOptions options)
    : initial_learning_rate_(initial_learning_rate),
      decay_steps_(decay_steps),
      decay_rate_(decay_rate),
      options_(std::move(options)) {
    require_positive_steps("decay_steps", decay_steps_);
}

double ExponentialDecay::operator()(std::int64_t step) const {
    double p = static_cast<double>(step) / decay_steps_;
    if (options_.staircase) p = std::floor(p);
    return initial_learning_rate_ * std::pow(decay_rate_, p);
}

nlohmann::json ExponentialDecay::get_config() const {
    return {{"initial_learning_rate", initial_learning_rate_},
            {"decay_steps", count_json(decay_steps_)},
            {"decay_rate", decay_rate_},
            {"staircase", options_.staircase},
            {"name", options_.name}};
}

ExponentialDecay ExponentialDecay::from_config(const nlohmann::json& config) {
    const std::string what = "ExponentialDecay.from_config";
    ExponentialDecayOptions options;
    read(config, "staircase", options.staircase, what);
    read(config, "name", options.name, what);
    const double initial_learning_rate = required(config, "initial_learning_rate", what);
    const double decay_steps = required(config, "decay_steps", what);
    const double decay_rate = required(config, "decay_rate", what);
    return ExponentialDecay(initial_learning_rate, decay_steps, decay_rate, options);
}

// ---- PiecewiseConstantDecay -------------------------------------------------------------------

PiecewiseConstantDecay::PiecewiseConstantDecay(std::vector<double> boundaries,
                                               std::vector<double> values,
                                               PiecewiseConstantDecayOptions options)
    : boundaries_(std::move(boundaries)), values_(std::move(values)), options_(std::move(options)) {
    if (boundaries_.size() + 1 != values_.size()) {
        throw ValueError(
            "The length of boundaries should be 1 less than the length of values. Received: "
            "boundaries=" +
            json(boundaries_).dump() + " of length " + std::to_string(boundaries_.size()) +
            ", and values=" + json(values_).dump() + " of length " +
            std::to_string(values_.size()) + ".");
    }
}

double PiecewiseConstantDecay::operator()(std::int64_t step) const {
    // As Keras: boundaries take the step's (integer) type, and the result is a sum of the
    // values of the intervals that contain the step.
    const auto bound = [&](std::size_t i) { return static_cast<std::int64_t>(boundaries_[i]); };
    if (boundaries_.empty()) return values_[0];
    double result = 0;
    if (step <= bound(0)) result += values_.front();
    if (step > bound(boundaries_.size() - 1)) result += values_.back();
    for (std::size_t i = 0; i + 1 < boundaries_.size(); ++i) {
        if (step > bound(i) && step <= bound(i + 1)) result += values_[i + 1];
    }
    return result;
}

nlohmann::json PiecewiseConstantDecay::get_config() const {
    json boundaries = json::array();
    for (double b : boundaries_) boundaries.push_back(count_json(b));
    return {{"boundaries", boundaries}, {"values", values_}, {"name", options_.name}};
}

PiecewiseConstantDecay PiecewiseConstantDecay::from_config(const nlohmann::json& config) {
    const std::string what = "PiecewiseConstantDecay.from_config";
    const auto list = [&](const char* key) {
        const auto it = config.find(key);
        if (it == config.end() || !it->is_array()) {
            throw ValueError(what + ": '" + key + "' must be a list of numbers; got " +
                             config.dump());
        }
        std::vector<double> out;
        for (const auto& v : *it) {
            if (!v.is_number()) optimizers::detail::bad_config(what, key, *it);
            out.push_back(v.get<double>());
        }
        return out;
    };
    PiecewiseConstantDecayOptions options;
    read(config, "name", options.name, what);
    auto boundaries = list("boundaries");
    auto values = list("values");
    return PiecewiseConstantDecay(std::move(boundaries), std::move(values), options);
}

// ---- PolynomialDecay --------------------------------------------------------------------------

PolynomialDecay::PolynomialDecay(double initial_learning_rate, double decay_steps,
                                 PolynomialDecayOptions options)
    : initial_learning_rate_(initial_learning_rate),
      decay_steps_(decay_steps),
      options_(std::move(options)) {
    require_positive_steps("decay_steps", decay_steps_);
}

double PolynomialDecay::operator()(std::int64_t step) const {
    double s = static_cast<double>(step);
    double decay_steps = decay_steps_;
    if (options_.cycle) {
        decay_steps *= s == 0 ? 1.0 : std::ceil(s / decay_steps_);
    } else {
        s = std::min(s, decay_steps);
    }
    const double p = s / decay_steps;
    return (initial_learning_rate_ - options_.end_learning_rate) *
               std::pow(1.0 - p, options_.power) +
           options_.end_learning_rate;
}

nlohmann::json PolynomialDecay::get_config() const {
    return {{"initial_learning_rate", initial_learning_rate_},
            {"decay_steps", count_json(decay_steps_)},
            {"end_learning_rate", options_.end_learning_rate},
            {"power", options_.power},
            {"cycle", options_.cycle},
            {"name", options_.name}};
}

PolynomialDecay PolynomialDecay::from_config(const nlohmann::json& config) {
    const std::string what = "PolynomialDecay.from_config";
    PolynomialDecayOptions options;
    read(config, "end_learning_rate", options.end_learning_rate, what);
    read(config, "power", options.power, what);
    read(config, "cycle", options.cycle, what);
    read(config, "name", options.name, what);
    const double initial_learning_rate = required(config, "initial_learning_rate", what);
    const double decay_steps = required(config, "decay_steps", what);
    return PolynomialDecay(initial_learning_rate, decay_steps, options);
}

// ---- InverseTimeDecay -------------------------------------------------------------------------

InverseTimeDecay::InverseTimeDecay(double initial_learning_rate, double decay_steps,
                                   double decay_rate, InverseTimeDecayOptions options)
    : initial_learning_rate_(initial_learning_rate),
      decay_steps_(decay_steps),
      decay_rate_(decay_rate),
      options_(std::move(options)) {
    require_positive_steps("decay_steps", decay_steps_);
}

double InverseTimeDecay::operator()(std::int64_t step) const {
    double p = static_cast<double>(step) / decay_steps_;
    if (options_.staircase) p = std::floor(p);
    return initial_learning_rate_ / (1.0 + decay_rate_ * p);
}

nlohmann::json InverseTimeDecay::get_config() const {
    return {{"initial_learning_rate", initial_learning_rate_},
            {"decay_steps", count_json(decay_steps_)},
            {"decay_rate", decay_rate_},
            {"staircase", options_.staircase},
            {"name", options_.name}};
}

InverseTimeDecay InverseTimeDecay::from_config(const nlohmann::json& config) {
    const std::string what = "InverseTimeDecay.from_config";
    InverseTimeDecayOptions options;
    read(config, "staircase", options.staircase, what);
    read(config, "name", options.name, what);
    const double initial_learning_rate = required(config, "initial_learning_rate", what);
    const double decay_steps = required(config, "decay_steps", what);
    const double decay_rate = required(config, "decay_rate", what);
    return InverseTimeDecay(initial_learning_rate, decay_steps, decay_rate, options);
}

// ---- CosineDecay ------------------------------------------------------------------------------

CosineDecay::CosineDecay(double initial_learning_rate, double decay_steps,
                         CosineDecayOptions options)
    : initial_learning_rate_(initial_learning_rate),
      decay_steps_(decay_steps),
      options_(std::move(options)) {
    require_positive_steps("decay_steps", decay_steps_);
}

double CosineDecay::operator()(std::int64_t step) const {
    double s = static_cast<double>(step);
    if (!options_.warmup_target) {
        s = std::min(s, decay_steps_);
        return initial_learning_rate_ * cosine_decayed(s / decay_steps_, options_.alpha);
    }
    const double target = *options_.warmup_target, warmup = options_.warmup_steps;
    s = std::min(s, decay_steps_ + warmup);
    if (s < warmup) {
        return (target - initial_learning_rate_) * (s / warmup) + initial_learning_rate_;
    }
    return target * cosine_decayed((s - warmup) / decay_steps_, options_.alpha);
}

nlohmann::json CosineDecay::get_config() const {
    return {{"initial_learning_rate", initial_learning_rate_},
            {"decay_steps", count_json(decay_steps_)},
            {"alpha", options_.alpha},
            {"name", options_.name},
            {"warmup_target", optimizers::detail::optional_json(options_.warmup_target)},
            {"warmup_steps", count_json(options_.warmup_steps)}};
}

CosineDecay CosineDecay::from_config(const nlohmann::json& config) {
    const std::string what = "CosineDecay.from_config";
    CosineDecayOptions options;
    read(config, "alpha", options.alpha, what);
    read(config, "name", options.name, what);
    read(config, "warmup_target", options.warmup_target, what);
    read(config, "warmup_steps", options.warmup_steps, what);
    const double initial_learning_rate = required(config, "initial_learning_rate", what);
    const double decay_steps = required(config, "decay_steps", what);
    return CosineDecay(initial_learning_rate, decay_steps, options);
}

// ---- CosineDecayRestarts ----------------------------------------------------------------------

CosineDecayRestarts::CosineDecayRestarts(double initial_learning_rate, double first_decay_steps,
                                         CosineDecayRestartsOptions options)
    : initial_learning_rate_(initial_learning_rate),
      first_decay_steps_(first_decay_steps),
      options_(std::move(options)) {
    require_positive_steps("first_decay_steps", first_decay_steps_);
}

double CosineDecayRestarts::operator()(std::int64_t step) const {
    const double t_mul = options_.t_mul;
    double fraction = static_cast<double>(step) / first_decay_steps_;
    double restart = 0;
    if (t_mul == 1.0) {
        restart = std::floor(fraction);
        fraction -= restart;
    } else {
        restart = std::floor(std::log(1.0 - fraction * (1.0 - t_mul)) / std::log(t_mul));
        const double completed = (1.0 - std::pow(t_mul, restart)) / (1.0 - t_mul);
        fraction = (fraction - completed) / std::pow(t_mul, restart);
    }
    const double m_fac = std::pow(options_.m_mul, restart);
    const double cosine = 0.5 * m_fac * (1.0 + std::cos(std::numbers::pi * fraction));
    return initial_learning_rate_ * ((1.0 - options_.alpha) * cosine + options_.alpha);
}

nlohmann::json CosineDecayRestarts::get_config() const {
    return {{"initial_learning_rate", initial_learning_rate_},
            {"first_decay_steps", count_json(first_decay_steps_)},
            {"t_mul", options_.t_mul},
            {"m_mul", options_.m_mul},
            {"alpha", options_.alpha},
            {"name", options_.name}};
}

CosineDecayRestarts CosineDecayRestarts::from_config(const nlohmann::json& config) {
    const std::string what = "CosineDecayRestarts.from_config";
    CosineDecayRestartsOptions options;
    read(config, "t_mul", options.t_mul, what);
    read(config, "m_mul", options.m_mul, what);
    read(config, "alpha", options.alpha, what);
    read(config, "name", options.name, what);
    const double initial_learning_rate = required(config, "initial_learning_rate", what);
    const double first_decay_steps = required(config, "first_decay_steps", what);
    return CosineDecayRestarts(initial_learning_rate, first_decay_steps, options);
}

// ---- serialization ----------------------------------------------------------------------------

nlohmann::json serialize(const LearningRateSchedule& schedule) {
    return {{"module", "keras.optimizers.schedules"},
            {"class_name", schedule.class_name()},
            {"config", schedule.get_config()},
            {"registered_name", nullptr}};
}

std::shared_ptr<LearningRateSchedule> deserialize(const nlohmann::json& serialized) {
    static const std::map<std::string, Factory> factories = {
        factory<ExponentialDecay>("ExponentialDecay"),
        factory<PiecewiseConstantDecay>("PiecewiseConstantDecay"),
        factory<PolynomialDecay>("PolynomialDecay"),
        factory<InverseTimeDecay>("InverseTimeDecay"),
        factory<CosineDecay>("CosineDecay"),
        factory<CosineDecayRestarts>("CosineDecayRestarts"),
    };
    optimizers::detail::require_object(serialized, "schedules.deserialize");
    const auto name = serialized.find("class_name");
    if (name == serialized.end() || !name->is_string()) {
        throw ValueError(
            "schedules.deserialize: expected {\"class_name\": ..., \"config\": ...}; got " +
            serialized.dump());
    }
    const auto found = factories.find(name->get<std::string>());
    if (found == factories.end()) {
        throw ValueError("Unknown learning rate schedule: '" + name->get<std::string>() +
                         "'. Known schedules: " + optimizers::detail::joined_keys(factories));
    }
    const json config = serialized.value("config", json::object());
    optimizers::detail::require_object(config, "schedules.deserialize: \"config\"");
    return found->second(config);
}

}  // namespace kerascpp::optimizers::schedules
