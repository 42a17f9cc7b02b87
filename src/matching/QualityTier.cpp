#include "matching/QualityTier.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "matching/RemotePath.hpp"

namespace soulspot::matching
{
    namespace
    {
        bool hasLosslessTier(const QualityProfile& profile)
        {
            return std::any_of(profile.formats.begin(), profile.formats.end(),
                               [](const std::string& f) { return isLosslessFormat(f); });
        }

        // Kbps from the peer, or implied by size and length when the peer left it out.
        std::optional<double> effectiveBitrate(const SearchFile& file)
        {
            if (file.bitRate && *file.bitRate > 0)
                return *file.bitRate;
            if (file.length && *file.length > 0 && file.size > 0)
                return static_cast<double>(file.size) * 8.0 / *file.length / 1000.0;
            return std::nullopt;
        }

        std::string describeFile(const SearchFile& file, std::string_view format, std::optional<double> kbps)
        {
            std::string text(format);
            if (isLosslessFormat(format))
            {
                if (file.bitDepth)
                    text += fmt::format(" {} bit", *file.bitDepth);
                if (file.sampleRate)
                    text += fmt::format(" {:.1f} kHz", *file.sampleRate / 1000.0);
            }
            else if (kbps)
                text += fmt::format(" {:.0f} kbps{}", *kbps, file.isVariableBitRate.value_or(false) ? " VBR" : "");
            return text;
        }
    } // namespace

    std::string detectFormat(const SearchFile& file)
    {
        // The name is what gets saved; the peer's extension field is empty or stale often enough.
        std::string ext = extensionOf(file.filename);
        if (ext.empty())
            ext = file.extension;
        for (auto& c : ext)
            if (c >= 'A' && c <= 'Z')
                c = static_cast<char>(c - 'A' + 'a');
        if (!ext.empty() && ext.front() == '.')
            ext.erase(0, 1);
        if (ext == "m4a" || ext == "mp4")
            return (file.bitDepth || (file.bitRate && *file.bitRate >= 500)) ? "alac" : "aac";
        if (ext == "aif")
            return "aiff";
        if (ext == "oga")
            return "ogg";
        return isKnownFormat(ext) ? ext : std::string();
    }

    int tierCount(const QualityProfile& profile)
    {
        const int lossless = (hasLosslessTier(profile) ? 1 : 0);
        const int lossy = profile.allowLossy ? static_cast<int>(profile.lossyTiersKbps.size()) + 1 : 0;
        return std::max(1, lossless + lossy);
    }

    QualityAssessment assessQuality(const QualityProfile& profile, const SearchFile& file, std::string_view format)
    {
        QualityAssessment result;
        const auto kbps = effectiveBitrate(file);
        const auto label = describeFile(file, format, kbps);
        const auto formatIt = std::find(profile.formats.begin(), profile.formats.end(), format);
        auto refuse = [&](std::string why) {
            result.description = label + ": " + std::move(why);
            return result;
        };
        if (formatIt == profile.formats.end())
            return refuse("format not in profile " + profile.name);
        const bool lossless = isLosslessFormat(format);
        if (!lossless && !profile.allowLossy)
            return refuse("lossy files not allowed by profile " + profile.name);
        if (!lossless && file.bitRate)
        {
            if (profile.minBitrateKbps && *file.bitRate < *profile.minBitrateKbps)
                return refuse(fmt::format("bitrate below {} kbps", *profile.minBitrateKbps));
            if (profile.maxBitrateKbps && *file.bitRate > *profile.maxBitrateKbps)
                return refuse(fmt::format("bitrate above {} kbps", *profile.maxBitrateKbps));
        }
        if (profile.minSizeBytes && file.size < *profile.minSizeBytes)
            return refuse("smaller than the profile's minimum size");
        if (profile.maxSizeBytes && file.size > *profile.maxSizeBytes)
            return refuse("larger than the profile's maximum size");
        if (file.sampleRate && ((profile.minSampleRate && *file.sampleRate < *profile.minSampleRate) ||
                                (profile.maxSampleRate && *file.sampleRate > *profile.maxSampleRate)))
            return refuse("sample rate outside the profile's bounds");
        if (lossless && file.bitDepth &&
            ((profile.minBitDepth && *file.bitDepth < *profile.minBitDepth) ||
             (profile.maxBitDepth && *file.bitDepth > *profile.maxBitDepth)))
            return refuse("bit depth outside the profile's bounds");

        const bool losslessFirst = profile.preferLossless && hasLosslessTier(profile);
        const int lossyBase = losslessFirst ? 1 : 0;
        const int tiers = static_cast<int>(profile.lossyTiersKbps.size());
        const double formatPreference =
            1.0 - static_cast<double>(formatIt - profile.formats.begin()) / static_cast<double>(profile.formats.size());
        if (lossless)
        {
            result.tier = losslessFirst ? 0 : (profile.allowLossy ? tiers + 1 : 0);
            result.withinTier = 0.7 * formatPreference + 0.3 * (file.bitDepth.value_or(16) >= 16 ? 1.0 : 0.5);
        }
        else
        {
            // V0 (VBR averaging 220+ kbps) is transparent like 320 CBR; reported VBR averages sit below 320.
            double rate = kbps.value_or(0);
            if (file.isVariableBitRate.value_or(false) && rate >= 220)
                rate = std::max(rate, 320.0);
            int tier = tiers;
            for (int i = 0; i < tiers; ++i)
            {
                if (rate >= profile.lossyTiersKbps[static_cast<std::size_t>(i)] - 0.5)
                {
                    tier = i;
                    break;
                }
            }
            result.tier = lossyBase + tier;
            result.withinTier = 0.6 * formatPreference + 0.4 * std::min(rate, 320.0) / 320.0;
        }
        result.allowed = true;
        result.description = fmt::format("{}, quality tier {} of {}", label, result.tier + 1, tierCount(profile));
        return result;
    }
} // namespace soulspot::matching
