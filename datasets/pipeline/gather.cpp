// Assembling one batch of rows into a contiguous tensor.
#include "gather.hpp"

#include <cstring>

namespace kerascpp::data::detail {

namespace {

bool consecutive(std::span<const std::int64_t> rows) {
    for (std::size_t i = 1; i < rows.size(); ++i) {
        if (rows[i] != rows[i - 1] + 1) return false;
    }
    return true;
}

void copy_rows(const Tensor& host, std::span<const std::int64_t> rows, unsigned char* dst) {
    const std::size_t row_bytes = host.shape(0) == 0 ? 0 : host.nbytes() / host.shape(0);
    const auto* src = static_cast<const unsigned char*>(host.data_ptr());
    for (const std::int64_t r : rows) {
        std::memcpy(dst, src + static_cast<std::size_t>(r) * row_bytes, row_bytes);
        dst += row_bytes;
    }
}

}  // namespace

Tensor gather_rows(const Tensor& data, const Tensor& host, std::span<const std::int64_t> rows,
                   std::vector<unsigned char>& staging) {
    const auto count = static_cast<std::int64_t>(rows.size());
    if (count > 0 && consecutive(rows)) return data.slice_rows(rows[0], rows[0] + count);

    Shape shape = data.shape();
    shape[0] = count;
    if (data.device() == host.device()) {
        Tensor out = empty(shape, data.dtype(), data.device());
        copy_rows(host, rows, static_cast<unsigned char*>(out.data_ptr()));
        return out;
    }
    const auto elements = static_cast<std::size_t>(shape_numel(shape));
    staging.resize(elements * itemsize(data.dtype()));
    copy_rows(host, rows, staging.data());
    return from_host(staging.data(), data.dtype(), elements, shape, data.device());
}

}  // namespace kerascpp::data::detail
