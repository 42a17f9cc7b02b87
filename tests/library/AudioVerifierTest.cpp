#include "library/AudioVerifier.hpp"

#include <functional>

#include <gtest/gtest.h>

#include "library/AudioFixtures.hpp"
#include "library/FlacTailCheck.hpp"

namespace soulspot::library
{
    namespace
    {
        using Prepare = std::function<std::filesystem::path(const std::filesystem::path& dir)>;

        struct VerifyCase
        {
            std::string name;
            Prepare prepare;
            VerificationOptions options;
            VerificationFailure expected;
        };

        std::ostream& operator<<(std::ostream& os, const VerifyCase& c) { return os << c.name; }

        const testing::ToneSpec kFiveSeconds{5.0, 44100, 2, 16, "pinknoise"};

        VerificationOptions expecting(int ms)
        {
            VerificationOptions o;
            o.expectedDurationMs = ms;
            return o;
        }

        std::filesystem::path truncated(std::filesystem::path file, double fraction)
        {
            testing::truncateFile(file, fraction);
            return file;
        }
    } // namespace

    class VerifyAudio : public ::testing::TestWithParam<VerifyCase>
    {
    };

    TEST_P(VerifyAudio, ClassifiesTheFile)
    {
        testing::TempDir dir;
        const auto file = GetParam().prepare(dir.path());
        const auto result = verifyAudioFile(file, GetParam().options);
        EXPECT_EQ(result.reason, GetParam().expected)
            << "got " << toString(result.reason) << ": " << result.message;
        EXPECT_EQ(result.accepted(), GetParam().expected == VerificationFailure::None);
        EXPECT_FALSE(result.message.empty());
    }

    INSTANTIATE_TEST_SUITE_P(
        Table, VerifyAudio,
        ::testing::Values(
            VerifyCase{"GoodFlac", [](const auto& d) { return testing::makeFlac(d, "a.flac", kFiveSeconds); }, expecting(5000),
                       VerificationFailure::None},
            VerifyCase{"GoodCbrMp3", [](const auto& d) { return testing::makeMp3(d, "a.mp3", kFiveSeconds, 320); },
                       expecting(5000), VerificationFailure::None},
            VerifyCase{"GoodVbrMp3", [](const auto& d) { return testing::makeMp3(d, "a.mp3", kFiveSeconds, 0, true); },
                       expecting(5000), VerificationFailure::None},
            VerifyCase{"GoodOgg", [](const auto& d) { return testing::makeOggVorbis(d, "a.ogg", kFiveSeconds); },
                       expecting(5000), VerificationFailure::None},
            VerifyCase{"GoodWav", [](const auto& d) { return testing::makeWav(d, "a.wav", kFiveSeconds); }, {},
                       VerificationFailure::None},
            VerifyCase{"WithinTolerance", [](const auto& d) { return testing::makeFlac(d, "a.flac", kFiveSeconds); },
                       expecting(9000), VerificationFailure::None},
            VerifyCase{"TooShortForWanted", [](const auto& d) { return testing::makeFlac(d, "a.flac", kFiveSeconds); },
                       expecting(60000), VerificationFailure::DurationMismatch},
            VerifyCase{"TooLongForWanted", [](const auto& d) { return testing::makeMp3(d, "a.mp3", kFiveSeconds); },
                       VerificationOptions{2000, 2000}, VerificationFailure::DurationMismatch},
            VerifyCase{"TruncatedCbrMp3",
                       [](const auto& d) { return truncated(testing::makeMp3(d, "a.mp3", kFiveSeconds, 256), 0.5); }, {},
                       VerificationFailure::Truncated},
            VerifyCase{"TruncatedVbrMp3",
                       [](const auto& d) { return truncated(testing::makeMp3(d, "a.mp3", kFiveSeconds, 0, true), 0.6); },
                       {}, VerificationFailure::Truncated},
            VerifyCase{"TruncatedFlac",
                       [](const auto& d) { return truncated(testing::makeFlac(d, "a.flac", kFiveSeconds), 0.5); }, {},
                       VerificationFailure::Truncated},
            VerifyCase{"SilentFlacIsImplausiblySmall",
                       [](const auto& d) {
                           return testing::makeFlac(d, "a.flac", {30.0, 44100, 2, 16, "silence"});
                       },
                       {}, VerificationFailure::ImplausibleLosslessSize},
            VerifyCase{"RandomBytesNamedMp3",
                       [](const auto& d) {
                           testing::writeFile(d / "a.mp3", std::string(100000, '\x42'));
                           return d / "a.mp3";
                       },
                       {}, VerificationFailure::NotAudio},
            VerifyCase{"HtmlErrorPageNamedFlac",
                       [](const auto& d) {
                           testing::writeFile(d / "a.flac", "<html><body>403 Forbidden</body></html>");
                           return d / "a.flac";
                       },
                       {}, VerificationFailure::NotAudio},
            VerifyCase{"EmptyFile",
                       [](const auto& d) {
                           testing::writeFile(d / "a.flac", "");
                           return d / "a.flac";
                       },
                       {}, VerificationFailure::Empty},
            VerifyCase{"Missing", [](const auto& d) { return d / "nope.flac"; }, {}, VerificationFailure::Missing}),
        [](const auto& info) { return info.param.name; });

    TEST(FlacTailCheck, CompleteVersusCut)
    {
        testing::TempDir dir;
        const auto flac = testing::makeFlac(dir.path(), "a.flac", kFiveSeconds);
        EXPECT_EQ(flacStreamIsComplete(flac), true);
        testing::truncateFile(flac, 0.9);
        EXPECT_EQ(flacStreamIsComplete(flac), false);
        const auto mp3 = testing::makeMp3(dir.path(), "a.mp3", kFiveSeconds);
        EXPECT_EQ(flacStreamIsComplete(mp3), std::nullopt);
    }

    TEST(VerificationFailure, CodesAreStableSnakeCase)
    {
        EXPECT_EQ(toString(VerificationFailure::DurationMismatch), "duration_mismatch");
        EXPECT_EQ(toString(VerificationFailure::ImplausibleLosslessSize), "implausible_lossless_size");
        EXPECT_EQ(toString(VerificationFailure::NotAudio), "not_audio");
    }
} // namespace soulspot::library
