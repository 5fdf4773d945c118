// ModelIO: access to the tensors of a model's inputs, outputs or data by position or name.
#include "kerascpp/errors.hpp"
#include "kerascpp/models/functional.hpp"
#include "training/training_data.hpp"

namespace kerascpp {

ModelIO ModelIO::named(std::vector<std::string> names, std::vector<Tensor> tensors) {
    if (names.size() != tensors.size()) {
        throw ValueError("ModelIO::named: got " + std::to_string(names.size()) + " names for " +
                         std::to_string(tensors.size()) + " tensors");
    }
    ModelIO io(std::move(tensors));
    io.names_ = std::move(names);
    return io;
}

bool ModelIO::empty() const {
    for (const auto& t : tensors_) {
        if (t.defined()) return false;
    }
    return true;
}

const Tensor& ModelIO::operator[](std::size_t index) const {
    if (index >= tensors_.size()) {
        throw IndexError("ModelIO: index " + std::to_string(index) + " is out of range for " +
                         std::to_string(tensors_.size()) + " tensors");
    }
    return tensors_[index];
}

const Tensor& ModelIO::operator[](const std::string& name) const {
    for (std::size_t i = 0; i < names_.size(); ++i) {
        if (names_[i] == name) return tensors_[i];
    }
    throw ValueError("ModelIO: no tensor named '" + name + "'; the names are " +
                     detail::quoted_names(names_));
}

}  // namespace kerascpp
