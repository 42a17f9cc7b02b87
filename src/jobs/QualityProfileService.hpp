#pragma once
// Quality profiles the user can choose from: the built-ins (read-only) plus custom ones stored as JSON in
// the settings table, and which one is active (the default for downloads without their own profile).

#include <optional>
#include <string>
#include <vector>

#include "core/Error.hpp"
#include "db/Database.hpp"
#include "matching/QualityProfile.hpp"

namespace soulspot::jobs
{
    struct ProfileEntry
    {
        matching::QualityProfile profile;
        bool builtin{false};
    };

    class QualityProfileService
    {
    public:
        explicit QualityProfileService(db::Database& db) : db_(db) {}

        core::Result<std::vector<ProfileEntry>> list();
        /// Built-in or custom, by id or name (the built-ins' loose matching).
        core::Result<std::optional<matching::QualityProfile>> find(const std::string& nameOrId);
        /// Creates or replaces a custom profile; Conflict when the id is a built-in's.
        core::Result<matching::QualityProfile> save(matching::QualityProfile profile);
        core::Result<void> remove(const std::string& id);
        core::Result<std::string> activeId();
        core::Result<void> setActive(const std::string& nameOrId);
        /// What a download uses: its own profile when it names one that exists, else the active one.
        matching::QualityProfile resolve(const std::optional<std::string>& override);

    private:
        core::Result<std::vector<matching::QualityProfile>> custom();
        core::Result<void> storeCustom(const std::vector<matching::QualityProfile>& profiles);
        db::Database& db_;
    };
} // namespace soulspot::jobs
