// NumPy-like text for tensors: nested brackets, aligned columns, "..." when large.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "kerascpp/tensor.hpp"

namespace kerascpp {

namespace {

constexpr std::int64_t kSummarizeAbove = 1000;  // NumPy's threshold
constexpr std::int64_t kEdgeItems = 3;

std::string format_value(double v, DType dtype) {
    if (dtype == bool_) return v != 0 ? "True" : "False";
    if (!is_floating(dtype)) return std::to_string(static_cast<long long>(v));
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    std::ostringstream os;
    os.precision(8);
    os << v;
    std::string s = os.str();
    if (s.find_first_of(".e") == std::string::npos) s += ".";
    return s;
}

struct Printer {
    const std::vector<double>& values;
    const Shape& shape;
    DType dtype;
    bool summarize;
    std::size_t width = 0;
    std::ostringstream out;

    std::vector<std::int64_t> shown(std::int64_t size) const {
        std::vector<std::int64_t> idx;
        for (std::int64_t i = 0; i < size; ++i) {
            if (summarize && size > 2 * kEdgeItems && i == kEdgeItems) {
                idx.push_back(-1);  // the ellipsis
                i = size - kEdgeItems - 1;
                continue;
            }
            idx.push_back(i);
        }
        return idx;
    }

    void measure(std::size_t axis, std::int64_t offset, std::int64_t stride) {
        if (axis == shape.size()) {
            width = std::max(width, format_value(values[static_cast<std::size_t>(offset)], dtype).size());
            return;
        }
        const std::int64_t inner = stride / shape[axis];
        for (auto i : shown(shape[axis])) {
            if (i >= 0) measure(axis + 1, offset + i * inner, inner);
        }
    }

    void print(std::size_t axis, std::int64_t offset, std::int64_t stride, std::size_t indent) {
        if (axis == shape.size()) {
            std::string v = format_value(values[static_cast<std::size_t>(offset)], dtype);
            out << std::string(width - v.size(), ' ') << v;
            return;
        }
        const std::int64_t inner = stride / shape[axis];
        const auto idx = shown(shape[axis]);
        out << "[";
        for (std::size_t j = 0; j < idx.size(); ++j) {
            if (j > 0) {
                out << (axis + 1 == shape.size() ? ", " : ",");
                if (axis + 1 < shape.size()) out << std::string(shape.size() - axis - 1, '\n') << std::string(indent + axis + 1, ' ');
            }
            if (idx[j] < 0) {
                out << "...";
            } else {
                print(axis + 1, offset + idx[j] * inner, inner, indent);
            }
        }
        out << "]";
    }
};

}  // namespace

std::string Tensor::str() const {
    if (!defined()) return "tensor(undefined)";
    const std::vector<double> values = to_vector<double>();
    const std::string prefix = "tensor(";
    Printer p{values, shape(), dtype(), size() > kSummarizeAbove};
    if (size() == 0) {
        p.out << "[]";
    } else if (shape().empty()) {
        p.out << format_value(values[0], dtype());
    } else {
        p.measure(0, 0, size());
        p.print(0, 0, size(), prefix.size());
    }
    return prefix + p.out.str() + ", shape=" + shape_str(shape()) + ", dtype=" + std::string(dtype_name(dtype())) + ")";
}

}  // namespace kerascpp
