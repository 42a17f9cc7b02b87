#pragma once
// Places a file in its profile's quality tiers (0 = best) or rejects it for format, bitrate, size or depth.

#include <string>
#include <string_view>

#include "matching/QualityProfile.hpp"
#include "matching/SearchResponse.hpp"

namespace soulspot::matching
{
    /// Format from the extension, telling ALAC from AAC inside .m4a by bitrate/bit depth; "" if not audio.
    std::string detectFormat(const SearchFile& file);

    struct QualityAssessment
    {
        bool allowed{false};
        int tier{0};             // 0 = best tier of the profile
        double withinTier{0};    // 0..1: format preference and bitrate inside the tier
        std::string description; // "flac 16/44.1 kHz, tier 1 of 4" or why it is not allowed
    };

    QualityAssessment assessQuality(const QualityProfile& profile, const SearchFile& file, std::string_view format);

    /// Number of tiers the profile defines (for "tier k of n" and the top-tier metric).
    int tierCount(const QualityProfile& profile);
} // namespace soulspot::matching
