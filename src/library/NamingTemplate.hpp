#pragma once
// Lidarr-style naming templates: parsed and validated once, rendered for many tracks into a relative path
// whose every component is already safe (PathSanitizer). Join it under the library root with safeJoin().

#include <string>
#include <string_view>
#include <vector>

#include "core/Error.hpp"
#include "library/NamingInput.hpp"

namespace soulspot::library
{
    inline constexpr std::string_view kDefaultTrackTemplate =
        "{Artist Name}/{Album Title} ({Release Year})/{track:00} - {Track Title}";
    // Discs share one album folder (players group by folder); the disc number leads the file name.
    inline constexpr std::string_view kDefaultMultiDiscTemplate =
        "{Artist Name}/{Album Title} ({Release Year})/{medium:00}-{track:00} - {Track Title}";

    class NamingTemplate
    {
    public:
        /// Validates and compiles `text`. The error message names the problem and its position: empty
        /// template, unbalanced braces, unknown token, bad format, "..", absolute path, missing title/number.
        static core::Result<NamingTemplate> parse(std::string_view text);

        /// Relative path ('/'-separated) for `input`, with `extension` (".flac") appended to the file name.
        /// Empty folder levels are dropped; each component is sanitised and capped at 255 bytes.
        std::string render(const NamingInput& input, std::string_view extension) const;

        const std::string& text() const { return text_; }

        struct Token
        {
            int id{0};               // TokenId, kept opaque here
            std::string prefix;      // dropped with the value when the value is empty
            std::string suffix;
            char separator{' '};     // replaces spaces in the value ({Artist.Name})
            enum class Case { AsIs, Lower, Upper } casing{Case::AsIs};
            int padWidth{0};         // number tokens: {track:00} → 2
            int truncate{0};         // text tokens: {Track Title:30} → 30, {…:-30} → -30
        };
        struct Segment
        {
            std::string literal;     // used when isToken is false
            bool isToken{false};
            Token token;
        };

    private:
        std::string text_;
        std::vector<std::vector<Segment>> components_; // one entry per '/'-separated level
    };

    /// The standard template plus the one used when the release has more than one disc.
    class NamingScheme
    {
    public:
        static core::Result<NamingScheme> create(std::string_view standard = kDefaultTrackTemplate,
                                                 std::string_view multiDisc = kDefaultMultiDiscTemplate);

        /// Picks the multi-disc template when metadata.discTotal > 1, then renders.
        std::string render(const NamingInput& input, std::string_view extension) const;

    private:
        NamingScheme(NamingTemplate standard, NamingTemplate multiDisc)
            : standard_(std::move(standard)), multiDisc_(std::move(multiDisc))
        {
        }
        NamingTemplate standard_;
        NamingTemplate multiDisc_;
    };

    /// Sample metadata (a well-known two-disc-capable album) used by previews and the settings UI.
    NamingInput sampleNamingInput();

    /// Validates `text` and renders it with sampleNamingInput(); the error is the validation message.
    core::Result<std::string> previewTemplate(std::string_view text, std::string_view extension = ".flac");
} // namespace soulspot::library
