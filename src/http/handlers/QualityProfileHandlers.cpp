#include "http/handlers/QualityProfileHandlers.hpp"

#include <nlohmann/json.hpp>

#include "http/JsonBody.hpp"
#include "http/TextField.hpp"
#include "jobs/QualityProfileService.hpp"
#include "matching/MatchJson.hpp"

namespace soulspot::http
{
    namespace
    {
        using nlohmann::json;
        using Service = std::shared_ptr<jobs::QualityProfileService>;

        json entryToJson(const matching::QualityProfile& p, bool builtin)
        {
            return {{"id", p.id}, {"name", p.name}, {"builtin", builtin}, {"profile", matching::toJson(p)}};
        }

        Response list(const Service& s)
        {
            auto all = s->list();
            auto active = s->activeId();
            if (!all)
                return errorResponse(all.error());
            if (!active)
                return errorResponse(active.error());
            json arr = json::array();
            for (const auto& e : *all)
                arr.push_back(entryToJson(e.profile, e.builtin));
            return jsonResponse(200, json{{"active", *active}, {"profiles", arr}}.dump());
        }

        Response save(const Service& s, Request& req, std::optional<std::string> id)
        {
            auto body = parseJsonObject(req);
            if (!body)
                return errorResponse(body.error());
            if (id)
                if (auto ok = checkText(*id, "id", kIdText); !ok)
                    return errorResponse(ok.error());
            struct Text { const char* key; TextRule rule; };
            for (const Text& f : {Text{"id", kIdText}, Text{"name", kNameText}, Text{"description", kNameText}})
                if (auto v = textField(*body, f.key, f.key, f.rule); !v)
                    return errorResponse(v.error());
            if (body->contains("formats") && (*body)["formats"].is_array())
            {
                if ((*body)["formats"].size() > 64)
                    return errorResponse(fieldError("formats", "formats has more than 64 entries"));
                for (const auto& f : (*body)["formats"])
                    if (f.is_string())
                        if (auto ok = checkText(f.get_ref<const std::string&>(), "formats", kShortText); !ok)
                            return errorResponse(ok.error());
            }
            auto profile = matching::qualityProfileFromJson(*body);
            if (!profile)
                return errorResponse(profile.error());
            if (id)
                profile->id = *id;
            auto saved = s->save(std::move(*profile));
            if (!saved)
                return errorResponse(saved.error());
            return jsonResponse(id ? 200 : 201, entryToJson(*saved, false).dump());
        }

        Response setActive(const Service& s, Request& req)
        {
            auto body = parseJsonObject(req);
            if (!body)
                return errorResponse(body.error());
            auto given = textField(*body, "name", "name", kNameText);
            if (!given)
                return errorResponse(given.error());
            const std::string name = given->value_or("");
            if (name.empty())
                return errorResponse(400, "invalid_argument", "expected {\"name\": \"<profile id or name>\"}");
            if (auto r = s->setActive(name); !r)
                return errorResponse(r.error());
            return jsonResponse(200, json{{"active", s->activeId().value_or(name)}}.dump());
        }
    } // namespace

    void registerQualityProfileRoutes(Router& router, std::shared_ptr<jobs::QualityProfileService> s)
    {
        router.add("GET", "/api/v1/quality-profiles", [s](Request&) { return list(s); }, "Quality profiles and the active one");
        router.add("POST", "/api/v1/quality-profiles", [s](Request& r) { return save(s, r, std::nullopt); }, "Create a custom profile");
        router.add("PUT", "/api/v1/quality-profiles/active", [s](Request& r) { return setActive(s, r); }, "Choose the active profile");
        router.add("PUT", "/api/v1/quality-profiles/{id}", [s](Request& r) { return save(s, r, r.param("id")); },
                   "Replace a custom profile");
        router.add("DELETE", "/api/v1/quality-profiles/{id}",
                   [s](Request& r) {
                       if (auto d = s->remove(r.param("id")); !d)
                           return errorResponse(d.error());
                       Response res;
                       res.status = 204;
                       return res;
                   },
                   "Delete a custom profile");
    }
} // namespace soulspot::http
