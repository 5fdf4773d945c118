#include "kerascpp/callbacks/progbar_logger.hpp"

#include <unistd.h>

#include <cmath>
#include <string>

namespace kerascpp::callbacks {

namespace {

constexpr int kBarWidth = 20;
const char* const kBarChar = "━";

// Keras's _format_time: "123us/step", "12ms/step", "2s/step".
std::string per_step(double seconds) {
    char buf[32];
    if (seconds >= 1.0) std::snprintf(buf, sizeof buf, "%.0fs/step", seconds);
    else if (seconds >= 1e-3) std::snprintf(buf, sizeof buf, "%.0fms/step", seconds * 1e3);
    else std::snprintf(buf, sizeof buf, "%.0fus/step", seconds * 1e6);
    return buf;
}

// Keras shows "%.4f", or "%.4e" for tiny magnitudes.
std::string format_value(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, (std::abs(v) > 1e-3 || v == 0.0) ? "%.4f" : "%.4e", v);
    return buf;
}

std::string counter(std::int64_t current, std::int64_t target) {
    const int digits = target > 0 ? static_cast<int>(std::log10(static_cast<double>(target))) + 1 : 1;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%*lld/%lld", digits, static_cast<long long>(current), static_cast<long long>(target));
    return buf;
}

std::string bar(std::int64_t current, std::int64_t target, bool color) {
    const int done = target > 0 ? static_cast<int>(kBarWidth * static_cast<double>(current) / static_cast<double>(target)) : 0;
    std::string filled, rest;
    for (int i = 0; i < kBarWidth; ++i) (i < done ? filled : rest) += kBarChar;
    if (!color) return filled + rest;
    return "\033[32m" + filled + "\033[0m\033[37m" + rest + "\033[0m";
}

}  // namespace

ProgbarLogger::ProgbarLogger(std::FILE* out, std::optional<bool> interactive)
    : out_(out), interactive_(interactive.value_or(isatty(fileno(out)) != 0)) {}

std::string ProgbarLogger::format_line(std::int64_t current, std::int64_t target, double seconds, const Logs& logs,
                                       int verbose, bool finished) {
    const double step_time = current > 0 ? seconds / static_cast<double>(current) : 0.0;
    std::string line = counter(current, target);
    if (verbose == 2) {
        line += " - " + std::to_string(static_cast<long long>(std::lround(seconds))) + "s - " + per_step(step_time);
    } else {
        line += " " + bar(current, target, false) + " ";
        if (finished) {
            line += std::to_string(static_cast<long long>(std::lround(seconds))) + "s " + per_step(step_time);
        } else {  // Keras shows the estimated time left while running
            const double eta = step_time * static_cast<double>(target - current);
            line += std::to_string(static_cast<long long>(std::lround(eta))) + "s " + per_step(step_time);
        }
    }
    for (const auto& [name, value] : logs) line += " - " + name + ": " + format_value(value);
    return line;
}

void ProgbarLogger::start() {
    start_ = last_draw_ = std::chrono::steady_clock::now();
    target_ = params().steps;
}

void ProgbarLogger::update(std::int64_t current, const Logs& logs, bool finished) {
    const int verbose = params().verbose;
    if (verbose == 0) return;
    const auto now = std::chrono::steady_clock::now();
    if (!finished && (!interactive_ || verbose == 2 || now - last_draw_ < std::chrono::milliseconds(50))) return;
    last_draw_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    std::string line = format_line(current, target_, seconds, logs, verbose, finished);
    if (interactive_ && verbose == 1) {
        const std::string plain_bar = bar(current, target_, false);
        line.replace(line.find(plain_bar), plain_bar.size(), bar(current, target_, true));
        std::fprintf(out_, "\r\033[K%s%s", line.c_str(), finished ? "\n" : "");
    } else {
        std::fprintf(out_, "%s\n", line.c_str());
    }
    std::fflush(out_);
}

void ProgbarLogger::on_train_begin(const Logs&) { in_training_ = true; }

void ProgbarLogger::on_epoch_begin(int epoch, const Logs&) {
    start();
    if (params().verbose != 0 && params().epochs > 1) {
        std::fprintf(out_, "Epoch %d/%d\n", epoch + 1, params().epochs);
        std::fflush(out_);
    }
}

void ProgbarLogger::on_train_batch_end(std::int64_t batch, const Logs& logs) { update(batch + 1, logs, false); }

void ProgbarLogger::on_epoch_end(int, const Logs& logs) { update(target_, logs, true); }

void ProgbarLogger::on_test_begin(const Logs&) {
    if (!in_training_) start();
}

void ProgbarLogger::on_test_batch_end(std::int64_t batch, const Logs& logs) {
    if (!in_training_) update(batch + 1, logs, false);
}

void ProgbarLogger::on_test_end(const Logs& logs) {
    if (!in_training_) update(target_, logs, true);
}

void ProgbarLogger::on_predict_begin(const Logs&) { start(); }
void ProgbarLogger::on_predict_batch_end(std::int64_t batch, const Logs&) { update(batch + 1, {}, false); }
void ProgbarLogger::on_predict_end(const Logs&) { update(target_, {}, true); }

}  // namespace kerascpp::callbacks
