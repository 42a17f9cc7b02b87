#include "http/handlers/NamingHandlers.hpp"

#include <nlohmann/json.hpp>

#include "http/JsonBody.hpp"
#include "http/TextField.hpp"
#include "jobs/NamingSettings.hpp"

namespace soulspot::http
{
    namespace
    {
        using Settings = std::shared_ptr<jobs::NamingSettings>;
        using nlohmann::json;


        json templatesToJson(const jobs::NamingTemplates& t)
        {
            return json{{"track_template", t.trackTemplate},
                        {"multidisc_template", t.multiDiscTemplate},
                        {"defaults",
                         {{"track_template", std::string(library::kDefaultTrackTemplate)},
                          {"multidisc_template", std::string(library::kDefaultMultiDiscTemplate)}}}};
        }

        core::Result<std::optional<std::string>> optionalString(const json& body, const char* key)
        {
            return textField(body, key, key, kTemplateText);
        }

        Response get(const Settings& s)
        {
            auto t = s->get();
            if (!t)
                return errorResponse(t.error());
            return jsonResponse(200, dumpJson(templatesToJson(*t)));
        }

        Response put(const Settings& s, Request& req)
        {
            auto body = parseJsonObject(req);
            if (!body)
                return errorResponse(body.error());
            auto track = optionalString(*body, "track_template");
            if (!track)
                return errorResponse(track.error());
            auto multi = optionalString(*body, "multidisc_template");
            if (!multi)
                return errorResponse(multi.error());
            if (!*track && !*multi)
                return errorResponse(400, "invalid_argument", "expected track_template and/or multidisc_template");
            auto updated = s->update(*track, *multi);
            if (!updated)
            {
                if (updated.error().code == core::ErrorCode::InvalidArgument)
                    return errorResponse(400, "invalid_template", updated.error().message);
                return errorResponse(updated.error());
            }
            return jsonResponse(200, dumpJson(templatesToJson(*updated)));
        }

        Response preview(Request& req)
        {
            auto body = parseJsonObject(req);
            if (!body)
                return errorResponse(body.error());
            auto given = optionalString(*body, "template");
            if (!given)
                return errorResponse(given.error());
            if (!*given)
                return errorResponse(400, "invalid_argument", "expected {\"template\": \"...\"}");
            const auto text = std::move(**given);
            auto samples = jobs::previewNaming(text);
            if (!samples)
                return errorResponse(400, "invalid_template", samples.error().message);
            json arr = json::array();
            for (const auto& p : *samples)
                arr.push_back(json{{"description", p.description}, {"path", p.path}});
            return jsonResponse(200, dumpJson(json{{"template", text}, {"samples", arr}}));
        }
    } // namespace

    void registerNamingRoutes(Router& router, std::shared_ptr<jobs::NamingSettings> s)
    {
        router.add("GET", "/api/v1/settings/naming", [s](Request&) { return get(s); }, "Naming templates");
        router.add("PUT", "/api/v1/settings/naming", [s](Request& r) { return put(s, r); }, "Change naming templates");
        router.add("POST", "/api/v1/settings/naming/preview", [](Request& r) { return preview(r); },
                   "Preview a naming template");
    }
} // namespace soulspot::http
