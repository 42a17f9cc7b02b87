#pragma once
// Words that say which recording a file is: versions a wanted title must ask for before we accept them
// (live, remix, karaoke, …) and harmless qualifiers that never make a different recording (remaster, mono, …).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "matching/TextNormalizer.hpp"

namespace soulspot::matching
{
    enum class VersionKind : std::uint32_t
    {
        Live = 1u << 0,
        Remix = 1u << 1,
        Edit = 1u << 2,
        RadioEdit = 1u << 3,
        Extended = 1u << 4,
        Instrumental = 1u << 5,
        Karaoke = 1u << 6,
        Cover = 1u << 7,
        Acoustic = 1u << 8,
        Demo = 1u << 9,
        Reprise = 1u << 10,
        SpedUp = 1u << 11,
        Slowed = 1u << 12,
        Nightcore = 1u << 13,
        Acapella = 1u << 14,
        Preview = 1u << 15,
    };

    using VersionSet = std::uint32_t;
    constexpr VersionSet bitOf(VersionKind kind) { return static_cast<VersionSet>(kind); }

    /// Kinds named by the word at `index`, looking at its neighbours in the same path component
    /// ("radio edit", "original mix", "in the style of"). 0 when the word names no version.
    VersionSet versionKindsAt(const std::vector<Token>& tokens, std::size_t index);

    /// Kinds a wanted version also accepts: a wanted radio edit accepts a file labelled just "edit".
    VersionSet versionsImpliedBy(VersionSet wanted);

    /// Kinds whose absence from the file means it is a different recording (a wanted remix must say remix);
    /// radio edits and extended mixes are often unlabelled, so the length decides for them.
    VersionSet versionsThatMustBeLabelled(VersionSet wanted);

    /// "live, remix" — for reasons shown to users.
    std::string describeVersions(VersionSet kinds);

    /// Qualifiers that do not change the recording: remaster, deluxe, mono, explicit, formats, "official audio".
    bool isQualifierNoise(std::string_view word);

    /// Words that open a credit part: "feat.", "ft", "featuring", "prod", "with" (the last only inside brackets).
    bool isCreditWord(std::string_view word, bool inBracket);
} // namespace soulspot::matching
