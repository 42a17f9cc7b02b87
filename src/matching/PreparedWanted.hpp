#pragma once
// A WantedTrack turned, once per case, into the normalised forms the scorer compares every file against.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "matching/VersionWords.hpp"
#include "matching/WantedTrack.hpp"

namespace soulspot::matching
{
    /// A catalogue title cut into its name and its qualifiers: "Song (feat. X) - 2011 Remaster" gives
    /// core "Song (feat. X)" minus the credit, qualifiers {"feat. X", "2011 Remaster"}.
    struct TitleParts
    {
        std::string core;                    // raw text outside brackets and before " - "
        std::vector<std::string> qualifiers; // raw text of each bracketed part and each " - " suffix
    };
    TitleParts splitTitle(std::string_view title);

    /// Words of the core title, cut at "feat."/"ft."; falls back to all words when the core is empty.
    std::vector<std::string> coreTitleWords(const TitleParts& parts, const NormalizeOptions& options = {});

    /// Words of an artist name as matched: a leading "the" is dropped ("The Beatles" = "Beatles, The").
    std::vector<std::string> artistWords(std::string_view artist, const NormalizeOptions& options = {});

    struct NamePattern
    {
        std::string display; // original spelling, for reasons
        std::string compact; // normalised words without spaces
        std::size_t wordCount{0};
    };

    struct PreparedWanted
    {
        NamePattern title;                 // core title
        std::vector<NamePattern> artists;  // primary first
        NamePattern album;
        std::vector<std::string> knownWords;  // sorted: artist, album and qualifier words that may surround a title
        std::vector<std::string> detailWords; // words naming the wanted version ("tiesto" in "Tiësto Remix")
        VersionSet wantedVersions{0};        // versions the title or album asks for, with their implied kinds
        VersionSet mustBeLabelled{0};        // of those, the ones a file has to name
        std::optional<double> durationSec;
        std::optional<int> trackNumber;
        std::string isrc; // lower case
    };

    PreparedWanted prepareWanted(const WantedTrack& wanted);

    /// Binary search in PreparedWanted::knownWords.
    bool isKnownWord(const PreparedWanted& wanted, std::string_view word);
} // namespace soulspot::matching
