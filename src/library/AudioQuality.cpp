#include "library/AudioQuality.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace soulspot::library
{
    namespace
    {
        std::string lowerExtension(const std::filesystem::path& path)
        {
            std::string ext = path.extension().string();
            std::transform(ext.begin(), ext.end(), ext.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            return ext;
        }

        constexpr std::array<std::pair<std::string_view, AudioFormat>, 11> kExtensions{{
            {".mp3", AudioFormat::Mp3},
            {".flac", AudioFormat::Flac},
            {".m4a", AudioFormat::Mp4},
            {".mp4", AudioFormat::Mp4},
            {".alac", AudioFormat::Mp4},
            {".ogg", AudioFormat::OggVorbis},
            {".oga", AudioFormat::OggVorbis},
            {".opus", AudioFormat::Opus},
            {".wav", AudioFormat::Wav},
            {".aif", AudioFormat::Aiff},
            {".aiff", AudioFormat::Aiff},
        }};
    } // namespace

    std::string_view toString(AudioFormat format)
    {
        switch (format)
        {
        case AudioFormat::Mp3: return "mp3";
        case AudioFormat::Flac: return "flac";
        case AudioFormat::Mp4: return "mp4";
        case AudioFormat::OggVorbis: return "ogg";
        case AudioFormat::Opus: return "opus";
        case AudioFormat::Wav: return "wav";
        case AudioFormat::Aiff: return "aiff";
        case AudioFormat::Unknown: break;
        }
        return "unknown";
    }

    AudioFormat audioFormatFromPath(const std::filesystem::path& path)
    {
        const auto ext = lowerExtension(path);
        for (const auto& [known, format] : kExtensions)
            if (ext == known)
                return format;
        return AudioFormat::Unknown;
    }

    bool isAudioExtension(const std::filesystem::path& path) { return audioFormatFromPath(path) != AudioFormat::Unknown; }

    long qualityRank(const AudioProperties& audio)
    {
        if (audio.lossless)
        {
            // Depth first, then rate: 24/96 beats 24/48 beats 16/44.1; all beat any lossy file.
            const long depth = audio.bitsPerSample > 0 ? audio.bitsPerSample : 16;
            return 1'000'000L + depth * 10'000L + audio.sampleRate / 100;
        }
        // Efficient codecs sound as good at lower bitrates (Opus 128 ≈ MP3 256 in listening tests).
        double weight = 1.0;
        if (audio.codec == "OPUS")
            weight = 2.0;
        else if (audio.codec == "AAC" || audio.codec == "VORBIS")
            weight = 1.3;
        return static_cast<long>(audio.bitrateKbps * weight);
    }

    std::string qualityTitle(const AudioProperties& audio)
    {
        if (audio.lossless)
        {
            std::string name = audio.codec.empty() ? "Lossless" : audio.codec;
            if (audio.codec == "FLAC" && audio.bitsPerSample >= 24)
                name += " 24bit";
            return name;
        }
        if (audio.codec.empty())
            return "Unknown";
        return audio.codec + "-" + std::to_string(audio.bitrateKbps);
    }
} // namespace soulspot::library
