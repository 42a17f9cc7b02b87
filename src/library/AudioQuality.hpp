#pragma once
// What kind of audio a file holds and how good it is: shared by the verifier, the tag reader, naming
// ({Quality Title}, {MediaInfo …}) and the importer's "keep the better file" rule.

#include <filesystem>
#include <string>
#include <string_view>

namespace soulspot::library
{
    enum class AudioFormat
    {
        Unknown,
        Mp3,
        Flac,
        Mp4,       // .m4a/.mp4: AAC or ALAC inside, see AudioProperties::codec
        OggVorbis,
        Opus,
        Wav,
        Aiff,
    };

    std::string_view toString(AudioFormat format);

    /// Container guessed from the extension (case-insensitive); Unknown for anything not audio.
    AudioFormat audioFormatFromPath(const std::filesystem::path& path);

    /// True for the extensions the walker and importer treat as audio.
    bool isAudioExtension(const std::filesystem::path& path);

    struct AudioProperties
    {
        AudioFormat format{AudioFormat::Unknown};
        std::string codec; // "MP3", "FLAC", "AAC", "ALAC", "VORBIS", "OPUS", "PCM"
        int durationMs{0};
        int bitrateKbps{0};
        int sampleRate{0};
        int channels{0};
        int bitsPerSample{0}; // 0 when the codec has no fixed depth (lossy)
        bool lossless{false};
    };

    /// Higher is better. Lossless always outranks lossy; lossy compares bitrate weighted by codec efficiency.
    long qualityRank(const AudioProperties& audio);

    /// Lidarr-style quality name: "FLAC", "FLAC 24bit", "ALAC", "MP3-320", "AAC-256", "OPUS-128".
    std::string qualityTitle(const AudioProperties& audio);
} // namespace soulspot::library
