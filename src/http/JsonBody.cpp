#include "http/JsonBody.hpp"

#include <nlohmann/json.hpp>

#include "http/HttpMessage.hpp"

namespace soulspot::http
{
    std::string errorBody(std::string_view code, std::string_view message)
    {
        nlohmann::json j = {{"error", {{"code", code}, {"message", message}}}};
        return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }

    std::string dumpJson(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

    core::Result<nlohmann::json> parseJsonObject(const Request& request)
    {
        auto j = nlohmann::json::parse(request.body, nullptr, false);
        if (j.is_discarded())
            return core::fail(core::Error::invalid("malformed JSON body"));
        if (!j.is_object())
            return core::fail(core::Error::invalid("expected a JSON object"));
        return j;
    }
} // namespace soulspot::http
