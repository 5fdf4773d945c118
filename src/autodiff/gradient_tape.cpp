// GradientTape: the recording of operations and the reverse pass over them.
#include "kerascpp/gradient_tape.hpp"

#include <algorithm>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "autodiff/tape.hpp"
#include "kerascpp/errors.hpp"
#include "kerascpp/ops.hpp"
#include "tensor/tensor_impl.hpp"

namespace kerascpp::detail {

/// A variable read by a recorded op, and its version then: a later in-place assign would
/// make the saved values stale, which gradient() reports instead of returning wrong numbers.
struct VariableRead {
    std::weak_ptr<TensorImpl> variable;
    std::uint64_t version;
};

struct TapeEntry {
    const char* op;
    std::vector<std::uint64_t> input_ids;
    Needs needs;
    std::uint64_t output_id;
    std::shared_ptr<const BackwardFn> backward;
    std::vector<VariableRead> reads;
};

struct TapeState {
    GradientTapeOptions options;
    bool recording = true;
    bool used = false;
    std::unordered_set<std::uint64_t> watched;
    std::vector<TapeEntry> entries;

    bool watches(const Tensor& t) const {
        if (watched.count(t.id()) > 0) return true;
        const auto& var = t.impl()->variable;
        return options.watch_accessed_variables && var && var->trainable &&
               is_floating(t.dtype());
    }
};

namespace {

thread_local std::vector<TapeState*> active_tapes;
thread_local int recording_tapes = 0;

void set_recording(TapeState& tape, bool on) {
    if (tape.recording == on) return;
    tape.recording = on;
    recording_tapes += on ? 1 : -1;
}

template <class Inputs>
void record_on_tapes(const char* op, const Inputs& inputs, const Tensor& output,
                     BackwardFn&& backward) {
    std::shared_ptr<const BackwardFn> shared;
    for (TapeState* tape : active_tapes) {
        if (!tape->recording) continue;
        Needs needs;
        bool any = false;
        for (const Tensor& in : inputs) {
            const bool watched = in.defined() && tape->watches(in);
            needs.push_back(watched);
            any = any || watched;
        }
        if (!any) continue;
        if (!shared) shared = std::make_shared<const BackwardFn>(std::move(backward));
        TapeEntry entry{op, {}, std::move(needs), output.id(), shared, {}};
        for (const Tensor& in : inputs) {
            entry.input_ids.push_back(in.defined() ? in.id() : 0);
            if (in.defined() && in.impl()->variable) {
                entry.reads.push_back({in.impl(), in.impl()->variable->version});
            }
        }
        tape->entries.push_back(std::move(entry));
        tape->watched.insert(output.id());
    }
}

void check_reads(const TapeEntry& entry) {
    for (const auto& read : entry.reads) {
        const auto var = read.variable.lock();
        if (var && var->variable->version != read.version) {
            throw ValueError("GradientTape.gradient: variable '" + var->variable->name +
                             "' was modified in place (assign) after the op '" + entry.op +
                             "' read it; compute gradients before updating variables");
        }
    }
}

}  // namespace

bool recording() { return recording_tapes > 0; }

void record(const char* op, std::initializer_list<Tensor> inputs, const Tensor& output,
            BackwardFn backward) {
    record_on_tapes(op, inputs, output, std::move(backward));
}

void record(const char* op, const std::vector<Tensor>& inputs, const Tensor& output,
            BackwardFn backward) {
    record_on_tapes(op, inputs, output, std::move(backward));
}

}  // namespace kerascpp::detail

namespace kerascpp {

using detail::TapeState;

GradientTape::GradientTape(GradientTapeOptions options) : state_(std::make_unique<TapeState>()) {
    state_->options = options;
    detail::active_tapes.push_back(state_.get());
    ++detail::recording_tapes;
}

GradientTape::~GradientTape() {
    auto& tapes = detail::active_tapes;
    tapes.erase(std::remove(tapes.begin(), tapes.end(), state_.get()), tapes.end());
    if (state_->recording) --detail::recording_tapes;
}

void GradientTape::watch(const Tensor& tensor) {
    if (!is_floating(tensor.dtype())) {
        throw TypeError("GradientTape.watch: only floating-point tensors have gradients; got " +
                        std::string(dtype_name(tensor.dtype())) + " (use astype(float32))");
    }
    state_->watched.insert(tensor.id());
}

void GradientTape::watch(const std::vector<Tensor>& tensors) {
    for (const auto& t : tensors) watch(t);
}

void GradientTape::stop_recording() { detail::set_recording(*state_, false); }
void GradientTape::start_recording() { detail::set_recording(*state_, true); }

void GradientTape::reset() {
    state_->entries.clear();
    state_->watched.clear();
    state_->used = false;
}

std::vector<Tensor> GradientTape::gradient(const Tensor& target,
                                           const std::vector<Tensor>& sources) {
    TapeState& tape = *state_;
    if (tape.used && !tape.options.persistent) {
        throw ValueError(
            "GradientTape.gradient: this tape was already used; a non-persistent tape gives "
            "gradients once (create it with {.persistent = true} to call gradient() again)");
    }
    if (!target.defined()) throw ValueError("GradientTape.gradient: the target is undefined");
    tape.used = true;

    // The backward pass must not record itself on this tape (outer tapes still see it).
    const bool was_recording = tape.recording;
    detail::set_recording(tape, false);
    std::unordered_map<std::uint64_t, Tensor> grads;
    grads.emplace(target.id(), ones_like(target));
    try {
        for (auto it = tape.entries.rbegin(); it != tape.entries.rend(); ++it) {
            auto found = grads.find(it->output_id);
            if (found == grads.end()) continue;
            detail::check_reads(*it);
            const detail::Grads input_grads = (*it->backward)(found->second, it->needs);
            for (std::size_t i = 0; i < it->input_ids.size(); ++i) {
                if (!it->needs[i] || i >= input_grads.size() || !input_grads[i].defined()) continue;
                auto [slot, inserted] = grads.emplace(it->input_ids[i], input_grads[i]);
                if (!inserted) slot->second = slot->second + input_grads[i];
            }
        }
    } catch (...) {
        detail::set_recording(tape, was_recording);
        throw;
    }
    detail::set_recording(tape, was_recording);

    std::vector<Tensor> result;
    for (const Tensor& source : sources) {
        auto found = source.defined() ? grads.find(source.id()) : grads.end();
        result.push_back(found == grads.end() ? Tensor() : found->second.astype(source.dtype()));
    }
    if (!tape.options.persistent) {
        tape.entries.clear();
        tape.watched.clear();
    }
    return result;
}

}  // namespace kerascpp
