#include "kerascpp/variable.hpp"

#include "kerascpp/errors.hpp"
#include "kerascpp/ops.hpp"
#include "tensor/kernel_args.hpp"

namespace kerascpp {

namespace {
detail::VariableState& state(const Tensor& t) {
    if (!t.defined() || !t.impl()->variable) {
        throw ValueError("kerascpp: this Variable is empty (default-constructed); assign it a Variable first, "
                         "e.g. from add_weight() or Variable(initial_value, name)");
    }
    return *t.impl()->variable;
}
}  // namespace

Variable::Variable(const Tensor& initial_value, std::string name, bool trainable) {
    const Tensor values = stop_gradient(initial_value).copy();
    impl_ = values.impl();
    impl_->variable = std::make_unique<detail::VariableState>();
    impl_->variable->name = name;
    impl_->variable->path = std::move(name);
    impl_->variable->trainable = trainable;
}

const std::string& Variable::name() const { return state(*this).name; }
const std::string& Variable::path() const { return state(*this).path; }
void Variable::set_path(std::string path) { state(*this).path = std::move(path); }
bool Variable::trainable() const { return state(*this).trainable; }
void Variable::set_trainable(bool trainable) { state(*this).trainable = trainable; }
std::uint64_t Variable::version() const { return state(*this).version; }

void Variable::assign(const Tensor& value) const {
    if (value.shape() != shape()) {
        throw ValueError("Variable.assign: variable '" + name() + "' has shape " +
                         shape_str(shape()) + " but the value has shape " +
                         shape_str(value.shape()) + "; shapes must match");
    }
    const Tensor src = value.to(device()).astype(dtype());
    const Shape strides = contiguous_strides(shape());
    detail::backend_of(*this).copy({src.data_ptr(), dtype(), shape(), strides},
                                   {data_ptr(), dtype(), shape(), strides});
    ++state(*this).version;
}

void Variable::assign_add(const Tensor& delta) const { assign(stop_gradient(*this) + delta); }
void Variable::assign_sub(const Tensor& delta) const { assign(stop_gradient(*this) - delta); }

Tensor Variable::value() const { return stop_gradient(*this).copy(); }

}  // namespace kerascpp
