// chooseRelease as Lidarr chooses: official, the common track count, preferred country then format,
// earliest date, id — one table row per rule, each showing the rule that decides.
#include <gtest/gtest.h>

#include "sources/musicbrainz/ReleaseChoice.hpp"

namespace soulspot::sources::musicbrainz
{
    namespace
    {
        struct R
        {
            std::string id;
            std::string status;
            int tracks;
            std::string country;
            std::string format;
            std::string date;
            int discs{1};
        };

        ReleaseDetails make(const R& r)
        {
            ReleaseDetails d;
            d.info.id = r.id;
            d.info.status = r.status;
            d.info.country = r.country;
            d.info.date = r.date;
            for (int disc = 1; disc <= r.discs; ++disc)
            {
                Medium m;
                m.position = disc;
                m.format = r.format;
                m.trackCount = r.tracks / r.discs + (disc == r.discs ? r.tracks % r.discs : 0);
                d.media.push_back(m);
            }
            return d;
        }

        const ReleasePreferences kPrefs{{"XW", "US", "GB"}, {"Digital Media", "CD"}};

        struct ChoiceCase
        {
            std::string name;
            std::vector<R> releases;
            ReleasePreferences prefs;
            std::string expectId;
            std::string expectReasonPart;
        };

        class ReleaseChoiceTable : public ::testing::TestWithParam<ChoiceCase>
        {
        };
    } // namespace

    TEST_P(ReleaseChoiceTable, ChoosesAndExplains)
    {
        const auto& c = GetParam();
        std::vector<ReleaseDetails> releases;
        for (const auto& r : c.releases)
            releases.push_back(make(r));
        const auto choice = chooseRelease(releases, c.prefs);
        ASSERT_TRUE(choice.index.has_value());
        EXPECT_EQ(releases[*choice.index].info.id, c.expectId) << choice.reason;
        EXPECT_NE(choice.reason.find(c.expectReasonPart), std::string::npos) << choice.reason;

        // Input order must not matter.
        std::vector<ReleaseDetails> reversed(releases.rbegin(), releases.rend());
        const auto again = chooseRelease(reversed, c.prefs);
        ASSERT_TRUE(again.index.has_value());
        EXPECT_EQ(reversed[*again.index].info.id, c.expectId);
    }

    INSTANTIATE_TEST_SUITE_P(
        Rules, ReleaseChoiceTable,
        ::testing::Values(
            ChoiceCase{"OfficialBeatsEarlierBootleg",
                       {{"a", "Bootleg", 12, "XW", "Digital Media", "2014"}, {"b", "Official", 12, "DE", "Vinyl", "2015"}},
                       kPrefs, "b", "official, 12 tracks like 2 of 2 releases"},
            ChoiceCase{"CommonTrackCountBeatsPreferredCountry",
                       {{"deluxe", "Official", 14, "XW", "Digital Media", "2015"},
                        {"std1", "Official", 12, "FR", "CD", "2015"},
                        {"std2", "Official", 12, "DE", "CD", "2015-02"}},
                       kPrefs, "std1", "12 tracks like 2 of 3 releases"},
            ChoiceCase{"CountryOrderDecides",
                       {{"gb", "Official", 12, "GB", "Digital Media", "2015"},
                        {"us", "Official", 12, "US", "CD", "2016"},
                        {"xw", "Official", 12, "XW", "CD", "2017"}},
                       kPrefs, "xw", "country XW preferred"},
            ChoiceCase{"TheExampleFromTheBrief",
                       {{"r1", "Official", 12, "XW", "Digital Media", "2015-03-02"},
                        {"r2", "Official", 12, "US", "CD", "2015-03-01"},
                        {"r3", "Official", 12, "GB", "CD", "2015-03-01"},
                        {"r4", "Official", 14, "JP", "CD", "2016"},
                        {"r5", "Bootleg", 12, "XW", "CD", "2014"},
                        {"r6", "Official", 12, "DE", "CD", "2015"},
                        {"r7", "Official", 11, "", "", ""}},
                       kPrefs, "r1", "official, 12 tracks like 5 of 7 releases, country XW preferred"},
            ChoiceCase{"FormatDecidesWithinACountry",
                       {{"cd", "Official", 10, "US", "CD", "2001"}, {"dig", "Official", 10, "US", "Digital Media", "2009"}},
                       kPrefs, "dig", "format Digital Media preferred"},
            ChoiceCase{"FormatIsCaseInsensitive",
                       {{"vinyl", "Official", 10, "US", "12\" Vinyl", "2001"}, {"cd", "Official", 10, "US", "cd", "2009"}},
                       kPrefs, "cd", "format cd preferred"},
            ChoiceCase{"EarliestDateWhenAllElseIsEqual",
                       {{"late", "Official", 10, "US", "CD", "2003-05"}, {"early", "Official", 10, "US", "CD", "2001"}},
                       kPrefs, "early", "earliest date 2001"},
            ChoiceCase{"UnknownDateSortsLast",
                       {{"undated", "Official", 10, "US", "CD", ""}, {"dated", "Official", 10, "US", "CD", "2020"}},
                       kPrefs, "dated", "earliest date 2020"},
            ChoiceCase{"IdBreaksFullTies",
                       {{"bbb", "Official", 10, "US", "CD", "2001"}, {"aaa", "Official", 10, "US", "CD", "2001"}},
                       kPrefs, "aaa", "lowest id"},
            ChoiceCase{"NoPreferencesFallsToDate",
                       {{"x", "Official", 10, "US", "CD", "2005"}, {"y", "Official", 10, "GB", "CD", "2004"}},
                       ReleasePreferences{}, "y", "earliest date 2004"},
            ChoiceCase{"TwoDiscTrackCountsAreSummed",
                       {{"2cd", "Official", 20, "US", "CD", "2001", 2},
                        {"2cd-b", "Official", 20, "GB", "CD", "2001", 2},
                        {"1cd", "Official", 12, "XW", "CD", "2001"}},
                       kPrefs, "2cd", "20 tracks like 2 of 3 releases"},
            ChoiceCase{"TrackCountTieGoesToTheCountMoreOfficialReleasesShare",
                       {{"boot1", "Bootleg", 9, "XW", "CD", "2001"},
                        {"boot2", "Bootleg", 9, "XW", "CD", "2001"},
                        {"off1", "Official", 10, "DE", "CD", "2002"},
                        {"off2", "Official", 10, "FR", "CD", "2002"}},
                       kPrefs, "off1", "10 tracks like 2 of 4 releases"},
            ChoiceCase{"NoOfficialReleaseSaysSo",
                       {{"p", "Promotion", 10, "US", "CD", "2001"}, {"b", "Bootleg", 10, "XW", "CD", "2000"}},
                       kPrefs, "b", "no official release"}),
        [](const ::testing::TestParamInfo<ChoiceCase>& info) { return info.param.name; });

    TEST(ReleaseChoice, NothingToChooseFrom)
    {
        const auto choice = chooseRelease({}, kPrefs);
        EXPECT_FALSE(choice.index.has_value());
        EXPECT_FALSE(choice.reason.empty());
    }
} // namespace soulspot::sources::musicbrainz
