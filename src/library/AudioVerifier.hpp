#pragma once
// Checks a completed download before it is tagged and imported: is it audio, is it the length we wanted,
// is it all there. The reason code is recorded on the download so the user sees why a file was refused.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "library/AudioQuality.hpp"

namespace soulspot::library
{
    enum class VerificationFailure
    {
        None,
        Missing,                 // no such regular file
        Empty,                   // zero bytes
        NotAudio,                // TagLib cannot read it as audio, or it has no length
        DurationMismatch,        // length differs from the wanted track beyond the tolerance
        Truncated,               // fewer bytes (or FLAC frames) than the header promises
        ImplausibleLosslessSize, // claims lossless, but is far smaller than lossless can be, or larger than PCM
    };

    /// Stable snake_case code for the API and the database ("duration_mismatch").
    std::string_view toString(VerificationFailure failure);

    struct VerificationOptions
    {
        std::optional<int> expectedDurationMs; // from Spotify/MusicBrainz; unset skips the length check
        int durationToleranceMs{5000};
        double minSizeRatio{0.85};             // size vs duration × bitrate below this → truncated
        double minLosslessRatio{0.08};         // lossless bitrate vs PCM bitrate below this → implausible
        double maxLosslessRatio{1.10};         // above this → implausible (lossless is never bigger than PCM)
    };

    struct VerificationResult
    {
        VerificationFailure reason{VerificationFailure::None};
        std::string message; // human-readable detail, with the measured numbers
        AudioProperties audio;
        std::uintmax_t sizeBytes{0};

        bool accepted() const { return reason == VerificationFailure::None; }
    };

    VerificationResult verifyAudioFile(const std::filesystem::path& file, const VerificationOptions& options = {});
} // namespace soulspot::library
