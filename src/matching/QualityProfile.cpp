#include "matching/QualityProfile.hpp"

#include <algorithm>
#include <array>

namespace soulspot::matching
{
    namespace
    {
        constexpr std::array<std::string_view, 6> kLossless = {"flac", "alac", "wav", "aiff", "ape", "wv"};
        constexpr std::array<std::string_view, 5> kLossy = {"mp3", "aac", "ogg", "opus", "wma"};

        std::string foldName(std::string_view text)
        {
            std::string folded;
            for (const char c : text)
            {
                if (c == ' ' || c == '-' || c == '_')
                    continue;
                folded.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
            }
            return folded;
        }

        std::vector<QualityProfile> makeBuiltins()
        {
            std::vector<QualityProfile> profiles;

            QualityProfile losslessFirst;
            losslessFirst.id = "lossless-first";
            losslessFirst.name = "Lossless-first";
            losslessFirst.description = "FLAC/ALAC 16 or 24 bit, then lossy 320 kbps or V0, then 256 kbps, then "
                                        "anything lower rather than nothing";
            losslessFirst.formats = {"flac", "alac", "wav", "aiff", "ape", "wv", "mp3", "aac", "ogg", "opus"};
            losslessFirst.lossyTiersKbps = {320, 256};
            losslessFirst.minBitDepth = 16;
            losslessFirst.maxBitDepth = 24;
            losslessFirst.maxSampleRate = 192000;
            profiles.push_back(losslessFirst);

            QualityProfile losslessOnly;
            losslessOnly.id = "lossless-only";
            losslessOnly.name = "Lossless-only";
            losslessOnly.description = "FLAC/ALAC (or WAV/AIFF) 16 or 24 bit, 44.1 to 192 kHz; nothing lossy";
            losslessOnly.formats = {"flac", "alac", "wav", "aiff", "ape", "wv"};
            losslessOnly.allowLossy = false;
            losslessOnly.lossyTiersKbps = {};
            losslessOnly.minBitDepth = 16;
            losslessOnly.maxBitDepth = 24;
            losslessOnly.minSampleRate = 44100;
            losslessOnly.maxSampleRate = 192000;
            profiles.push_back(losslessOnly);

            QualityProfile spaceSaver;
            spaceSaver.id = "space-saver";
            spaceSaver.name = "Space-saver";
            spaceSaver.description = "Lossy only, 192 to 320 kbps preferred, 128 kbps accepted, files up to 20 MB";
            spaceSaver.formats = {"mp3", "aac", "opus", "ogg"};
            spaceSaver.preferLossless = false;
            spaceSaver.lossyTiersKbps = {192};
            spaceSaver.minBitrateKbps = 128;
            spaceSaver.maxBitrateKbps = 320;
            spaceSaver.maxSizeBytes = 20LL * 1024 * 1024;
            profiles.push_back(spaceSaver);

            QualityProfile any;
            any.id = "any";
            any.name = "Any";
            any.description = "Every audio format; lossless preferred, then the highest bitrate";
            any.formats = {"flac", "alac", "wav", "aiff", "ape", "wv", "mp3", "aac", "ogg", "opus", "wma"};
            any.lossyTiersKbps = {320, 256};
            profiles.push_back(any);
            return profiles;
        }

        template <typename T>
        bool inverted(const std::optional<T>& low, const std::optional<T>& high)
        {
            return low && high && *low > *high;
        }
    } // namespace

    bool isLosslessFormat(std::string_view format)
    {
        return std::find(kLossless.begin(), kLossless.end(), format) != kLossless.end();
    }

    bool isKnownFormat(std::string_view format)
    {
        return isLosslessFormat(format) || std::find(kLossy.begin(), kLossy.end(), format) != kLossy.end();
    }

    const std::vector<QualityProfile>& builtinProfiles()
    {
        static const std::vector<QualityProfile> profiles = makeBuiltins();
        return profiles;
    }

    std::optional<QualityProfile> findBuiltinProfile(std::string_view nameOrId)
    {
        const auto wanted = foldName(nameOrId);
        for (const auto& profile : builtinProfiles())
            if (foldName(profile.id) == wanted || foldName(profile.name) == wanted)
                return profile;
        return std::nullopt;
    }

    QualityProfile defaultProfile() { return builtinProfiles().front(); }

    core::Result<void> validate(const QualityProfile& profile)
    {
        using core::Error;
        using core::fail;
        if (profile.id.empty() || profile.name.empty())
            return fail(Error::invalid("profile needs an id and a name"));
        if (profile.formats.empty())
            return fail(Error::invalid("profile needs at least one format"));
        bool anyLossless = false;
        for (const auto& format : profile.formats)
        {
            if (!isKnownFormat(format))
                return fail(Error::invalid("unknown format \"" + format + "\""));
            anyLossless = anyLossless || isLosslessFormat(format);
        }
        if (!profile.allowLossy && !anyLossless)
            return fail(Error::invalid("profile allows no lossy files but lists no lossless format"));
        if (inverted(profile.minBitrateKbps, profile.maxBitrateKbps) ||
            inverted(profile.minSizeBytes, profile.maxSizeBytes) ||
            inverted(profile.minSampleRate, profile.maxSampleRate) ||
            inverted(profile.minBitDepth, profile.maxBitDepth))
            return fail(Error::invalid("a minimum is larger than its maximum"));
        if ((profile.minBitrateKbps && *profile.minBitrateKbps < 0) ||
            (profile.minSizeBytes && *profile.minSizeBytes < 0) ||
            (profile.minSampleRate && *profile.minSampleRate < 0) || (profile.minBitDepth && *profile.minBitDepth < 0))
            return fail(Error::invalid("bounds must not be negative"));
        if (profile.lengthToleranceSec < 0 || profile.lengthToleranceSec > 60)
            return fail(Error::invalid("length tolerance must be between 0 and 60 seconds"));
        for (std::size_t i = 0; i < profile.lossyTiersKbps.size(); ++i)
            if (profile.lossyTiersKbps[i] <= 0 || (i > 0 && profile.lossyTiersKbps[i] >= profile.lossyTiersKbps[i - 1]))
                return fail(Error::invalid("lossy tiers must be positive and strictly decreasing"));
        for (const auto& word : profile.excludedWords)
            if (word.find_first_not_of(" \t") == std::string::npos)
                return fail(Error::invalid("excluded words must not be blank"));
        return {};
    }
} // namespace soulspot::matching
