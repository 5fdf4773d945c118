// The paths of every dataset in an HDF5 file ("layers/dense/vars/0", ...), for tests that
// compare a file's layout with Keras's or rewrite it.
#pragma once

#include <string>
#include <vector>

#include "kerascpp/errors.hpp"
#include "saving/hdf5.hpp"

namespace kerascpp_test {

inline void collect_dataset_paths(const kerascpp::saving::hdf5::Group& group,
                                  const std::string& prefix, std::vector<std::string>& paths) {
    for (const auto& name : group.members()) {
        const std::string path = prefix.empty() ? name : prefix + "/" + name;
        try {
            collect_dataset_paths(group.group(name), path, paths);
        } catch (const kerascpp::OSError&) {
            paths.push_back(path);  // not a group: a dataset
        }
    }
}

/// In the file's member order.
inline std::vector<std::string> dataset_paths(const kerascpp::saving::hdf5::Group& root) {
    std::vector<std::string> paths;
    collect_dataset_paths(root, "", paths);
    return paths;
}

}  // namespace kerascpp_test
