// Variable: a named, stateful tensor, trainable unless said otherwise.
#pragma once

#include <string>

#include "kerascpp/tensor.hpp"

namespace kerascpp {

/// A Variable is a Tensor whose values can be changed in place (assign, assign_add,
/// assign_sub). GradientTape watches trainable variables automatically. Copies of a
/// Variable are handles to the same variable.
class Variable : public Tensor {
public:
    Variable() = default;
    /// Copies `initial_value` into the variable's own memory.
    explicit Variable(const Tensor& initial_value, std::string name = "variable",
                      bool trainable = true);

    const std::string& name() const;
    /// Keras-style path, e.g. "dense/kernel" (equals name() unless set_path was called).
    const std::string& path() const;
    void set_path(std::string path);
    bool trainable() const;
    void set_trainable(bool trainable);

    /// Replace the values (same shape; converted to the variable's dtype).
    void assign(const Tensor& value) const;
    void assign_add(const Tensor& delta) const;
    void assign_sub(const Tensor& delta) const;

    /// The current values as a plain tensor (a copy, unaffected by later assigns).
    Tensor value() const;
    /// Number of in-place updates so far.
    std::uint64_t version() const;
};

}  // namespace kerascpp
