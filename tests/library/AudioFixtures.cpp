#include "library/AudioFixtures.hpp"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include <sys/wait.h>
#include <unistd.h>

namespace soulspot::testing
{
    namespace
    {
        std::string soxInput(const ToneSpec& spec)
        {
            const std::string format = " -r " + std::to_string(spec.sampleRate) + " -c " + std::to_string(spec.channels) +
                                       " -b " + std::to_string(spec.bitsPerSample);
            const std::string length = std::to_string(spec.seconds);
            if (spec.signal == "silence")
                return "-D -n" + format + " %OUT% trim 0 " + length; // -D: no dither, so it is true digital silence
            // -R: reproducible noise, so sizes (and thus verifier ratios) do not vary between runs.
            return "-R -n" + format + " %OUT% synth " + length + " " + spec.signal + " vol 0.5";
        }

        std::filesystem::path soxTo(const std::filesystem::path& out, const ToneSpec& spec, const std::string& extra = "")
        {
            std::string cmd = "sox " + soxInput(spec);
            cmd.replace(cmd.find("%OUT%"), 5, extra + shellQuote(out.string()));
            runCommand(cmd);
            return out;
        }
    } // namespace

    TempDir::TempDir(const std::filesystem::path& parent)
    {
        std::string pattern = (parent / "soulspot-test-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr)
            throw std::runtime_error("mkdtemp failed under " + parent.string());
        path_ = pattern;
    }

    TempDir::~TempDir()
    {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }

    bool toolAvailable(std::string_view tool)
    {
        return std::system(("command -v " + std::string(tool) + " >/dev/null 2>&1").c_str()) == 0;
    }

    std::string shellQuote(std::string_view text)
    {
        std::string out = "'";
        for (char c : text)
            out += c == '\'' ? std::string("'\\''") : std::string(1, c);
        return out + "'";
    }

    void runCommand(const std::string& command)
    {
        const int status = std::system((command + " >/dev/null 2>&1").c_str());
        if (status != 0)
            throw std::runtime_error("command failed (status " + std::to_string(status) + "): " + command);
    }

    std::filesystem::path makeWav(const std::filesystem::path& dir, const std::string& name, const ToneSpec& spec)
    {
        return soxTo(dir / name, spec);
    }

    std::filesystem::path makeFlac(const std::filesystem::path& dir, const std::string& name, const ToneSpec& spec)
    {
        const auto wav = makeWav(dir, name + ".src.wav", spec);
        const auto out = dir / name;
        runCommand("flac --silent --force -o " + shellQuote(out.string()) + " " + shellQuote(wav.string()));
        std::filesystem::remove(wav);
        return out;
    }

    std::filesystem::path makeMp3(const std::filesystem::path& dir, const std::string& name, const ToneSpec& spec, int kbps,
                                  bool vbr)
    {
        const auto wav = makeWav(dir, name + ".src.wav", spec);
        const auto out = dir / name;
        const std::string mode = vbr ? "-V 2" : "--cbr -b " + std::to_string(kbps);
        runCommand("lame --quiet " + mode + " " + shellQuote(wav.string()) + " " + shellQuote(out.string()));
        std::filesystem::remove(wav);
        return out;
    }

    std::filesystem::path makeOggVorbis(const std::filesystem::path& dir, const std::string& name, const ToneSpec& spec)
    {
        return soxTo(dir / name, spec, "-t vorbis ");
    }

    std::optional<std::filesystem::path> makeOpus(const std::filesystem::path& dir, const std::string& name,
                                                  const ToneSpec& spec)
    {
        const auto out = dir / name;
        if (toolAvailable("opusenc"))
        {
            const auto wav = makeWav(dir, name + ".src.wav", spec);
            runCommand("opusenc --quiet " + shellQuote(wav.string()) + " " + shellQuote(out.string()));
            return out;
        }
        if (toolAvailable("ffmpeg"))
        {
            const auto wav = makeWav(dir, name + ".src.wav", spec);
            runCommand("ffmpeg -loglevel error -y -i " + shellQuote(wav.string()) + " -c:a libopus " + shellQuote(out.string()));
            return out;
        }
        return std::nullopt;
    }

    std::optional<std::filesystem::path> makeM4a(const std::filesystem::path& dir, const std::string& name,
                                                 const ToneSpec& spec)
    {
        if (!toolAvailable("ffmpeg"))
            return std::nullopt;
        const auto wav = makeWav(dir, name + ".src.wav", spec);
        const auto out = dir / name;
        runCommand("ffmpeg -loglevel error -y -i " + shellQuote(wav.string()) + " -c:a aac -b:a 192k " +
                   shellQuote(out.string()));
        return out;
    }

    void truncateFile(const std::filesystem::path& file, double fraction)
    {
        const auto size = std::filesystem::file_size(file);
        std::filesystem::resize_file(file, static_cast<std::uintmax_t>(static_cast<double>(size) * fraction));
    }

    std::string fakeJpeg(std::size_t size)
    {
        std::string bytes("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", 11);
        for (std::size_t i = bytes.size(); i + 2 < size; ++i)
            bytes += static_cast<char>(i * 31 % 251);
        return bytes + "\xFF\xD9";
    }

    std::string fakePng(std::size_t size)
    {
        std::string bytes("\x89PNG\r\n\x1A\n", 8);
        for (std::size_t i = bytes.size(); i < size; ++i)
            bytes += static_cast<char>(i * 17 % 253);
        return bytes;
    }

    void writeFile(const std::filesystem::path& file, std::string_view bytes)
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out)
            throw std::runtime_error("cannot write " + file.string());
    }

    std::string readFile(const std::filesystem::path& file)
    {
        std::ifstream in(file, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
} // namespace soulspot::testing
