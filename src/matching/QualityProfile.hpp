#pragma once
// Quality profiles: which formats and bitrates a user accepts and in which order they are preferred.
// The HTTP layer stores and serves these (JSON in MatchJson.hpp); the scorer only reads them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Error.hpp"

namespace soulspot::matching
{
    struct QualityProfile
    {
        std::string id;   // stable key, lower-case with dashes ("lossless-first")
        std::string name; // shown to users ("Lossless-first")
        std::string description;
        std::vector<std::string> formats; // accepted formats, most preferred first: flac, alac, mp3, aac, …
        bool allowLossy{true};
        bool preferLossless{true};            // lossless files form the first tier
        std::vector<int> lossyTiersKbps{320, 256}; // each threshold opens one tier; VBR ≥ 220 kbps (V0) counts as 320
        std::optional<int> minBitrateKbps;    // lossy files only; unknown bitrates pass
        std::optional<int> maxBitrateKbps;
        std::optional<std::int64_t> minSizeBytes;
        std::optional<std::int64_t> maxSizeBytes;
        std::optional<int> minSampleRate;
        std::optional<int> maxSampleRate;
        std::optional<int> minBitDepth; // lossless files only
        std::optional<int> maxBitDepth;
        int lengthToleranceSec{3};
        std::vector<std::string> excludedWords; // extra words that reject a file wherever they appear in its path
    };

    /// Lossless-first (default), Lossless-only, Space-saver, Any.
    const std::vector<QualityProfile>& builtinProfiles();
    /// Matches id or name ignoring case, spaces, dashes and underscores ("Lossless First" = "lossless-first").
    std::optional<QualityProfile> findBuiltinProfile(std::string_view nameOrId);
    QualityProfile defaultProfile();

    /// Rejects empty names, unknown formats, inverted bounds, tolerances outside 0..60 s.
    core::Result<void> validate(const QualityProfile& profile);

    /// Formats the scorer knows: lossless flac, alac, wav, aiff, ape, wv; lossy mp3, aac, ogg, opus, wma.
    bool isKnownFormat(std::string_view format);
    bool isLosslessFormat(std::string_view format);
} // namespace soulspot::matching
