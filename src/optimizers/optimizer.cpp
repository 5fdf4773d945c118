// The optimizer base: naming, learning rate, iterations, building the slot variables.
// Applying gradients is in apply.cpp, configs in serialization.cpp.
#include "kerascpp/optimizers/optimizer.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>
#include <regex>

#include "optimizers/state.hpp"

namespace kerascpp::optimizers {

namespace {

/// Keras's to_snake_case: "RMSprop" -> "rm_sprop", "AdamW" -> "adam_w".
std::string to_snake_case(std::string_view name) {
    std::string s = std::regex_replace(std::string(name), std::regex("\\W+"), "");
    s = std::regex_replace(s, std::regex("(.)([A-Z][a-z]+)"), "$1_$2");
    s = std::regex_replace(s, std::regex("([a-z])([A-Z])"), "$1_$2");
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

/// Keras's auto_name: the snake-case class name, then "_1", "_2", ... for later ones.
std::string auto_name(std::string_view class_name) {
    static std::mutex mutex;
    static std::map<std::string, int> uids;
    const std::string prefix = to_snake_case(class_name);
    const std::lock_guard lock(mutex);
    const int uid = ++uids[prefix];
    return uid == 1 ? prefix : prefix + "_" + std::to_string(uid - 1);
}

void check_clipping(const CommonOptions& o) {
    const auto text = [](const std::optional<double>& v) {
        return v ? std::to_string(*v) : std::string("None");
    };
    if (o.clipnorm.has_value() + o.clipvalue.has_value() + o.global_clipnorm.has_value() > 1) {
        throw ValueError(
            "Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: "
            "clipnorm=" +
            text(o.clipnorm) + ", clipvalue=" + text(o.clipvalue) +
            ", global_clipnorm=" + text(o.global_clipnorm));
    }
}

}  // namespace

Optimizer::Optimizer(std::string_view class_name, LearningRate learning_rate,
                     CommonOptions options) {
    check_clipping(options);
    std::string name = options.name.empty() ? auto_name(class_name) : options.name;
    options.name = name;
    state_ = std::make_shared<detail::OptimizerState>(std::move(options), std::move(name));
    set_learning_rate(std::move(learning_rate));
}

Optimizer::~Optimizer() = default;

// ---- learning rate and iterations -----------------------------------------------------------

double Optimizer::learning_rate() const {
    const auto& s = *state_;
    return s.schedule ? (*s.schedule)(iterations()) : s.learning_rate->get();
}

void Optimizer::set_learning_rate(LearningRate learning_rate) {
    auto& s = *state_;
    if (learning_rate.is_schedule()) {
        s.schedule = learning_rate.schedule();
        s.learning_rate.reset();  // Keras untracks the variable
    } else if (s.learning_rate) {
        s.learning_rate->set(learning_rate.value());
    } else {
        s.schedule.reset();
        s.learning_rate.emplace(s.name, "learning_rate", learning_rate.value(), float32);
    }
}

std::int64_t Optimizer::iterations() const {
    return static_cast<std::int64_t>(state_->iterations.get());
}

std::vector<Variable> Optimizer::variables() const {
    const auto& s = *state_;
    std::vector<Variable> out{s.iterations.variable()};
    if (s.learning_rate) out.push_back(s.learning_rate->variable());
    out.insert(out.end(), s.slot_variables.begin(), s.slot_variables.end());
    for (const auto& scalar : s.scalars) out.push_back(scalar.variable());
    return out;
}

const std::string& Optimizer::name() const {
    return state_->name;
}
std::optional<double> Optimizer::weight_decay() const {
    return state_->options.weight_decay;
}
std::optional<double> Optimizer::clipnorm() const {
    return state_->options.clipnorm;
}
std::optional<double> Optimizer::clipvalue() const {
    return state_->options.clipvalue;
}
std::optional<double> Optimizer::global_clipnorm() const {
    return state_->options.global_clipnorm;
}

// ---- building -------------------------------------------------------------------------------

bool Optimizer::built() const {
    return state_->built;
}

void Optimizer::build(const std::vector<Variable>& variables) {
    auto& s = *state_;
    if (s.built) return;
    std::unordered_map<detail::VariableKey, std::size_t> index;
    for (std::size_t i = 0; i < variables.size(); ++i) {
        const Variable& v = variables[i];
        if (!is_floating(v.dtype())) {
            throw TypeError("optimizer '" + s.name + "': variable '" + v.path() + "' has dtype " +
                            std::string(dtype_name(v.dtype())) +
                            "; only float32 and float64 variables can be optimized");
        }
        if (!index.emplace(detail::key_of(v), i).second) {
            throw ValueError("optimizer '" + s.name + "': variable '" + v.path() +
                             "' is listed twice; pass each variable once");
        }
    }
    s.index = std::move(index);
    s.trainable = variables;
    s.slots.assign(variables.size(), {});
    s.decays.clear();
    for (const Variable& v : variables) s.decays.push_back(s.use_weight_decay(v));
    // As Keras's add_optimizer_variables: group by group, variable by variable.
    for (const auto& group : slot_groups()) {
        for (std::size_t i = 0; i < variables.size(); ++i) {
            const Variable& v = variables[i];
            std::string prefix = v.path();
            std::replace(prefix.begin(), prefix.end(), '/', '_');
            for (const Slot& slot : group) {
                Variable created(full_like(v, slot.initial_value), prefix + "_" + slot.name,
                                 /*trainable=*/false);
                created.set_path(s.name + "/" + created.name());
                s.slots[i][static_cast<std::size_t>(slot.index)] = created;
                s.slot_variables.push_back(created);
            }
        }
    }
    build_extra(variables);
    s.built = true;
}

void Optimizer::build_extra(const std::vector<Variable>&) {}

void Optimizer::exclude_from_weight_decay(const std::vector<Variable>& var_list,
                                          const std::vector<std::string>& var_names) {
    auto& s = *state_;
    if (s.built) {
        throw ValueError(
            "`exclude_from_weight_decay()` can only be configured before the optimizer is "
            "built.");
    }
    s.excluded_from_weight_decay = var_list;
    s.excluded_keys.clear();
    for (const Variable& v : var_list) s.excluded_keys.insert(detail::key_of(v));
    s.excluded_names.reset();
    if (!var_names.empty()) {
        std::string pattern;
        for (const auto& n : var_names) pattern += (pattern.empty() ? "" : "|") + n;
        try {
            s.excluded_names.emplace(pattern);
        } catch (const std::regex_error& e) {
            throw ValueError("exclude_from_weight_decay: bad var_names pattern '" + pattern +
                             "': " + e.what());
        }
    }
}

// ---- extra scalar state -----------------------------------------------------------------------

std::size_t Optimizer::add_scalar_variable(std::string name, double initial_value, DType dtype) {
    auto& s = *state_;
    s.scalars.emplace_back(s.name, name, initial_value, dtype);
    return s.scalars.size() - 1;
}

double Optimizer::scalar_variable(std::size_t index) const {
    return state_->scalars.at(index).get();
}

void Optimizer::set_scalar_variable(std::size_t index, double value) {
    state_->scalars.at(index).set(value);
}

}  // namespace kerascpp::optimizers
