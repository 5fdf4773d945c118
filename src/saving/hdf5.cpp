#include "saving/hdf5.hpp"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>
#include <utility>

#include "kerascpp/errors.hpp"

namespace kerascpp::saving::hdf5 {
namespace {

/// Bounds on what a file may declare, checked before allocating.
constexpr std::int64_t kMaxElements = std::int64_t{1} << 28;  // 1 GiB of float32
constexpr std::int64_t kMaxStringBytes = std::int64_t{1} << 28;
constexpr int kMaxRank = 16;
/// HDF5 keeps attributes in the object header, limited to 64 KiB; Keras splits larger
/// string lists into chunks below this size.
constexpr std::size_t kAttributeChunkBytes = 64512;

/// HDF5 prints its error stack to stderr by default; we report errors as exceptions.
void silence_hdf5_errors() {
    static const bool silenced = [] {
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
        return true;
    }();
    (void)silenced;
}

Handle checked(hid_t id, herr_t (*close)(hid_t), const std::string& what) {
    if (id < 0) throw OSError(what);
    return Handle(id, close);
}

void check(herr_t status, const std::string& what) {
    if (status < 0) throw OSError(what);
}

/// The dataspace's dimensions, checked against the limits.
Shape extent(hid_t space, const std::string& where) {
    const int rank = H5Sget_simple_extent_ndims(space);
    if (rank < 0 || rank > kMaxRank)
        throw OSError(where + ": unreadable or unsupported dataspace (rank " +
                      std::to_string(rank) + ")");
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    if (rank > 0 && H5Sget_simple_extent_dims(space, dims.data(), nullptr) < 0)
        throw OSError(where + ": unreadable dataspace");
    Shape shape;
    std::int64_t count = 1;
    for (hsize_t d : dims) {
        if (d > static_cast<hsize_t>(kMaxElements) ||
            (d > 0 && count > kMaxElements / static_cast<std::int64_t>(d))) {
            throw OSError(where + ": declares more than " + std::to_string(kMaxElements) +
                          " elements; the file is corrupt or hostile");
        }
        count *= static_cast<std::int64_t>(d);
        shape.push_back(static_cast<std::int64_t>(d));
    }
    return shape;
}

std::int64_t element_count(const Shape& shape) {
    std::int64_t n = 1;
    for (auto d : shape) n *= d;
    return n;
}

/// Reads the strings of an attribute of string type (fixed or variable length).
std::vector<std::string> read_strings(hid_t attribute, hid_t type, std::int64_t count,
                                      const std::string& where) {
    std::vector<std::string> out;
    const H5T_cset_t cset = H5Tget_cset(type);
    if (H5Tis_variable_str(type) > 0) {
        Handle memtype =
            checked(H5Tcopy(H5T_C_S1), H5Tclose, where + ": cannot make a string type");
        check(H5Tset_size(memtype.get(), H5T_VARIABLE), where);
        check(H5Tset_cset(memtype.get(), cset), where);
        std::vector<char*> pointers(static_cast<std::size_t>(count), nullptr);
        check(H5Aread(attribute, memtype.get(), pointers.data()),
              where + ": cannot read the strings");
        for (char* p : pointers) out.emplace_back(p ? p : "");
        Handle space = checked(H5Aget_space(attribute), H5Sclose, where);
        H5Dvlen_reclaim(memtype.get(), space.get(), H5P_DEFAULT, pointers.data());
        return out;
    }
    const std::size_t size = H5Tget_size(type);
    if (size == 0 || static_cast<std::int64_t>(size) * count > kMaxStringBytes) {
        throw OSError(where + ": string attribute of an implausible size");
    }
    Handle memtype = checked(H5Tcopy(type), H5Tclose, where);
    std::vector<char> buffer(size * static_cast<std::size_t>(count));
    check(H5Aread(attribute, memtype.get(), buffer.data()), where + ": cannot read the strings");
    for (std::int64_t i = 0; i < count; ++i) {
        const char* p = buffer.data() + static_cast<std::size_t>(i) * size;
        out.emplace_back(p, strnlen(p, size));
    }
    return out;
}

/// The attribute's strings; an empty numeric array reads as an empty list (Keras writes an
/// empty list of names that way). Anything else is an OSError.
std::vector<std::string> attribute_strings(hid_t object, const std::string& name,
                                           const std::string& where) {
    Handle attribute = checked(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose,
                               where + ": cannot open the attribute");
    Handle type = checked(H5Aget_type(attribute.get()), H5Tclose, where);
    Handle space = checked(H5Aget_space(attribute.get()), H5Sclose, where);
    const std::int64_t count = element_count(extent(space.get(), where));
    const H5T_class_t type_class = H5Tget_class(type.get());
    if (type_class == H5T_STRING) return read_strings(attribute.get(), type.get(), count, where);
    if (count == 0 && (type_class == H5T_FLOAT || type_class == H5T_INTEGER)) return {};
    throw OSError(where + ": expected a string attribute, found another type");
}

void write_string_attribute(hid_t object, const std::string& name,
                            const std::vector<std::string>& values, bool scalar,
                            const std::string& where) {
    std::size_t width = 1;
    for (const auto& v : values) width = std::max(width, v.size());
    Handle type = checked(H5Tcopy(H5T_C_S1), H5Tclose, where);
    check(H5Tset_size(type.get(), width), where);
    check(H5Tset_strpad(type.get(), H5T_STR_NULLPAD), where);
    const hsize_t n = values.size();
    Handle space =
        checked(scalar ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, &n, nullptr), H5Sclose, where);
    std::vector<char> buffer(width * values.size(), '\0');
    for (std::size_t i = 0; i < values.size(); ++i)
        std::memcpy(buffer.data() + i * width, values[i].data(), values[i].size());
    if (H5Aexists(object, name.c_str()) > 0) H5Adelete(object, name.c_str());
    Handle attribute =
        checked(H5Acreate2(object, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
                H5Aclose, where + ": cannot create");
    check(H5Awrite(attribute.get(), type.get(), buffer.data()), where + ": cannot write");
}

void write_empty_float_attribute(hid_t object, const std::string& name, const std::string& where) {
    const hsize_t zero = 0;
    Handle space = checked(H5Screate_simple(1, &zero, nullptr), H5Sclose, where);
    Handle attribute = checked(
        H5Acreate2(object, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
        H5Aclose, where + ": cannot create");
}

/// HDF5 file and memory types for a tensor's dtype.
std::pair<hid_t, hid_t> hdf5_types(DType dtype, const std::string& where) {
    switch (dtype) {
        case DType::float32:
            return {H5T_IEEE_F32LE, H5T_NATIVE_FLOAT};
        case DType::float64:
            return {H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE};
        case DType::int32:
            return {H5T_STD_I32LE, H5T_NATIVE_INT32};
        case DType::int64:
            return {H5T_STD_I64LE, H5T_NATIVE_INT64};
        default:
            throw TypeError(where + ": cannot store tensors of dtype " +
                            std::string(dtype_name(dtype)));
    }
}

}  // namespace

Handle::Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, -1)), close_(other.close_) {}

Handle& Handle::operator=(Handle&& other) noexcept {
    if (this != &other) {
        if (id_ >= 0 && close_) close_(id_);
        id_ = std::exchange(other.id_, -1);
        close_ = other.close_;
    }
    return *this;
}

Handle::~Handle() {
    if (id_ >= 0 && close_) close_(id_);
}

Group::Group(std::shared_ptr<Handle> file, Handle group, std::string file_name, std::string path)
    : file_(std::move(file)),
      group_(std::make_shared<Handle>(std::move(group))),
      file_name_(std::move(file_name)),
      path_(std::move(path)) {}

std::string Group::where() const {
    return file_name_ + ":" + path_;
}

bool Group::has(const std::string& name) const {
    // Each component must exist before the next is asked about (HDF5's rule).
    std::string prefix;
    for (std::size_t start = 0; start <= name.size();) {
        const auto slash = std::min(name.find('/', start), name.size());
        prefix += (prefix.empty() ? "" : "/") + name.substr(start, slash - start);
        if (H5Lexists(group_->get(), prefix.c_str(), H5P_DEFAULT) <= 0) return false;
        start = slash + 1;
    }
    return true;
}

Group Group::group(const std::string& name) const {
    const std::string child = path_ == "/" ? "/" + name : path_ + "/" + name;
    if (!has(name)) throw OSError(file_name_ + ": missing group " + child);
    Handle handle = checked(H5Gopen2(group_->get(), name.c_str(), H5P_DEFAULT), H5Gclose,
                            file_name_ + ": " + child + " is not a group");
    return Group(file_, std::move(handle), file_name_, child);
}

Group Group::create_group(const std::string& name) const {
    const std::string child = path_ == "/" ? "/" + name : path_ + "/" + name;
    Handle handle =
        checked(H5Gcreate2(group_->get(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                H5Gclose, file_name_ + ": cannot create group " + child);
    return Group(file_, std::move(handle), file_name_, child);
}

Group Group::require_group(const std::string& path) const {
    Group group = *this;
    for (std::size_t start = 0; start < path.size();) {
        const auto slash = std::min(path.find('/', start), path.size());
        const std::string part = path.substr(start, slash - start);
        if (!part.empty()) group = group.has(part) ? group.group(part) : group.create_group(part);
        start = slash + 1;
    }
    return group;
}

std::vector<std::string> Group::members() const {
    H5G_info_t info{};
    check(H5Gget_info(group_->get(), &info), where() + ": unreadable group");
    std::vector<std::string> names;
    for (hsize_t i = 0; i < info.nlinks; ++i) {
        const ssize_t length = H5Lget_name_by_idx(group_->get(), ".", H5_INDEX_NAME, H5_ITER_INC, i,
                                                  nullptr, 0, H5P_DEFAULT);
        if (length < 0 || length > 65536) throw OSError(where() + ": unreadable member name");
        std::string name(static_cast<std::size_t>(length) + 1, '\0');
        H5Lget_name_by_idx(group_->get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(),
                           name.size(), H5P_DEFAULT);
        name.resize(static_cast<std::size_t>(length));
        names.push_back(std::move(name));
    }
    return names;
}

bool Group::has_attribute(const std::string& name) const {
    return H5Aexists(group_->get(), name.c_str()) > 0;
}

std::string Group::string_attribute(const std::string& name) const {
    const std::string where_ = where() + " attribute '" + name + "'";
    if (!has_attribute(name)) throw OSError(where_ + " is missing");
    auto values = attribute_strings(group_->get(), name, where_);
    if (values.size() != 1)
        throw OSError(where_ + ": expected one string, found " + std::to_string(values.size()));
    return values.front();
}

std::vector<std::string> Group::string_list_attribute(const std::string& name) const {
    if (has_attribute(name))
        return attribute_strings(group_->get(), name, where() + " attribute '" + name + "'");
    std::vector<std::string> all;
    for (int chunk = 0; has_attribute(name + std::to_string(chunk)); ++chunk) {
        const std::string part = name + std::to_string(chunk);
        auto values = attribute_strings(group_->get(), part, where() + " attribute '" + part + "'");
        all.insert(all.end(), values.begin(), values.end());
    }
    if (all.empty() && !has_attribute(name + "0"))
        throw OSError(where() + " attribute '" + name + "' is missing");
    return all;
}

void Group::set_string_attribute(const std::string& name, const std::string& value) const {
    write_string_attribute(group_->get(), name, {value}, true,
                           where() + " attribute '" + name + "'");
}

void Group::set_string_list_attribute(const std::string& name,
                                      const std::vector<std::string>& values) const {
    const std::string where_ = where() + " attribute '" + name + "'";
    if (values.empty()) return write_empty_float_attribute(group_->get(), name, where_);
    std::size_t width = 1;
    for (const auto& v : values) width = std::max(width, v.size());
    const std::size_t per_chunk = std::max<std::size_t>(1, kAttributeChunkBytes / width);
    if (values.size() <= per_chunk)
        return write_string_attribute(group_->get(), name, values, false, where_);
    for (std::size_t begin = 0, chunk = 0; begin < values.size(); begin += per_chunk, ++chunk) {
        const std::vector<std::string> part(
            values.begin() + static_cast<std::ptrdiff_t>(begin),
            values.begin() +
                static_cast<std::ptrdiff_t>(std::min(values.size(), begin + per_chunk)));
        write_string_attribute(group_->get(), name + std::to_string(chunk), part, false, where_);
    }
}

Handle Group::open_dataset(const std::string& path, const std::string& where) const {
    if (!has(path)) throw OSError(file_name_ + ": missing dataset " + where);
    return checked(H5Dopen2(group_->get(), path.c_str(), H5P_DEFAULT), H5Dclose,
                   where + " is not a dataset");
}

Shape Group::dataset_shape(const std::string& path) const {
    const std::string where_ = where() + "/" + path;
    Handle dataset = open_dataset(path, where_);
    Handle space = checked(H5Dget_space(dataset.get()), H5Sclose, where_);
    return extent(space.get(), where_);
}

Tensor Group::dataset(const std::string& path) const {
    const std::string where_ = where() + "/" + path;
    Handle dataset = open_dataset(path, where_);
    Handle space = checked(H5Dget_space(dataset.get()), H5Sclose, where_);
    const Shape shape = extent(space.get(), where_);
    Handle type = checked(H5Dget_type(dataset.get()), H5Tclose, where_);
    const H5T_class_t type_class = H5Tget_class(type.get());
    DType dtype;
    hid_t memtype;
    if (type_class == H5T_FLOAT) {
        const bool wide = H5Tget_size(type.get()) > 4;
        dtype = wide ? float64 : float32;
        memtype = wide ? H5T_NATIVE_DOUBLE : H5T_NATIVE_FLOAT;
    } else if (type_class == H5T_INTEGER) {
        dtype = int64;
        memtype = H5T_NATIVE_INT64;
    } else {
        throw OSError(where_ + ": expected a numeric dataset");
    }
    const std::int64_t count = element_count(shape);
    // A compressed dataset could declare far more than it stores; refuse ratios no real
    // weights file has.
    const auto stored = static_cast<std::int64_t>(H5Dget_storage_size(dataset.get()));
    const std::int64_t bytes = count * static_cast<std::int64_t>(itemsize(dtype));
    if (bytes > (std::int64_t{64} << 20) && stored * 64 < bytes) {
        throw OSError(where_ + ": declares " + std::to_string(bytes) + " bytes but stores " +
                      std::to_string(stored) + "; the file is corrupt or hostile");
    }
    Tensor out = empty(shape, dtype);
    if (count > 0) {
        check(H5Dread(dataset.get(), memtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data_ptr()),
              where_ + ": cannot read the data (truncated or corrupt file?)");
    }
    return out;
}

void Group::write_dataset(const std::string& name, const Tensor& value) const {
    const std::string where_ = where() + "/" + name;
    const auto [file_type, memory_type] = hdf5_types(value.dtype(), where_);
    std::vector<hsize_t> dims(value.shape().begin(), value.shape().end());
    Handle space = checked(
        dims.empty() ? H5Screate(H5S_SCALAR)
                     : H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
        H5Sclose, where_);
    Handle dataset = checked(H5Dcreate2(group_->get(), name.c_str(), file_type, space.get(),
                                        H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                             H5Dclose, where_ + ": cannot create the dataset");
    const Tensor host = value.to(Device()).copy();
    check(H5Dwrite(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, host.data_ptr()),
          where_ + ": cannot write");
}

void Group::read_everything(int depth, std::vector<haddr_t>& seen) const {
    constexpr int kMaxDepth = 64;
    constexpr std::size_t kMaxObjects = 100000;
    H5O_info_t info{};
    if (depth > kMaxDepth || seen.size() > kMaxObjects ||
        H5Oget_info2(group_->get(), &info, H5O_INFO_NUM_ATTRS) < 0)
        return;
    for (hsize_t i = 0; i < info.num_attrs; ++i) {
        char name[1024] = {};
        if (H5Aget_name_by_idx(group_->get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, name, sizeof name,
                               H5P_DEFAULT) < 0)
            continue;
        try {
            (void)attribute_strings(group_->get(), name, where());
        } catch (const std::exception&) {
        }
    }
    std::vector<std::string> names;
    try {
        names = members();
    } catch (const std::exception&) {
        return;
    }
    for (const auto& name : names) {
        H5O_info_t member{};
        if (H5Oget_info_by_name2(group_->get(), name.c_str(), &member, H5O_INFO_BASIC,
                                 H5P_DEFAULT) < 0)
            continue;
        if (std::find(seen.begin(), seen.end(), member.addr) != seen.end()) continue;
        seen.push_back(member.addr);
        try {
            if (member.type == H5O_TYPE_GROUP) group(name).read_everything(depth + 1, seen);
            if (member.type == H5O_TYPE_DATASET) (void)dataset(name);
        } catch (const std::exception&) {
        }
    }
}

void File::check_in_child_process(const std::string& file_name, const std::string& label) {
    std::fflush(nullptr);
    const pid_t child = ::fork();
    if (child < 0) return;  // no process to spare: the read below goes ahead unchecked
    if (child == 0) {
        // A crash must end the child, not run the parent's handlers (a test framework's), and
        // the child must not outlive the parent.
        for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) std::signal(sig, SIG_DFL);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        // What the library or a sanitizer says about the corrupt file is not for the user.
        const int null_fd = ::open("/dev/null", O_WRONLY);
        if (null_fd >= 0) {
            ::dup2(null_fd, STDOUT_FILENO);
            ::dup2(null_fd, STDERR_FILENO);
        }
        try {
            std::vector<haddr_t> seen;
            open_unchecked(file_name, label).read_everything(0, seen);
        } catch (...) {
        }
        ::_exit(0);
    }
    // Reading runs at hundreds of MB/s; far longer means the library loops on a corrupt file.
    std::error_code ignored;
    const auto size = std::filesystem::file_size(file_name, ignored);
    const auto allowed =
        std::chrono::seconds(5) + std::chrono::seconds(ignored ? 0 : size / (20 << 20));
    int status = 0;
    const auto deadline = std::chrono::steady_clock::now() + allowed;
    while (::waitpid(child, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(child, SIGKILL);
            ::waitpid(child, &status, 0);
            throw OSError(label +
                          ": the HDF5 library hung reading this file; it is corrupt or hostile");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        throw OSError(
            label +
            ": the HDF5 library crashed reading this file (in a check process); it is corrupt "
            "or hostile");
    }
}

File File::open(const std::string& file_name, const std::string& label) {
    silence_hdf5_errors();
    const std::string name = label.empty() ? file_name : label;
    if (!std::ifstream(file_name).good())
        throw OSError("Cannot open " + name + ": no such file or not readable");
    if (!is_hdf5(file_name))
        throw OSError(name + " is not an HDF5 file (its signature is missing)");
    check_in_child_process(file_name, name);
    return open_unchecked(file_name, name);
}

File File::open_unchecked(const std::string& file_name, const std::string& label) {
    auto file = std::make_shared<Handle>(
        checked(H5Fopen(file_name.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose,
                label + ": cannot open the HDF5 file (truncated or corrupt?)"));
    Handle root =
        checked(H5Gopen2(file->get(), "/", H5P_DEFAULT), H5Gclose, label + ": no root group");
    return File(std::move(file), std::move(root), label, "/");
}

File File::create(const std::string& file_name) {
    silence_hdf5_errors();
    auto file = std::make_shared<Handle>(
        checked(H5Fcreate(file_name.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose,
                "Cannot create the HDF5 file " + file_name));
    Handle root =
        checked(H5Gopen2(file->get(), "/", H5P_DEFAULT), H5Gclose, file_name + ": no root group");
    return File(std::move(file), std::move(root), file_name, "/");
}

bool File::is_hdf5(const std::string& file_name) {
    silence_hdf5_errors();
    return H5Fis_hdf5(file_name.c_str()) > 0;
}

}  // namespace kerascpp::saving::hdf5
