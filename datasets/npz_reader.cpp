// Reading arrays from a NumPy .npz file: the zip container (central directory, stored or
// deflated members, ZIP64 size fields) and the .npy header of each member.
#include "npz_reader.hpp"

#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <system_error>

#include "kerascpp/errors.hpp"

namespace kerascpp::datasets::detail {

namespace {

constexpr std::uint64_t kMaxBytes = std::uint64_t{1} << 30;

[[noreturn]] void fail(const std::string& path, const std::string& what) {
    throw ValueError("kerascpp.datasets: cannot read the .npz file '" + path + "': " + what);
}

/// Bounds-checked little-endian reads from the whole file.
struct Bytes {
    std::string path;
    std::vector<unsigned char> data;

    void need(std::uint64_t offset, std::uint64_t count) const {
        if (offset > data.size() || count > data.size() - offset) {
            fail(path, "the zip archive is truncated or corrupt");
        }
    }
    std::uint64_t le(std::uint64_t offset, int width) const {
        need(offset, static_cast<std::uint64_t>(width));
        std::uint64_t v = 0;
        for (int i = width - 1; i >= 0; --i) v = (v << 8) | data[offset + static_cast<unsigned>(i)];
        return v;
    }
};

Bytes read_all(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) fail(path, "no such file");
    const auto size = fs::file_size(path, ec);
    if (ec) fail(path, ec.message());
    if (size > kMaxBytes) fail(path, "it is larger than the 1 GiB this reader accepts");
    Bytes b{path, std::vector<unsigned char>(size)};
    std::ifstream in(path, std::ios::binary);
    if (!in.read(reinterpret_cast<char*>(b.data.data()), static_cast<std::streamsize>(size))) {
        fail(path, "reading it failed");
    }
    return b;
}

struct Member {
    std::uint16_t method = 0;
    std::uint32_t crc = 0;
    std::uint64_t compressed = 0;
    std::uint64_t size = 0;
    std::uint64_t header_offset = 0;
};

/// Replaces 0xFFFFFFFF sizes/offset by the values of the ZIP64 extra field (id 1).
void apply_zip64(const Bytes& b, std::uint64_t extra, std::uint64_t extra_len, Member& m) {
    std::uint64_t pos = extra;
    while (pos + 4 <= extra + extra_len) {
        const auto id = b.le(pos, 2), len = b.le(pos + 2, 2);
        std::uint64_t field = pos + 4;
        if (id == 1) {
            for (std::uint64_t* v : {&m.size, &m.compressed, &m.header_offset}) {
                if (*v == 0xFFFFFFFFu && field + 8 <= pos + 4 + len) {
                    *v = b.le(field, 8);
                    field += 8;
                }
            }
        }
        pos += 4 + len;
    }
}

std::map<std::string, Member> central_directory(const Bytes& b) {
    const std::uint64_t n = b.data.size();
    if (n < 22) fail(b.path, "it is too short to be a zip archive");
    std::uint64_t eocd = n - 22;
    const std::uint64_t lowest = n > 22 + 65535 ? n - 22 - 65535 : 0;
    while (b.le(eocd, 4) != 0x06054b50) {
        if (eocd == lowest) fail(b.path, "it is not a zip archive (no end of central directory)");
        --eocd;
    }
    const auto entries = b.le(eocd + 10, 2);
    std::uint64_t pos = b.le(eocd + 16, 4);
    if (entries == 0xFFFF || pos == 0xFFFFFFFFu) fail(b.path, "ZIP64 archives are not supported");
    std::map<std::string, Member> members;
    for (std::uint64_t i = 0; i < entries; ++i) {
        if (b.le(pos, 4) != 0x02014b50) fail(b.path, "its central directory is corrupt");
        Member m;
        m.method = static_cast<std::uint16_t>(b.le(pos + 10, 2));
        m.crc = static_cast<std::uint32_t>(b.le(pos + 16, 4));
        m.compressed = b.le(pos + 20, 4);
        m.size = b.le(pos + 24, 4);
        const auto name_len = b.le(pos + 28, 2), extra_len = b.le(pos + 30, 2);
        const auto comment_len = b.le(pos + 32, 2);
        m.header_offset = b.le(pos + 42, 4);
        b.need(pos + 46, name_len + extra_len);
        const std::string name(reinterpret_cast<const char*>(&b.data[pos + 46]), name_len);
        apply_zip64(b, pos + 46 + name_len, extra_len, m);
        members[name] = m;
        pos += 46 + name_len + extra_len + comment_len;
    }
    return members;
}

std::vector<unsigned char> extract(const Bytes& b, const std::string& name, const Member& m) {
    const std::uint64_t h = m.header_offset;
    if (b.le(h, 4) != 0x04034b50) fail(b.path, "the local header of " + name + " is corrupt");
    const std::uint64_t start = h + 30 + b.le(h + 26, 2) + b.le(h + 28, 2);
    b.need(start, m.compressed);
    // Deflate expands at most ~1032:1, so a lying size field cannot force a huge buffer.
    if (m.size > kMaxBytes || m.size > m.compressed * 1032 + 1024) {
        fail(b.path, name + " declares an impossible size of " + std::to_string(m.size) + " bytes");
    }
    std::vector<unsigned char> out(m.size);
    if (m.method == 0) {
        if (m.compressed != m.size) fail(b.path, name + " has inconsistent sizes");
        if (m.size) std::memcpy(out.data(), &b.data[start], m.size);
    } else if (m.method == 8) {
        z_stream z{};
        if (inflateInit2(&z, -MAX_WBITS) != Z_OK) fail(b.path, "zlib could not start");
        z.next_in = const_cast<unsigned char*>(&b.data[start]);
        z.avail_in = static_cast<uInt>(m.compressed);
        z.next_out = out.data();
        z.avail_out = static_cast<uInt>(m.size);
        const int rc = inflate(&z, Z_FINISH);
        const auto produced = z.total_out;
        inflateEnd(&z);
        if (rc != Z_STREAM_END || produced != m.size) {
            fail(b.path, name + " holds corrupt compressed data");
        }
    } else {
        fail(b.path, name + " uses zip compression method " + std::to_string(m.method) +
                         "; only stored (0) and deflate (8) are supported");
    }
    if (crc32(0, out.data(), static_cast<uInt>(out.size())) != m.crc) {
        fail(b.path, name + " fails its CRC-32 check (the file is corrupt)");
    }
    return out;
}

/// The text after 'key': in a .npy header dict.
std::string field(const std::string& header, const std::string& key, const std::string& where) {
    const auto at = header.find("'" + key + "':");
    if (at == std::string::npos) throw ValueError(where + ": its .npy header has no '" + key + "'");
    auto pos = header.find_first_not_of(' ', at + key.size() + 3);
    return pos == std::string::npos ? std::string() : header.substr(pos);
}

DType npy_dtype(const std::string& descr, const std::string& where) {
    static const std::map<std::string, DType> known = {
        {"|u1", uint8}, {"<u1", uint8},   {"|b1", bool_},  {"<i4", int32},
        {"<i8", int64}, {"<f4", float32}, {"<f8", float64}};
    const auto it = known.find(descr);
    if (it == known.end()) {
        throw ValueError(where + ": arrays of dtype '" + descr + "' are not supported");
    }
    return it->second;
}

Tensor parse_npy(const std::vector<unsigned char>& npy, const std::string& where) {
    if (npy.size() < 10 || std::memcmp(npy.data(), "\x93NUMPY", 6) != 0) {
        throw ValueError(where + ": not a .npy array (bad magic)");
    }
    if (npy[6] < 1 || npy[6] > 3 || (npy[6] > 1 && npy.size() < 12)) {
        throw ValueError(where + ": unsupported .npy version " + std::to_string(npy[6]));
    }
    const bool v1 = npy[6] == 1;
    const std::size_t len_at = 8, text_at = v1 ? 10 : 12;
    std::size_t header_len = npy[len_at] | (std::size_t{npy[len_at + 1]} << 8);
    if (!v1) header_len |= (std::size_t{npy[10]} << 16) | (std::size_t{npy[11]} << 24);
    if (npy.size() < text_at || npy.size() - text_at < header_len) {
        throw ValueError(where + ": the .npy header is truncated");
    }
    const std::string header(reinterpret_cast<const char*>(&npy[text_at]), header_len);

    const std::string descr_text = field(header, "descr", where);
    const auto quote = descr_text.find('\'', 1);
    if (descr_text.empty() || descr_text[0] != '\'' || quote == std::string::npos) {
        throw ValueError(where + ": cannot parse the dtype in the .npy header");
    }
    const DType dtype = npy_dtype(descr_text.substr(1, quote - 1), where);
    if (field(header, "fortran_order", where).rfind("False", 0) != 0) {
        throw ValueError(where + ": Fortran-ordered arrays are not supported");
    }

    const std::uint64_t data_bytes = npy.size() - text_at - header_len;
    const std::string shape_text = field(header, "shape", where);
    Shape shape;
    std::uint64_t numel = 1;
    const char* p = shape_text.c_str();
    if (*p != '(') throw ValueError(where + ": cannot parse the shape in the .npy header");
    for (++p; *p != ')' && *p != '\0';) {
        if (*p == ',' || *p == ' ') {
            ++p;
            continue;
        }
        char* end = nullptr;
        const unsigned long long d = std::strtoull(p, &end, 10);
        if (end == p) throw ValueError(where + ": cannot parse the shape in the .npy header");
        if (d != 0 && numel > data_bytes / d) {
            throw ValueError(where + ": its shape needs more data than the array holds");
        }
        numel *= d;
        shape.push_back(static_cast<std::int64_t>(d));
        p = end;
    }
    if (numel * itemsize(dtype) != data_bytes) {
        throw ValueError(where + ": its shape " + shape_str(shape) + " needs " +
                         std::to_string(numel * itemsize(dtype)) + " bytes of data but it holds " +
                         std::to_string(data_bytes));
    }
    return from_host(&npy[text_at + header_len], dtype, numel, shape, Device::cpu());
}

}  // namespace

std::vector<Tensor> load_npz(const std::string& path, const std::vector<std::string>& names) {
    const Bytes bytes = read_all(path);
    const auto members = central_directory(bytes);
    std::vector<Tensor> out;
    for (const auto& name : names) {
        const auto it = members.find(name + ".npy");
        if (it == members.end()) {
            std::string held;
            for (const auto& [n, m] : members) held += (held.empty() ? "" : ", ") + n;
            fail(path, "it has no array '" + name + "' (it holds: " + held + ")");
        }
        const auto npy = extract(bytes, it->first, it->second);
        out.push_back(parse_npy(npy, "kerascpp.datasets: '" + path + "', array '" + name + "'"));
    }
    return out;
}

}  // namespace kerascpp::datasets::detail
