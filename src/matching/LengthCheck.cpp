#include "matching/LengthCheck.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "matching/QualityProfile.hpp"

namespace soulspot::matching
{
    namespace
    {
        constexpr double kLosslessMinKbps = 250;   // quietest real FLAC/ALAC stereo material
        constexpr double kLossyMinKbps = 96;  // below this an unlabelled lossy file is a preview or cut short
        constexpr double kLossyMaxKbps = 330;
        constexpr double kTagOverheadBytes = 1.5 * 1024 * 1024; // embedded cover art inflates small files

        // Lowest believable average for a whole lossy music file; MP3 needs more than AAC/Opus/Vorbis.
        double lossyFloorKbps(std::string_view format) { return format == "mp3" ? 96.0 : 64.0; }

        double megabytes(std::int64_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

        // Uncompressed PCM rate: the ceiling for any lossless file of these parameters.
        double pcmKbps(const SearchFile& file)
        {
            const double rate = file.sampleRate.value_or(96000);
            const double depth = file.bitDepth.value_or(24);
            return rate * depth * 2.0 / 1000.0;
        }

        double losslessFloorKbps(const SearchFile& file)
        {
            if (file.sampleRate && file.bitDepth)
                return std::max(kLosslessMinKbps, 0.18 * *file.sampleRate * *file.bitDepth * 2.0 / 1000.0);
            return kLosslessMinKbps;
        }

        LengthCheck rejected(std::string reason) { return {LengthEvidence::Rejected, 0, std::move(reason)}; }

        // Length known: is the size consistent with it, or was the upload cut short?
        std::optional<LengthCheck> truncation(const SearchFile& file, std::string_view format, double lengthSec)
        {
            const double impliedKbps = static_cast<double>(file.size) * 8.0 / lengthSec / 1000.0;
            if (file.bitRate && *file.bitRate > 0)
            {
                const double expected = lengthSec * *file.bitRate * 125.0;
                const double ratio = file.isVariableBitRate.value_or(false) ? 0.45 : 0.6;
                if (static_cast<double>(file.size) < ratio * expected)
                    return rejected(fmt::format("size {:.1f} MB is too small for {} at {} kbps: truncated",
                                                megabytes(file.size), formatDuration(lengthSec), *file.bitRate));
            }
            const bool lossless = isLosslessFormat(format);
            const double floor = lossless ? losslessFloorKbps(file) : lossyFloorKbps(format);
            if (impliedKbps < floor)
                return rejected(fmt::format("size {:.1f} MB is too small for {} of {}: truncated",
                                            megabytes(file.size), formatDuration(lengthSec),
                                            lossless ? "lossless audio" : "audio"));
            return std::nullopt;
        }
    } // namespace

    std::string formatDuration(double seconds)
    {
        const auto total = static_cast<long>(std::lround(std::max(0.0, seconds)));
        return fmt::format("{}:{:02}", total / 60, total % 60);
    }

    LengthCheck checkLength(const SearchFile& file, std::string_view format, std::optional<double> wantedSec,
                            int toleranceSec)
    {
        const bool lossless = isLosslessFormat(format);
        const bool hasLength = file.length && *file.length > 0;
        if (hasLength)
        {
            const double length = *file.length;
            if (auto cut = truncation(file, format, length))
                return *cut;
            if (!wantedSec)
            {
                if (length < 45)
                    return rejected(fmt::format("only {} long: a preview or snippet", formatDuration(length)));
                return {LengthEvidence::Unknown, 0, "wanted length unknown; file is " + formatDuration(length)};
            }
            // Peers report whole seconds, so allow half a second of rounding on top of the tolerance.
            const double delta = std::abs(length - *wantedSec);
            if (delta <= toleranceSec + 0.5)
                return {LengthEvidence::Measured, delta,
                        fmt::format("length {} within {} s of wanted {}", formatDuration(length), toleranceSec,
                                    formatDuration(*wantedSec))};
            return rejected(fmt::format("length {} differs from wanted {} by {:.0f} s", formatDuration(length),
                                        formatDuration(*wantedSec), delta));
        }

        const double size = static_cast<double>(file.size);
        if (!wantedSec)
        {
            if (size < (lossless ? 2.0 : 0.5) * 1024 * 1024)
                return rejected(fmt::format("size {:.1f} MB is too small for a whole track", megabytes(file.size)));
            return {LengthEvidence::Unknown, 0, "no length on either side; size plausible"};
        }
        const double wanted = *wantedSec;
        if (file.bitRate && *file.bitRate > 0)
        {
            // Size over bitrate gives the length; cover art can only make it look longer, never shorter.
            // Lossless bitrates are averages over the file, so their estimate is tight.
            const double estimate = size * 8.0 / (*file.bitRate * 1000.0);
            const bool vbr = file.isVariableBitRate.value_or(false) && !lossless;
            const double slack = std::max(10.0, 0.08 * wanted);
            const double art = lossless ? 0.0 : kTagOverheadBytes * 8.0 / (*file.bitRate * 1000.0);
            const double low = vbr ? wanted * 0.7 : wanted - slack;
            const double high = (vbr ? wanted * 1.3 : wanted + slack) + art;
            if (estimate < low || estimate > high)
                return rejected(fmt::format("size and bitrate give about {} against wanted {}",
                                            formatDuration(estimate), formatDuration(wanted)));
            return {LengthEvidence::Estimated, std::abs(estimate - wanted),
                    fmt::format("no length; size and bitrate give about {} (wanted {})", formatDuration(estimate),
                                formatDuration(wanted))};
        }
        const double minBytes = wanted * (lossless ? losslessFloorKbps(file) : kLossyMinKbps) * 125.0;
        const double maxBytes = wanted * (lossless ? pcmKbps(file) * 1.05 : kLossyMaxKbps) * 125.0 * 1.2 +
                                kTagOverheadBytes;
        if (size < minBytes)
            return rejected(fmt::format("size {:.1f} MB is too small for {}: a preview or truncated file",
                                        megabytes(file.size), formatDuration(wanted)));
        if (size > maxBytes)
            return rejected(fmt::format("size {:.1f} MB is too large for {}: a longer recording or a whole album",
                                        megabytes(file.size), formatDuration(wanted)));
        return {LengthEvidence::Unknown, 0, "no length or bitrate reported; size plausible for " + formatDuration(wanted)};
    }
} // namespace soulspot::matching
