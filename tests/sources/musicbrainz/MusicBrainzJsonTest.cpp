// MusicBrainzJson.hpp on hostile numbers (found by fuzz/MusicBrainzJsonFuzz.cpp, inputs in fuzz/regressions/).
#include <gtest/gtest.h>

#include "sources/musicbrainz/MusicBrainzJson.hpp"

namespace soulspot::sources::musicbrainz
{
    namespace
    {
        TEST(MusicBrainzJson, NumbersThatDoNotFitAnIntCountAsMissing)
        {
            const auto r = json::parseRecording(json::Json::parse(
                R"({"id":"r","length":2.222e20,"score":18446744073709551615,"releases":[]})"));
            EXPECT_FALSE(r.lengthMs);
            EXPECT_EQ(r.score, 0);
            const auto fits = json::parseRecording(json::Json::parse(R"({"id":"r","length":289946,"score":"88"})"));
            EXPECT_EQ(fits.lengthMs, 289946);
            EXPECT_EQ(fits.score, 88);
        }

        TEST(MusicBrainzJson, HostileTrackOffsetLeavesTheTrackNumberUnknown)
        {
            const auto hostile = json::parseRelease(
                json::Json::parse(R"({"media":[{"position":1,"track-offset":2147483647,"track":[{}]}]})"));
            EXPECT_EQ(hostile.trackNumber, 0);
            const auto normal =
                json::parseRelease(json::Json::parse(R"({"media":[{"position":1,"track-offset":2,"track":[{}]}]})"));
            EXPECT_EQ(normal.trackNumber, 3);
        }
    } // namespace
} // namespace soulspot::sources::musicbrainz
