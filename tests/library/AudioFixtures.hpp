#pragma once
// Real audio files generated at test time with sox, lame and flac, in a temporary folder removed afterwards.
// Reusable by any room's tests: link soulspot_test_audio.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace soulspot::testing
{
    /// A fresh folder under the system temp dir, removed (recursively) on destruction.
    class TempDir
    {
    public:
        explicit TempDir(const std::filesystem::path& parent = std::filesystem::temp_directory_path());
        ~TempDir();
        TempDir(const TempDir&) = delete;
        TempDir& operator=(const TempDir&) = delete;
        const std::filesystem::path& path() const { return path_; }

    private:
        std::filesystem::path path_;
    };

    struct ToneSpec
    {
        double seconds{4.0};
        int sampleRate{44100};
        int channels{2};
        int bitsPerSample{16};
        /// sox synth type: noise compresses like real music; "sine 440" is tiny in FLAC; "silence" is nothing.
        std::string signal{"pinknoise"};
    };

    /// True when `tool` is on PATH.
    bool toolAvailable(std::string_view tool);

    /// Runs a shell command; throws std::runtime_error with the command and its exit status on failure.
    void runCommand(const std::string& command);

    /// Quotes `text` for /bin/sh.
    std::string shellQuote(std::string_view text);

    std::filesystem::path makeWav(const std::filesystem::path& dir, const std::string& name, const ToneSpec& spec = {});
    std::filesystem::path makeFlac(const std::filesystem::path& dir, const std::string& name, const ToneSpec& spec = {});
    /// CBR at `kbps`, or VBR (-V2) when `vbr`. lame writes a Xing/LAME header in both cases.
    std::filesystem::path makeMp3(const std::filesystem::path& dir, const std::string& name, const ToneSpec& spec = {},
                                  int kbps = 192, bool vbr = false);
    std::filesystem::path makeOggVorbis(const std::filesystem::path& dir, const std::string& name,
                                        const ToneSpec& spec = {});
    /// nullopt when no installed tool can write Opus (Debian's sox cannot; opusenc/ffmpeg may be absent).
    std::optional<std::filesystem::path> makeOpus(const std::filesystem::path& dir, const std::string& name,
                                                  const ToneSpec& spec = {});
    /// nullopt when no installed tool can write M4A (AAC/ALAC needs ffmpeg).
    std::optional<std::filesystem::path> makeM4a(const std::filesystem::path& dir, const std::string& name,
                                                 const ToneSpec& spec = {});

    /// Keeps the first `fraction` of the file's bytes, as an interrupted download would.
    void truncateFile(const std::filesystem::path& file, double fraction);

    /// Bytes that start like a JPEG / PNG (the taggers check magic bytes, not pixels), `size` bytes long.
    std::string fakeJpeg(std::size_t size = 2048);
    std::string fakePng(std::size_t size = 2048);

    void writeFile(const std::filesystem::path& file, std::string_view bytes);
    std::string readFile(const std::filesystem::path& file);
} // namespace soulspot::testing
