#include "http/TextField.hpp"

#include <nlohmann/json.hpp>

namespace soulspot::http
{
    namespace
    {
        constexpr std::string_view kFieldPrefix = "field:";

        std::size_t codePoints(std::string_view s)
        {
            std::size_t n = 0;
            for (char c : s)
                if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
                    ++n;
            return n;
        }
    } // namespace

    core::Error fieldError(std::string_view field, std::string message)
    {
        core::Error e = core::Error::invalid(std::move(message));
        e.reason = std::string(kFieldPrefix) + std::string(field);
        return e;
    }

    std::string_view errorField(const core::Error& error)
    {
        std::string_view r = error.reason;
        return error.code == core::ErrorCode::InvalidArgument && r.starts_with(kFieldPrefix) ? r.substr(kFieldPrefix.size())
                                                                                            : std::string_view{};
    }

    core::Result<void> checkText(std::string_view value, std::string_view field, TextRule rule)
    {
        // Cheap byte test first: a 1 MB string must not be walked twice to be refused.
        if (value.size() > rule.maxChars && (value.size() > 4 * rule.maxChars || codePoints(value) > rule.maxChars))
            return core::fail(fieldError(field, std::string(field) + " is longer than " + std::to_string(rule.maxChars) +
                                                    " characters"));
        if (rule.allowControl)
            return {};
        for (char c : value)
        {
            const auto u = static_cast<unsigned char>(c);
            if ((u < 0x20 && !(rule.allowTab && c == '\t')) || u == 0x7F)
                return core::fail(fieldError(field, std::string(field) + " contains a control character (code " +
                                                        std::to_string(u) + ")"));
        }
        return {};
    }

    core::Result<std::optional<std::string>> textField(const nlohmann::json& object, const char* key,
                                                       std::string_view field, TextRule rule)
    {
        const auto it = object.find(key);
        if (it == object.end() || it->is_null())
            return std::optional<std::string>{};
        if (!it->is_string())
            return core::fail(fieldError(field, std::string(field) + " must be a string"));
        const auto& s = it->get_ref<const std::string&>();
        if (auto ok = checkText(s, field, rule); !ok)
            return core::fail(ok.error());
        return std::optional<std::string>(s);
    }
} // namespace soulspot::http
