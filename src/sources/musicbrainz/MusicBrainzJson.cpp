#include "sources/musicbrainz/MusicBrainzJson.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace soulspot::sources::musicbrainz::json
{
    namespace
    {
        // track-offset is 0-based; a hostile one must not overflow when it becomes a track number.
        constexpr int kMaxTrackOffset = 100000;

        std::string text(const Json& obj, const char* key)
        {
            if (!obj.is_object())
                return {};
            const auto it = obj.find(key);
            return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string{};
        }

        std::optional<int> number(const Json& obj, const char* key)
        {
            if (!obj.is_object())
                return std::nullopt;
            const auto it = obj.find(key);
            if (it == obj.end())
                return std::nullopt;
            // A number that does not fit an int counts as missing: converting 1e300 or 2^40 is undefined behaviour.
            constexpr auto kMin = std::numeric_limits<int>::min();
            constexpr auto kMax = std::numeric_limits<int>::max();
            if (it->is_number_unsigned())
            {
                const auto u = it->get<std::uint64_t>();
                return u <= static_cast<std::uint64_t>(kMax) ? std::optional<int>(static_cast<int>(u)) : std::nullopt;
            }
            if (it->is_number_integer())
            {
                const auto i = it->get<std::int64_t>();
                return i >= kMin && i <= kMax ? std::optional<int>(static_cast<int>(i)) : std::nullopt;
            }
            if (it->is_number_float())
            {
                const double d = it->get<double>(); // NaN fails both comparisons
                return d >= static_cast<double>(kMin) && d < static_cast<double>(kMax)
                           ? std::optional<int>(static_cast<int>(d))
                           : std::nullopt;
            }
            if (it->is_string()) // older servers sent e.g. "score": "100"
            {
                try
                {
                    return std::stoi(it->get<std::string>());
                }
                catch (const std::exception&)
                {
                    return std::nullopt;
                }
            }
            return std::nullopt;
        }

        const Json& member(const Json& obj, const char* key)
        {
            static const Json kNull;
            if (!obj.is_object())
                return kNull;
            const auto it = obj.find(key);
            return it != obj.end() ? *it : kNull;
        }

        std::vector<std::string> strings(const Json& array)
        {
            std::vector<std::string> out;
            if (array.is_array())
                for (const auto& v : array)
                    if (v.is_string())
                        out.push_back(v.get<std::string>());
            return out;
        }

        const Json& trackList(const Json& medium)
        {
            // Lookups list a medium's tracks under "tracks", search answers under "track" (reference §3.5).
            const Json& tracks = member(medium, "tracks");
            return tracks.is_array() ? tracks : member(medium, "track");
        }
    } // namespace

    core::Result<Json> parseObject(const std::string& body, std::string_view what)
    {
        Json parsed = Json::parse(body, nullptr, false);
        if (parsed.is_discarded() || !parsed.is_object())
            return core::fail(core::Error::parse("MusicBrainz " + std::string(what) + ": answer is not a JSON object"));
        return parsed;
    }

    std::vector<CreditedArtist> parseCredit(const Json& artistCredit)
    {
        std::vector<CreditedArtist> out;
        if (!artistCredit.is_array())
            return out;
        for (const auto& entry : artistCredit)
        {
            const Json& artist = member(entry, "artist");
            std::string name = text(entry, "name");
            if (name.empty())
                name = text(artist, "name");
            out.push_back({std::move(name), text(artist, "id"), text(entry, "joinphrase")});
        }
        return out;
    }

    ReleaseInfo parseRelease(const Json& release)
    {
        ReleaseInfo info;
        info.id = text(release, "id");
        info.title = text(release, "title");
        info.status = text(release, "status");
        info.date = text(release, "date");
        info.country = text(release, "country");
        const Json& group = member(release, "release-group");
        info.releaseGroupId = text(group, "id");
        info.primaryType = text(group, "primary-type");
        info.secondaryTypes = strings(member(group, "secondary-types"));
        if (const Json& credit = member(release, "artist-credit"); credit.is_array())
            info.albumArtist = creditDisplay(parseCredit(credit));
        if (const Json& caa = member(release, "cover-art-archive"); caa.is_object())
            if (const Json& front = member(caa, "front"); front.is_boolean())
                info.hasFrontCover = front.get<bool>();
        // A search answer lists only the medium holding the hit, with that one track (reference §3.5).
        if (const Json& media = member(release, "media"); media.is_array() && media.size() == 1)
        {
            const Json& medium = media.front();
            const Json& tracks = trackList(medium);
            if (tracks.is_array() && tracks.size() == 1)
            {
                info.discNumber = number(medium, "position").value_or(0);
                info.trackCount = number(medium, "track-count").value_or(0);
                if (const auto offset = number(medium, "track-offset"); offset && *offset >= 0 && *offset < kMaxTrackOffset)
                    info.trackNumber = *offset + 1;
            }
        }
        return info;
    }

    Recording parseRecording(const Json& recording)
    {
        Recording out;
        out.id = text(recording, "id");
        out.title = text(recording, "title");
        out.disambiguation = text(recording, "disambiguation");
        out.artists = parseCredit(member(recording, "artist-credit"));
        out.lengthMs = number(recording, "length");
        out.isrcs = strings(member(recording, "isrcs"));
        out.score = number(recording, "score").value_or(0);
        if (const Json& releases = member(recording, "releases"); releases.is_array())
            for (const auto& release : releases)
                out.releases.push_back(parseRelease(release));
        return out;
    }

    std::vector<Recording> parseIsrcAnswer(const Json& answer)
    {
        std::vector<Recording> out;
        if (const Json& recordings = member(answer, "recordings"); recordings.is_array())
            for (const auto& r : recordings)
                out.push_back(parseRecording(r));
        return out;
    }

    std::vector<Recording> parseSearchAnswer(const Json& answer)
    {
        auto out = parseIsrcAnswer(answer);
        std::stable_sort(out.begin(), out.end(), [](const Recording& a, const Recording& b) { return a.score > b.score; });
        return out;
    }

    ReleaseDetails parseReleaseDetails(const Json& release)
    {
        ReleaseDetails details;
        details.info = parseRelease(release);
        if (const Json& media = member(release, "media"); media.is_array())
        {
            for (const auto& m : media)
            {
                Medium medium;
                medium.position = number(m, "position").value_or(0);
                medium.format = text(m, "format");
                medium.title = text(m, "title");
                medium.trackCount = number(m, "track-count").value_or(0);
                if (const Json& tracks = trackList(m); tracks.is_array())
                    for (const auto& t : tracks)
                    {
                        const Json& recording = member(t, "recording");
                        ReleaseTrack track{number(t, "position").value_or(0), text(t, "number"), text(t, "title"),
                                           number(t, "length"), text(recording, "id")};
                        track.isrcs = strings(member(recording, "isrcs"));
                        // The track credit when present, else the recording's (both need artist-credits).
                        const Json& credit = member(t, "artist-credit");
                        track.artists = parseCredit(credit.is_array() ? credit : member(recording, "artist-credit"));
                        if (!track.lengthMs)
                            track.lengthMs = number(recording, "length");
                        medium.tracks.push_back(std::move(track));
                    }
                details.media.push_back(std::move(medium));
            }
        }
        return details;
    }

    ReleaseBrowsePage parseReleaseBrowse(const Json& answer)
    {
        ReleaseBrowsePage page;
        page.releaseCount = number(answer, "release-count").value_or(0);
        if (const Json& releases = member(answer, "releases"); releases.is_array())
            for (const auto& release : releases)
                if (release.is_object())
                    page.releases.push_back(parseReleaseDetails(release));
        return page;
    }

    std::vector<ReleaseGroupHit> parseReleaseGroupSearch(const Json& answer)
    {
        std::vector<ReleaseGroupHit> out;
        if (const Json& groups = member(answer, "release-groups"); groups.is_array())
            for (const auto& g : groups)
            {
                if (!g.is_object())
                    continue;
                ReleaseGroupHit hit;
                hit.id = text(g, "id");
                hit.title = text(g, "title");
                hit.primaryType = text(g, "primary-type");
                hit.secondaryTypes = strings(member(g, "secondary-types"));
                hit.artists = parseCredit(member(g, "artist-credit"));
                hit.artistCredit = creditDisplay(hit.artists);
                hit.firstReleaseDate = text(g, "first-release-date");
                hit.score = number(g, "score").value_or(0);
                out.push_back(std::move(hit));
            }
        std::stable_sort(out.begin(), out.end(),
                         [](const ReleaseGroupHit& a, const ReleaseGroupHit& b) { return a.score > b.score; });
        return out;
    }
} // namespace soulspot::sources::musicbrainz::json
