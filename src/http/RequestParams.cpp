#include "http/RequestParams.hpp"

#include <charconv>

namespace soulspot::http
{
    core::Result<std::int64_t> parseId(const std::string& text, const char* what)
    {
        std::int64_t v = 0;
        auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (ec != std::errc() || p != text.data() + text.size() || v < 0)
            return core::fail(core::Error::invalid(std::string(what) + " must be a non-negative integer, got '" + text + "'"));
        return v;
    }

    core::Result<int> intQuery(const Request& request, const std::string& name, int fallback, int lo, int hi)
    {
        auto v = request.queryParam(name);
        if (!v)
            return fallback;
        auto n = parseId(*v, name.c_str());
        if (!n || *n < lo || *n > hi)
            return core::fail(core::Error::invalid(name + " must be between " + std::to_string(lo) + " and " + std::to_string(hi)));
        return static_cast<int>(*n);
    }
} // namespace soulspot::http
