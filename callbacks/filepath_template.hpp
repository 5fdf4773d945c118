// Python str.format for checkpoint file names: "ckpt-{epoch:02d}-{val_loss:.2f}.keras".
#pragma once

#include <map>
#include <string>

namespace kerascpp::callbacks::detail {

/// A value for a replacement field: integers (epoch, batch) format as Python ints, the logs
/// as Python floats.
struct TemplateValue {
    double value = 0.0;
    bool integer = false;
};

/// Replaces each {name} or {name:spec} (Python's format-spec mini-language: fill, align,
/// sign, 0, width, .precision and the types d, e, E, f, F, g, G, %) with its value; "{{" and
/// "}}" are literal braces. Throws ValueError naming the template and the missing name or
/// the bad spec.
std::string format_template(const std::string& pattern,
                            const std::map<std::string, TemplateValue>& values);

}  // namespace kerascpp::callbacks::detail
