#include "db/Value.hpp"

#include <charconv>
#include <stdexcept>

namespace soulspot::db
{
    std::int64_t Row::getInt(std::size_t i) const
    {
        const Value& v = values_.at(i);
        if (const auto* n = std::get_if<std::int64_t>(&v))
            return *n;
        if (const auto* d = std::get_if<double>(&v))
            return static_cast<std::int64_t>(*d);
        if (const auto* s = std::get_if<std::string>(&v))
        {
            if (*s == "t" || *s == "true")
                return 1;
            if (*s == "f" || *s == "false")
                return 0;
            std::int64_t out = 0;
            auto [ptr, ec] = std::from_chars(s->data(), s->data() + s->size(), out);
            if (ec == std::errc())
                return out;
            throw std::runtime_error("column " + std::to_string(i) + " is not an integer: " + *s);
        }
        throw std::runtime_error("column " + std::to_string(i) + " is NULL");
    }

    double Row::getDouble(std::size_t i) const
    {
        const Value& v = values_.at(i);
        if (const auto* d = std::get_if<double>(&v))
            return *d;
        if (const auto* n = std::get_if<std::int64_t>(&v))
            return static_cast<double>(*n);
        if (const auto* s = std::get_if<std::string>(&v))
            return std::stod(*s);
        throw std::runtime_error("column " + std::to_string(i) + " is NULL");
    }

    std::string Row::getString(std::size_t i) const
    {
        const Value& v = values_.at(i);
        if (const auto* s = std::get_if<std::string>(&v))
            return *s;
        if (const auto* n = std::get_if<std::int64_t>(&v))
            return std::to_string(*n);
        if (const auto* d = std::get_if<double>(&v))
            return std::to_string(*d);
        return {};
    }

    std::optional<std::int64_t> Row::getOptInt(std::size_t i) const
    {
        if (isNull(i))
            return std::nullopt;
        return getInt(i);
    }

    std::optional<std::string> Row::getOptString(std::size_t i) const
    {
        if (isNull(i))
            return std::nullopt;
        return getString(i);
    }
} // namespace soulspot::db
