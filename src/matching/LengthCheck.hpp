#pragma once
// Is the file as long as the wanted track, and is its size believable for that length? Catches previews,
// truncated uploads, other edits and whole-album rips that share a name.

#include <optional>
#include <string>
#include <string_view>

#include "matching/SearchResponse.hpp"

namespace soulspot::matching
{
    enum class LengthEvidence
    {
        Measured,  // the peer reported a length and it is within tolerance
        Estimated, // no length, but size and bitrate put it within a wider tolerance
        Unknown,   // nothing to compare; only size plausibility was checked
        Rejected,
    };

    struct LengthCheck
    {
        LengthEvidence evidence{LengthEvidence::Unknown};
        double deltaSec{0}; // |file − wanted| when measured or estimated
        std::string reason;
    };

    LengthCheck checkLength(const SearchFile& file, std::string_view format, std::optional<double> wantedSec,
                            int toleranceSec);

    /// "3:07" for reasons.
    std::string formatDuration(double seconds);
} // namespace soulspot::matching
