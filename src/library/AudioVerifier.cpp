#include "library/AudioVerifier.hpp"

#include <cmath>
#include <cstdio>
#include <system_error>

#include "library/FlacTailCheck.hpp"
#include "library/TagReader.hpp"

namespace soulspot::library
{
    namespace
    {
        VerificationResult reject(VerificationResult r, VerificationFailure reason, std::string message)
        {
            r.reason = reason;
            r.message = std::move(message);
            return r;
        }

        std::string seconds(int ms)
        {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.1fs", ms / 1000.0);
            return buf;
        }

        std::string ratioText(double ratio)
        {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.2f", ratio);
            return buf;
        }
    } // namespace

    std::string_view toString(VerificationFailure failure)
    {
        switch (failure)
        {
        case VerificationFailure::None: return "none";
        case VerificationFailure::Missing: return "missing";
        case VerificationFailure::Empty: return "empty_file";
        case VerificationFailure::NotAudio: return "not_audio";
        case VerificationFailure::DurationMismatch: return "duration_mismatch";
        case VerificationFailure::Truncated: return "truncated";
        case VerificationFailure::ImplausibleLosslessSize: return "implausible_lossless_size";
        }
        return "none";
    }

    VerificationResult verifyAudioFile(const std::filesystem::path& file, const VerificationOptions& options)
    {
        VerificationResult r;
        std::error_code ec;
        if (!std::filesystem::is_regular_file(file, ec))
            return reject(r, VerificationFailure::Missing, "file does not exist: " + file.string());
        r.sizeBytes = std::filesystem::file_size(file, ec);
        if (ec || r.sizeBytes == 0)
            return reject(r, VerificationFailure::Empty, "file is empty");

        auto audio = readAudioProperties(file);
        if (!audio)
            return reject(r, VerificationFailure::NotAudio, audio.error().message);
        r.audio = *audio;
        if (r.audio.durationMs <= 0)
            return reject(r, VerificationFailure::NotAudio, "no audio frames (length 0)");

        if (options.expectedDurationMs)
        {
            const int diff = std::abs(r.audio.durationMs - *options.expectedDurationMs);
            if (diff > options.durationToleranceMs)
                return reject(r, VerificationFailure::DurationMismatch,
                              "length " + seconds(r.audio.durationMs) + " differs from the wanted " +
                                  seconds(*options.expectedDurationMs) + " by more than " +
                                  seconds(options.durationToleranceMs));
        }

        // MP3 with a Xing/VBRI header (and FLAC, via STREAMINFO) report the full length even when cut short,
        // so compare what is on disk with what that length at that bitrate needs.
        if (r.audio.bitrateKbps > 0)
        {
            const double neededBytes = static_cast<double>(r.audio.durationMs) * r.audio.bitrateKbps / 8.0;
            const double ratio = static_cast<double>(r.sizeBytes) / neededBytes;
            if (ratio < options.minSizeRatio)
                return reject(r, VerificationFailure::Truncated,
                              "size is " + ratioText(ratio) + " of what " + seconds(r.audio.durationMs) + " at " +
                                  std::to_string(r.audio.bitrateKbps) + " kbit/s needs");
        }
        // FLAC's bitrate is computed from the bytes present, so the size check above cannot see a cut; the
        // frame headers at the end of the file can.
        if (r.audio.format == AudioFormat::Flac && flacStreamIsComplete(file) == false)
            return reject(r, VerificationFailure::Truncated, "FLAC frames stop before the length in STREAMINFO");

        if (r.audio.lossless && r.audio.bitsPerSample > 0 && r.audio.sampleRate > 0 && r.audio.channels > 0)
        {
            const double pcmKbps = r.audio.sampleRate * r.audio.channels * r.audio.bitsPerSample / 1000.0;
            const double ratio = r.audio.bitrateKbps / pcmKbps;
            if (ratio < options.minLosslessRatio || ratio > options.maxLosslessRatio)
                return reject(r, VerificationFailure::ImplausibleLosslessSize,
                              "lossless stream at " + std::to_string(r.audio.bitrateKbps) + " kbit/s is " +
                                  ratioText(ratio) + " of its PCM rate (" + std::to_string(static_cast<int>(pcmKbps)) +
                                  " kbit/s)");
        }
        r.message = "ok";
        return r;
    }
} // namespace soulspot::library
