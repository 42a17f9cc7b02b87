#include "sources/musicbrainz/ReleaseChoice.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

namespace soulspot::sources::musicbrainz
{
    namespace
    {
        bool isOfficial(const ReleaseDetails& r) { return r.info.status == "Official"; }

        bool sameText(const std::string& a, const std::string& b)
        {
            return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
                       return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
                   });
        }

        /// The most common track count; ties go to the count more official releases share, then the smaller.
        int commonTrackCount(const std::vector<ReleaseDetails>& releases, int& holders)
        {
            std::map<int, std::pair<int, int>> counts; // tracks → (releases, official releases)
            for (const auto& r : releases)
            {
                auto& c = counts[totalTracks(r)];
                ++c.first;
                c.second += isOfficial(r) ? 1 : 0;
            }
            int best = 0;
            std::pair<int, int> bestCount{-1, -1};
            for (const auto& [tracks, c] : counts) // ascending, so strict > keeps the smaller count on ties
                if (c > bestCount)
                {
                    best = tracks;
                    bestCount = c;
                }
            holders = bestCount.first;
            return best;
        }

        std::size_t countryRank(const ReleaseDetails& r, const ReleasePreferences& prefs)
        {
            const auto it = std::find(prefs.countries.begin(), prefs.countries.end(), r.info.country);
            return r.info.country.empty() ? prefs.countries.size() : static_cast<std::size_t>(it - prefs.countries.begin());
        }

        /// The best-ranked format among the release's media (a CD+DVD set counts as a CD).
        std::size_t formatRank(const ReleaseDetails& r, const ReleasePreferences& prefs, std::string* which)
        {
            std::size_t best = prefs.formats.size();
            for (const auto& medium : r.media)
                for (std::size_t i = 0; i < best; ++i)
                    if (!medium.format.empty() && sameText(medium.format, prefs.formats[i]))
                    {
                        best = i;
                        if (which)
                            *which = medium.format;
                    }
            return best;
        }

        /// Partial dates compare as text ("2015" < "2015-03-01"); unknown dates sort after every known one.
        std::string dateKey(const ReleaseDetails& r) { return r.info.date.empty() ? std::string(1, '\x7f') : r.info.date; }

        using Key = std::tuple<int, int, std::size_t, std::size_t, std::string, std::string>;

        Key keyOf(const ReleaseDetails& r, int commonTracks, const ReleasePreferences& prefs)
        {
            return {isOfficial(r) ? 0 : 1, totalTracks(r) == commonTracks ? 0 : 1, countryRank(r, prefs),
                    formatRank(r, prefs, nullptr), dateKey(r), r.info.id};
        }
    } // namespace

    ReleaseChoice chooseRelease(const std::vector<ReleaseDetails>& releases, const ReleasePreferences& prefs)
    {
        if (releases.empty())
            return {std::nullopt, "no releases to choose from"};
        int holders = 0;
        const int commonTracks = commonTrackCount(releases, holders);
        std::vector<Key> keys;
        keys.reserve(releases.size());
        for (const auto& r : releases)
            keys.push_back(keyOf(r, commonTracks, prefs));
        std::vector<std::size_t> order(releases.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });

        const std::size_t chosen = order.front();
        const auto& r = releases[chosen];
        const auto& key = keys[chosen];
        const int tracks = totalTracks(r);
        const std::string total = std::to_string(releases.size());
        std::string reason = isOfficial(r) ? "official"
                                           : (r.info.status.empty() ? "status unknown" : "status " + r.info.status) +
                                                 " (no official release)";
        if (tracks == commonTracks)
            reason += ", " + std::to_string(tracks) + " tracks like " + std::to_string(holders) + " of " + total +
                      " releases";
        else
            reason += ", " + std::to_string(tracks) + " tracks (most releases have " + std::to_string(commonTracks) + ")";
        if (std::get<2>(key) < prefs.countries.size())
            reason += ", country " + r.info.country + " preferred";
        std::string format;
        if (formatRank(r, prefs, &format) < prefs.formats.size())
            reason += ", format " + format + " preferred";
        // Say which later rule broke the tie with the runner-up, when it came to that.
        if (order.size() > 1)
        {
            const auto& runnerUp = keys[order[1]];
            const bool tiedBeforeDate = std::get<0>(key) == std::get<0>(runnerUp) &&
                                        std::get<1>(key) == std::get<1>(runnerUp) &&
                                        std::get<2>(key) == std::get<2>(runnerUp) &&
                                        std::get<3>(key) == std::get<3>(runnerUp);
            if (tiedBeforeDate && std::get<4>(key) != std::get<4>(runnerUp))
                reason += ", earliest date " + (r.info.date.empty() ? std::string("unknown") : r.info.date);
            else if (tiedBeforeDate)
                reason += ", lowest id among equals";
        }
        return {chosen, reason};
    }
} // namespace soulspot::sources::musicbrainz
