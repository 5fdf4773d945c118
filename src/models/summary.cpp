// model.summary() in Keras 3's layout.
#include <algorithm>
#include <cstdio>
#include <sstream>

#include "kerascpp/models/model.hpp"
#include "models/functional/graph.hpp"

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

// Column widths (box characters included on one side): Keras 3 at 80 columns.
using Widths = std::vector<std::size_t>;
const Widths kPlainColumns = {33, 24, 15};
const Widths kConnectedColumns = {21, 19, 12, 19};

std::string rule(const Widths& widths, const char* left, const char* fill, const char* mid, const char* right) {
    std::string out = left;
    for (std::size_t i = 0; i < widths.size(); ++i) out += (i ? mid : "") + repeat(fill, widths[i]);
    return out + right + "\n";
}

// Splits a cell into lines of at most `width` characters at spaces (as rich wraps).
std::vector<std::string> wrap(const std::string& text, std::size_t width) {
    std::vector<std::string> lines;
    std::string line, word;
    std::istringstream words(text);
    while (words >> word) {
        if (!line.empty() && line.size() + 1 + word.size() > width) {
            lines.push_back(line);
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
    }
    lines.push_back(line);
    return lines;
}

// One table row; the third column (parameter counts) is right-aligned, long cells wrap
// when the table has the "Connected to" column.
std::string row(const Widths& widths, const char* bar, const std::vector<std::string>& cells) {
    std::vector<std::vector<std::string>> lines;
    std::size_t height = 1;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        lines.push_back(widths.size() > 3 ? wrap(cells[i], widths[i] - 2) : std::vector<std::string>{cells[i]});
        height = std::max(height, lines.back().size());
    }
    std::string out;
    for (std::size_t h = 0; h < height; ++h) {
        out += bar;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const std::string text = h < lines[i].size() ? lines[i][h] : "";
            out += " " + (i == 2 ? pad_left(text, widths[i] - 2) : pad_right(text, widths[i] - 2)) + " " + bar;
        }
        out += "\n";
    }
    return out;
}

std::string params_line(const char* label, std::int64_t count) {
    return std::string(" ") + label + ": " + with_commas(count) + " (" + readable_bytes(static_cast<double>(count) * 4.0) + ")\n";
}

}  // namespace

std::string Model::summary_string() const {
    const auto connections = summary_connections();
    const Widths& widths = connections.empty() ? kPlainColumns : kConnectedColumns;
    std::vector<std::string> header = {"Layer (type)", "Output Shape", "Param #"};
    if (!connections.empty()) header.push_back("Connected to");
    std::ostringstream out;
    out << "Model: \"" << name() << "\"\n";
    out << rule(widths, "┏", "━", "┳", "┓");
    out << row(widths, "┃", header);
    out << rule(widths, "┡", "━", "╇", "┩");
    const auto rows = summary_layers();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& layer = *rows[i];
        const std::string params = layer.built() ? with_commas(layer.count_params()) : "0 (unbuilt)";
        std::vector<std::string> cells = {layer.name() + " (" + layer.class_name() + ")",
                                          shape_text(layer.output_shape()), params};
        if (!connections.empty()) cells.push_back(connections[i]);
        out << row(widths, "│", cells);
        if (i + 1 < rows.size()) out << rule(widths, "├", "─", "┼", "┤");
    }
    out << rule(widths, "└", "─", "┴", "┘");
    std::int64_t trainable = 0, frozen = 0;
    for (const auto& v : trainable_weights()) trainable += v.size();
    for (const auto& v : non_trainable_weights()) frozen += v.size();
    out << params_line("Total params", trainable + frozen);
    out << params_line("Trainable params", trainable);
    out << params_line("Non-trainable params", frozen);
    return out.str();
}

std::vector<std::string> Model::summary_connections() const {
    if (!graph_ || graph_->sequential_like()) return {};
    std::vector<std::string> out;
    for (const auto& layer : summary_layers()) {
        std::string text;
        for (const auto& node : graph_->nodes_of(*layer)) {
            for (const auto& in : node->inputs) {
                const auto* history = detail::history_of(in);
                text += (text.empty() ? "" : ", ") + history->node->layer->name() + "[" +
                        std::to_string(graph_->node_index(*history->node)) + "][" +
                        std::to_string(history->tensor_index) + "]";
            }
        }
        out.push_back(text.empty() ? "-" : text);
    }
    return out;
}

void Model::summary(std::ostream& out) const { out << summary_string(); }

}  // namespace kerascpp
