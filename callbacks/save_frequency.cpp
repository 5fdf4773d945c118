#include "save_frequency.hpp"

#include "kerascpp/errors.hpp"

namespace kerascpp::callbacks::detail {

std::int64_t batches_between_saves(const std::string& callback_name,
                                   const std::variant<std::string, std::int64_t>& save_freq) {
    if (const auto* every = std::get_if<std::int64_t>(&save_freq)) {
        if (*every <= 0) {
            throw ValueError(callback_name +
                             ": save_freq must be 'epoch' or a positive number of batches, got " +
                             std::to_string(*every));
        }
        return *every;
    }
    const auto& text = std::get<std::string>(save_freq);
    if (text != "epoch") {
        throw ValueError(callback_name + ": unrecognized save_freq '" + text +
                         "'; expected 'epoch' or a number of batches");
    }
    return 0;
}

}  // namespace kerascpp::callbacks::detail
