#include "http/JsonBody.hpp"

#include <nlohmann/json.hpp>

#include "http/HttpMessage.hpp"

#include <cctype>

namespace soulspot::http
{
    std::string errorBody(std::string_view code, std::string_view message, std::string_view field)
    {
        nlohmann::json j = {{"error", {{"code", code}, {"message", message}}}};
        if (!field.empty())
            j["error"]["field"] = field;
        return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }

    std::string dumpJson(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

    namespace
    {
        // "application/json", "application/json; charset=utf-8", "application/merge-patch+json".
        bool isJsonMediaType(std::string_view type)
        {
            type = type.substr(0, type.find(';'));
            while (!type.empty() && (type.back() == ' ' || type.back() == '\t'))
                type.remove_suffix(1);
            while (!type.empty() && (type.front() == ' ' || type.front() == '\t'))
                type.remove_prefix(1);
            std::string lower(type);
            for (char& c : lower)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return lower == "application/json" || (lower.starts_with("application/") && lower.ends_with("+json"));
        }

        bool isBlank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }
    } // namespace

    bool isUnsupportedMediaType(const core::Error& error)
    {
        return error.code == core::ErrorCode::InvalidArgument && error.reason == kUnsupportedMediaType;
    }

    core::Result<nlohmann::json> parseJsonObject(const Request& request)
    {
        // A JSON parser will happily read JSON out of a text/plain body; answering 415 instead keeps the
        // contract honest and closes the CSRF-by-simple-form road (a browser form cannot send application/json).
        const auto type = request.header("Content-Type");
        if (!isBlank(request.body) && !(type && isJsonMediaType(*type)))
        {
            core::Error e = core::Error::invalid("Content-Type must be application/json, got '" +
                                                 type.value_or("(none)").substr(0, 100) + "'");
            e.reason = std::string(kUnsupportedMediaType);
            return core::fail(std::move(e));
        }
        auto j = nlohmann::json::parse(request.body, nullptr, false);
        if (j.is_discarded())
            return core::fail(core::Error::invalid("malformed JSON body"));
        if (!j.is_object())
            return core::fail(core::Error::invalid("expected a JSON object"));
        return j;
    }
} // namespace soulspot::http
