#include "filepath_template.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "kerascpp/errors.hpp"

namespace kerascpp::callbacks::detail {
namespace {

struct FormatSpec {
    char fill = ' ';
    char align = 0;  // '<', '>', '^', '=' or none
    char sign = '-';
    bool zero = false;
    int width = 0;
    int precision = -1;
    char type = 0;
};

[[noreturn]] void fail(const std::string& pattern, const std::string& why) {
    throw ValueError("Failed to format the callback filepath \"" + pattern + "\": " + why);
}

bool is_align(char c) {
    return c == '<' || c == '>' || c == '^' || c == '=';
}

int parse_number(std::string_view& s) {
    int n = 0;
    while (!s.empty() && s.front() >= '0' && s.front() <= '9') {
        n = std::min(n * 10 + (s.front() - '0'), 1'000'000);  // capped: checked by the caller
        s.remove_prefix(1);
    }
    return n;
}

FormatSpec parse_spec(std::string_view s, const std::string& pattern) {
    FormatSpec spec;
    if (s.size() >= 2 && is_align(s[1])) {
        spec.fill = s[0];
        spec.align = s[1];
        s.remove_prefix(2);
    } else if (!s.empty() && is_align(s[0])) {
        spec.align = s[0];
        s.remove_prefix(1);
    }
    if (!s.empty() && (s[0] == '+' || s[0] == '-' || s[0] == ' ')) {
        spec.sign = s[0];
        s.remove_prefix(1);
    }
    if (!s.empty() && s[0] == '0') {
        spec.zero = true;
        s.remove_prefix(1);
    }
    spec.width = parse_number(s);
    if (!s.empty() && s[0] == '.') {
        s.remove_prefix(1);
        if (s.empty() || s[0] < '0' || s[0] > '9')
            fail(pattern, "format specifier missing precision");
        spec.precision = parse_number(s);
    }
    if (!s.empty()) {
        spec.type = s[0];
        s.remove_prefix(1);
    }
    if (spec.width > 1000 || spec.precision > 100) fail(pattern, "width or precision too large");
    if (!s.empty() || (spec.type != 0 &&
                       std::string_view("deEfFgG%").find(spec.type) == std::string_view::npos)) {
        fail(pattern, "invalid format specifier");
    }
    return spec;
}

/// Python's repr of a float: the shortest round-trip digits, fixed notation for exponents
/// in [-4, 16), else d.ddde±XX.
std::string python_float(double v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    char buf[64];
    const auto end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific).ptr;
    const std::string sci(buf, end);
    const auto e = sci.find('e');
    const int exponent = std::atoi(sci.c_str() + e + 1);
    std::string digits;
    for (char c : sci.substr(0, e)) {
        if (c >= '0' && c <= '9') digits += c;
    }
    std::string out;
    if (exponent < -4 || exponent >= 16) {
        out += digits.substr(0, 1);
        if (digits.size() > 1) out += "." + digits.substr(1);
        char exp[8];
        std::snprintf(exp, sizeof exp, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
        return out + exp;
    }
    if (exponent < 0)
        return out + "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
    const auto whole = static_cast<std::size_t>(exponent) + 1;
    if (digits.size() <= whole)
        return out + digits + std::string(whole - digits.size(), '0') + ".0";
    return out + digits.substr(0, whole) + "." + digits.substr(whole);
}

/// The value's text before padding: its sign (as spec.sign asks), then its digits.
std::string format_number(const TemplateValue& v, const FormatSpec& spec,
                          const std::string& pattern) {
    const std::string sign = std::signbit(v.value) ? "-"
                             : spec.sign == '-'    ? ""
                                                   : std::string(1, spec.sign);
    const double magnitude = std::abs(v.value);
    if (spec.type == 'd' || (spec.type == 0 && v.integer)) {
        if (!v.integer) fail(pattern, "unknown format code 'd' for a float value");
        return sign + std::to_string(static_cast<long long>(magnitude));
    }
    if (spec.type == 0 && spec.precision < 0) return sign + python_float(magnitude);
    const bool percent = spec.type == '%';
    const char conversion = spec.type == 0 ? 'g' : percent ? 'f' : spec.type;
    const std::string format =
        "%." + std::to_string(spec.precision < 0 ? 6 : spec.precision) + conversion;
    char buf[512];
    std::snprintf(buf, sizeof buf, format.c_str(), percent ? magnitude * 100.0 : magnitude);
    return sign + buf + (percent ? "%" : "");
}

/// Pads to spec.width; numbers align right unless the spec says otherwise.
std::string pad(std::string text, const FormatSpec& spec) {
    const auto width = static_cast<std::size_t>(spec.width);
    if (text.size() >= width) return text;
    const std::size_t missing = width - text.size();
    char align = spec.align;
    char fill = spec.fill;
    if (spec.zero && align == 0) {
        align = '=';
        fill = '0';
    }
    if (align == 0) align = '>';
    switch (align) {
        case '<':
            return text + std::string(missing, fill);
        case '^':
            return std::string(missing / 2, fill) + text + std::string(missing - missing / 2, fill);
        case '=': {
            const std::size_t sign =
                !text.empty() && (text[0] == '-' || text[0] == '+' || text[0] == ' ') ? 1 : 0;
            return text.substr(0, sign) + std::string(missing, fill) + text.substr(sign);
        }
        default:
            return std::string(missing, fill) + text;
    }
}

}  // namespace

std::string format_template(const std::string& pattern,
                            const std::map<std::string, TemplateValue>& values) {
    std::string out;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if ((c == '{' || c == '}') && i + 1 < pattern.size() && pattern[i + 1] == c) {
            out += c;
            ++i;
            continue;
        }
        if (c == '}') fail(pattern, "single '}' encountered");
        if (c != '{') {
            out += c;
            continue;
        }
        const auto close = pattern.find('}', i);
        if (close == std::string::npos) fail(pattern, "single '{' encountered");
        const std::string field = pattern.substr(i + 1, close - i - 1);
        const auto colon = field.find(':');
        const std::string name = field.substr(0, colon);
        const auto it = values.find(name);
        if (it == values.end()) {
            std::string known;
            for (const auto& entry : values) known += (known.empty() ? "" : ", ") + entry.first;
            fail(pattern, "no value named '" + name + "' (available: " + known + ")");
        }
        const FormatSpec spec =
            parse_spec(colon == std::string::npos ? std::string_view()
                                                  : std::string_view(field).substr(colon + 1),
                       pattern);
        out += pad(format_number(it->second, spec, pattern), spec);
        i = close;
    }
    return out;
}

}  // namespace kerascpp::callbacks::detail
