// Ref<Base>: how options take "a loss", "an optimizer", "an initializer", ... either by its
// Keras string identifier ("adam", "glorot_uniform") or as an object, as Keras does.
#pragma once

#include <concepts>
#include <memory>
#include <string>
#include <utility>

namespace kerascpp {

/// A shared, possibly empty reference to an object of a family with a base class `Base`.
/// `Base::from_identifier(std::string_view)` resolves strings (and throws ValueError for
/// unknown ones, listing the known identifiers).
template <class Base>
class Ref {
public:
    Ref() = default;
    Ref(const char* identifier) : ptr_(Base::from_identifier(identifier)) {}  // NOLINT
    Ref(const std::string& identifier) : ptr_(Base::from_identifier(identifier)) {}  // NOLINT
    /// Takes a copy of the object.
    template <class T>
        requires std::derived_from<std::remove_cvref_t<T>, Base>
    Ref(T&& object)  // NOLINT(google-explicit-constructor)
        : ptr_(std::make_shared<std::remove_cvref_t<T>>(std::forward<T>(object))) {}
    /// Shares the object.
    template <class T>
        requires std::derived_from<T, Base>
    Ref(std::shared_ptr<T> object) : ptr_(std::move(object)) {}  // NOLINT

    Base* get() const { return ptr_.get(); }
    Base* operator->() const { return ptr_.get(); }
    Base& operator*() const { return *ptr_; }
    explicit operator bool() const { return ptr_ != nullptr; }
    const std::shared_ptr<Base>& shared() const { return ptr_; }

private:
    std::shared_ptr<Base> ptr_;
};

}  // namespace kerascpp
