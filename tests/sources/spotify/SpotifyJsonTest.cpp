// The readers of SpotifyJson.hpp on hostile values (found by fuzz/SpotifyJsonFuzz.cpp).
#include <gtest/gtest.h>

#include "sources/spotify/SpotifyJson.hpp"

namespace soulspot::sources::spotify
{
    namespace
    {
        struct IntegerCase
        {
            const char* body;
            int expected;
        };

        class SpotifyJsonInteger : public ::testing::TestWithParam<IntegerCase>
        {
        };

        TEST_P(SpotifyJsonInteger, ReadsOnlyNumbersThatFitAnInt)
        {
            const auto obj = json::Json::parse(GetParam().body);
            EXPECT_EQ(json::integer(obj, "duration_ms"), GetParam().expected) << GetParam().body;
        }

        INSTANTIATE_TEST_SUITE_P(Table, SpotifyJsonInteger,
                                 ::testing::Values(IntegerCase{R"({"duration_ms":207959})", 207959},
                                                   IntegerCase{R"({"duration_ms":-5})", -5},
                                                   IntegerCase{R"({"duration_ms":2147483647})", 2147483647},
                                                   IntegerCase{R"({"duration_ms":2147483648})", 0},
                                                   IntegerCase{R"({"duration_ms":18446744073709551615})", 0},
                                                   IntegerCase{R"({"duration_ms":-9223372036854775808})", 0},
                                                   IntegerCase{R"({"duration_ms":207959.9})", 207959},
                                                   IntegerCase{R"({"duration_ms":6.3e28})", 0},
                                                   IntegerCase{R"({"duration_ms":-1e300})", 0},
                                                   IntegerCase{R"({"duration_ms":null})", 0},
                                                   IntegerCase{R"({"duration_ms":"12"})", 0}));

        TEST(SpotifyJson, HugeImageSizesDoNotBreakLargestImage)
        {
            const auto images = json::Json::parse(
                R"([{"url":"a","width":1e300,"height":1e300},{"url":"b","width":640,"height":640}])");
            EXPECT_EQ(json::largestImage(images), "b");
        }
    } // namespace
} // namespace soulspot::sources::spotify
