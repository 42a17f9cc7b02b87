#include "jobs/QualityProfileService.hpp"

#include <nlohmann/json.hpp>

#include "core/Log.hpp"
#include "db/repositories/KeyValueRepository.hpp"
#include "matching/MatchJson.hpp"

namespace soulspot::jobs
{
    namespace
    {
        constexpr const char* kCustomKey = "quality_profiles.custom";
        constexpr const char* kActiveKey = "quality_profiles.active";

        std::string slug(const std::string& name)
        {
            std::string out;
            for (unsigned char c : name)
                if (std::isalnum(c))
                    out.push_back(static_cast<char>(std::tolower(c)));
                else if (!out.empty() && out.back() != '-')
                    out.push_back('-');
            while (!out.empty() && out.back() == '-')
                out.pop_back();
            return out;
        }
    } // namespace

    core::Result<std::vector<matching::QualityProfile>> QualityProfileService::custom()
    {
        auto raw = db::SettingsRepository(db_).get(kCustomKey);
        if (!raw)
            return core::fail(raw.error());
        std::vector<matching::QualityProfile> out;
        if (!*raw)
            return out;
        auto j = nlohmann::json::parse(**raw, nullptr, false);
        if (!j.is_array())
            return out;
        for (const auto& item : j)
            if (auto p = matching::qualityProfileFromJson(item))
                out.push_back(std::move(*p));
        return out;
    }

    core::Result<void> QualityProfileService::storeCustom(const std::vector<matching::QualityProfile>& profiles)
    {
        nlohmann::json arr = nlohmann::json::array();
        for (const auto& p : profiles)
            arr.push_back(matching::toJson(p));
        return db::SettingsRepository(db_).set(kCustomKey, arr.dump());
    }

    core::Result<std::vector<ProfileEntry>> QualityProfileService::list()
    {
        std::vector<ProfileEntry> out;
        for (const auto& p : matching::builtinProfiles())
            out.push_back({p, true});
        auto c = custom();
        if (!c)
            return core::fail(c.error());
        for (auto& p : *c)
            out.push_back({std::move(p), false});
        return out;
    }

    core::Result<std::optional<matching::QualityProfile>> QualityProfileService::find(const std::string& nameOrId)
    {
        if (auto b = matching::findBuiltinProfile(nameOrId))
            return b;
        auto c = custom();
        if (!c)
            return core::fail(c.error());
        for (auto& p : *c)
            if (p.id == nameOrId || p.id == slug(nameOrId))
                return std::optional<matching::QualityProfile>(std::move(p));
        return std::optional<matching::QualityProfile>{};
    }

    core::Result<matching::QualityProfile> QualityProfileService::save(matching::QualityProfile profile)
    {
        if (profile.id.empty())
            profile.id = slug(profile.name);
        if (auto v = matching::validate(profile); !v)
            return core::fail(v.error());
        if (profile.id.empty())
            return core::fail(core::Error::invalid("the profile needs a name made of letters or digits"));
        if (matching::findBuiltinProfile(profile.id))
            return core::fail(core::Error::conflict("'" + profile.id + "' is a built-in profile and cannot be changed"));
        auto c = custom();
        if (!c)
            return core::fail(c.error());
        std::erase_if(*c, [&](const auto& p) { return p.id == profile.id; });
        c->push_back(profile);
        if (auto r = storeCustom(*c); !r)
            return core::fail(r.error());
        return profile;
    }

    core::Result<void> QualityProfileService::remove(const std::string& id)
    {
        if (matching::findBuiltinProfile(id))
            return core::fail(core::Error::conflict("built-in profiles cannot be deleted"));
        auto c = custom();
        if (!c)
            return core::fail(c.error());
        const auto before = c->size();
        std::erase_if(*c, [&](const auto& p) { return p.id == id; });
        if (c->size() == before)
            return core::fail(core::Error::notFound("no custom profile '" + id + "'"));
        if (auto active = activeId(); active && *active == id)
            (void)db::SettingsRepository(db_).erase(kActiveKey);
        return storeCustom(*c);
    }

    core::Result<std::string> QualityProfileService::activeId()
    {
        auto raw = db::SettingsRepository(db_).get(kActiveKey);
        if (!raw)
            return core::fail(raw.error());
        return raw->value_or(matching::defaultProfile().id);
    }

    core::Result<void> QualityProfileService::setActive(const std::string& nameOrId)
    {
        auto p = find(nameOrId);
        if (!p)
            return core::fail(p.error());
        if (!*p)
            return core::fail(core::Error::notFound("no quality profile '" + nameOrId + "'"));
        return db::SettingsRepository(db_).set(kActiveKey, (*p)->id);
    }

    matching::QualityProfile QualityProfileService::resolve(const std::optional<std::string>& override)
    {
        if (override)
            if (auto p = find(*override); p && *p)
                return **p;
        if (auto active = activeId())
            if (auto p = find(*active); p && *p)
                return **p;
        return matching::defaultProfile();
    }
} // namespace soulspot::jobs
