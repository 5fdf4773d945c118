// A small, defensive layer over the HDF5 C library for Keras's files: groups, string
// attributes in every encoding HDF5 and h5py use, and numeric datasets as Tensors.
// Every failure becomes an OSError naming the file and the object; declared sizes are
// checked against limits before anything is allocated, so a hostile file cannot make us
// allocate without bound.
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kerascpp/tensor.hpp"

namespace kerascpp::saving::hdf5 {

/// An open HDF5 identifier, closed with the matching H5*close function.
class Handle {
  public:
    Handle() = default;
    Handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
    Handle(Handle&& other) noexcept;
    Handle& operator=(Handle&& other) noexcept;
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    ~Handle();

    hid_t get() const { return id_; }
    bool valid() const { return id_ >= 0; }

  private:
    hid_t id_ = -1;
    herr_t (*close_)(hid_t) = nullptr;
};

/// A group (or the file's root group). Paths in messages are "file.h5:/model_weights/dense".
class Group {
  public:
    Group(std::shared_ptr<Handle> file, Handle group, std::string file_name, std::string path);

    const std::string& path() const { return path_; }
    /// Where this group is, for error messages.
    std::string where() const;

    bool has(const std::string& name) const;
    Group group(const std::string& name) const;
    Group create_group(const std::string& name) const;
    /// Opens the group at a relative path ("a/b/c"), creating the groups that are missing.
    Group require_group(const std::string& path) const;
    /// The names of the group's members, in creation (or name) order.
    std::vector<std::string> members() const;

    bool has_attribute(const std::string& name) const;
    /// A string attribute: scalar or a one-element array, fixed or variable length,
    /// ASCII or UTF-8.
    std::string string_attribute(const std::string& name) const;
    /// A list of strings, however stored: one attribute (an empty float array for an empty
    /// list, as Keras writes it), or chunks name0, name1, ... when it was too large.
    std::vector<std::string> string_list_attribute(const std::string& name) const;
    void set_string_attribute(const std::string& name, const std::string& value) const;
    /// Written as Keras does: fixed-length strings, chunked above HDF5's attribute size limit,
    /// an empty list as an empty float array.
    void set_string_list_attribute(const std::string& name,
                                   const std::vector<std::string>& values) const;

    /// A numeric dataset (float16/32/64 → float32 or float64; integers → int64).
    Tensor dataset(const std::string& path) const;
    /// The dataset's shape, read without its data.
    Shape dataset_shape(const std::string& path) const;
    void write_dataset(const std::string& name, const Tensor& value) const;

  protected:
    friend class File;
    /// Reads every attribute and dataset below this group, ignoring the exceptions (the
    /// check process of File::open); seen guards against cycles of hard links.
    void read_everything(int depth, std::vector<haddr_t>& seen) const;
    /// Opens the dataset at path (OSError naming it when missing or not a dataset).
    Handle open_dataset(const std::string& path, const std::string& where) const;

    std::shared_ptr<Handle> file_;
    std::shared_ptr<Handle> group_;
    std::string file_name_;
    std::string path_;
};

class File : public Group {
  public:
    /// Opens for reading; OSError when the file is missing or not HDF5. The HDF5 library
    /// (1.10) can crash on some corrupt files, so a child process first reads everything in
    /// the file; when the library crashes or hangs there, the file is refused with an OSError.
    /// label names the file in messages when its path does not (a temporary copy of an
    /// archive member); empty: the path.
    static File open(const std::string& file_name, const std::string& label = "");
    /// Creates (truncates) a file for writing.
    static File create(const std::string& file_name);
    /// Whether the file starts with HDF5's signature.
    static bool is_hdf5(const std::string& file_name);

  private:
    using Group::Group;
    static File open_unchecked(const std::string& file_name, const std::string& label);
    static void check_in_child_process(const std::string& file_name, const std::string& label);
};

}  // namespace kerascpp::saving::hdf5
