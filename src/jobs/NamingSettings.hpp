#pragma once
// The naming templates the user chose (settings keys naming.track_template / naming.multidisc_template),
// validated on the way in, with the library's Lidarr-style defaults when nothing is stored.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Error.hpp"
#include "db/Database.hpp"
#include "library/NamingTemplate.hpp"

namespace soulspot::jobs
{
    inline constexpr const char* kTrackTemplateKey = "naming.track_template";
    inline constexpr const char* kMultiDiscTemplateKey = "naming.multidisc_template";

    struct NamingTemplates
    {
        std::string trackTemplate;
        std::string multiDiscTemplate;
    };

    class NamingSettings
    {
    public:
        explicit NamingSettings(db::Database& db) : db_(db) {}

        /// The stored templates, or the defaults for keys not stored.
        core::Result<NamingTemplates> get();
        /// Validates both (InvalidArgument naming the field and the template error) and stores them.
        /// An unset field keeps the current value.
        core::Result<NamingTemplates> update(const std::optional<std::string>& trackTemplate,
                                             const std::optional<std::string>& multiDiscTemplate);
        /// The compiled scheme; a stored template that no longer validates falls back to the default (logged).
        library::NamingScheme scheme();

    private:
        db::Database& db_;
    };

    struct NamingPreview
    {
        std::string description; // what the sample shows ("FLAC album track", …)
        std::string path;        // the rendered relative path
    };

    /// Validates `text` (InvalidArgument with the template error) and renders it for a few sample tracks:
    /// a FLAC album track, an MP3 on disc 2 of 2, and a title full of characters that must be replaced.
    core::Result<std::vector<NamingPreview>> previewNaming(std::string_view text);
} // namespace soulspot::jobs
