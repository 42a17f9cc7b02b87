#pragma once
// Bounds on user-supplied text at the API edge (issue 12 §9). Every string a client sends is stored,
// listed and logged, so an unbounded one costs memory on every page that shows it; control characters
// (an embedded NUL above all) break file names, logs and C APIs further down. Handlers check each text
// field with one of the rules below; a failure is InvalidArgument naming the field (→ 400, "field").
// The same limits are documented as maxLength in docs/openapi.json.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/Error.hpp"

namespace soulspot::http
{
    struct TextRule
    {
        std::size_t maxChars; // Unicode code points, not bytes: the UI shows characters
        bool allowTab{false};
        bool allowControl{false}; // passwords: any byte the user typed, only the length is bounded
    };

    inline constexpr TextRule kNameText{1024};          // titles, artists, albums, playlist and profile names
    inline constexpr TextRule kIdText{256};             // ids, user names, key names, Spotify ids
    inline constexpr TextRule kIsrcText{32};            // ISRC is 12 characters; room for separators
    inline constexpr TextRule kShortText{64};           // dates, timestamps, enum-like words
    inline constexpr TextRule kPathText{4096};          // remote file names and local folders (PATH_MAX)
    inline constexpr TextRule kUrlText{2048};
    inline constexpr TextRule kTemplateText{1024};      // naming templates
    inline constexpr TextRule kSecretText{1024, true, true};
    inline constexpr std::size_t kMaxArtists = 32;

    /// An InvalidArgument error whose `reason` carries the field name, so the error body can name it.
    core::Error fieldError(std::string_view field, std::string message);
    /// The field named by a fieldError, or "" for other errors.
    std::string_view errorField(const core::Error& error);

    /// Checks `value` against `rule`: at most maxChars code points and no C0 control character or DEL
    /// (tab only where the rule allows it).
    core::Result<void> checkText(std::string_view value, std::string_view field, TextRule rule);
    /// The string member `key` of a JSON object, checked: nullopt when absent or null, an error when it is
    /// not a string or breaks the rule. `field` is the name used in the message ("track.title").
    core::Result<std::optional<std::string>> textField(const nlohmann::json& object, const char* key,
                                                       std::string_view field, TextRule rule);
} // namespace soulspot::http
