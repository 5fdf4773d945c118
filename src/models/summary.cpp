// model.summary() in Keras 3's layout.
#include <cstdio>
#include <sstream>

#include "kerascpp/models/model.hpp"

namespace kerascpp {

namespace {

constexpr std::size_t kName = 33, kShape = 24, kParams = 15;

// Keras prints None for the batch axis and for other unknown sizes.
std::string shape_text(const std::optional<Shape>& shape) {
    if (!shape) return "?";
    std::string s = "(";
    for (std::size_t i = 0; i < shape->size(); ++i) {
        if (i > 0) s += ", ";
        s += (*shape)[i] < 0 ? "None" : std::to_string((*shape)[i]);
    }
    if (shape->size() == 1) s += ",";
    return s + ")";
}

std::string with_commas(std::int64_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string readable_bytes(double bytes) {
    const char* units[] = {"B", "KB", "MB", "GB", "TB"};
    int unit = 0;
    while (bytes >= 1024.0 && unit < 4) {
        bytes /= 1024.0;
        ++unit;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f %s", bytes, units[unit]);
    return buf;
}

std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

// Columns are counted in characters, not bytes (the box-drawing characters are UTF-8).
std::string pad_right(const std::string& s, std::size_t width) { return s.size() >= width ? s : s + std::string(width - s.size(), ' '); }
std::string pad_left(const std::string& s, std::size_t width) { return s.size() >= width ? s : std::string(width - s.size(), ' ') + s; }

std::string rule(const char* left, const char* fill, const char* mid, const char* right) {
    return std::string(left) + repeat(fill, kName) + mid + repeat(fill, kShape) + mid + repeat(fill, kParams) + right + "\n";
}

std::string row(const char* bar, const std::string& a, const std::string& b, const std::string& c) {
    return std::string(bar) + " " + pad_right(a, kName - 2) + " " + bar + " " + pad_right(b, kShape - 2) + " " + bar +
           " " + pad_left(c, kParams - 2) + " " + bar + "\n";
}

std::string params_line(const char* label, std::int64_t count) {
    return std::string(" ") + label + ": " + with_commas(count) + " (" + readable_bytes(static_cast<double>(count) * 4.0) + ")\n";
}

}  // namespace

std::string Model::summary_string() const {
    std::ostringstream out;
    out << "Model: \"" << name() << "\"\n";
    out << rule("┏", "━", "┳", "┓");
    out << row("┃", "Layer (type)", "Output Shape", "Param #");
    out << rule("┡", "━", "╇", "┩");
    const auto rows = summary_layers();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& layer = *rows[i];
        const std::string params = layer.built() ? with_commas(layer.count_params()) : "0 (unbuilt)";
        out << row("│", layer.name() + " (" + layer.class_name() + ")", shape_text(layer.output_shape()), params);
        if (i + 1 < rows.size()) out << rule("├", "─", "┼", "┤");
    }
    out << rule("└", "─", "┴", "┘");
    std::int64_t trainable = 0, frozen = 0;
    for (const auto& v : trainable_weights()) trainable += v.size();
    for (const auto& v : non_trainable_weights()) frozen += v.size();
    out << params_line("Total params", trainable + frozen);
    out << params_line("Trainable params", trainable);
    out << params_line("Non-trainable params", frozen);
    return out.str();
}

void Model::summary(std::ostream& out) const { out << summary_string(); }

}  // namespace kerascpp
