#include "jobs/SpotifyTrackMapping.hpp"

#include <cctype>
#include <cstdint>
#include <cstdio>

namespace soulspot::jobs
{
    namespace
    {
        std::string lower(std::string_view s)
        {
            std::string out(s);
            for (auto& c : out)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return out;
        }

        std::string_view trim(std::string_view s)
        {
            while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
                s.remove_prefix(1);
            while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
                s.remove_suffix(1);
            return s;
        }
    } // namespace

    bool isLikedSongsRef(std::string_view input)
    {
        auto s = lower(trim(input));
        if (s == "liked" || s == "liked songs" || s == "liked-songs" || s == "spotify:collection:tracks" ||
            s == "spotify:collection")
            return true;
        for (const char* prefix : {"https://", "http://"})
            if (s.starts_with(prefix))
                s = s.substr(std::string_view(prefix).size());
        if (const auto q = s.find_first_of("?#"); q != std::string::npos)
            s = s.substr(0, q);
        while (!s.empty() && s.back() == '/')
            s.pop_back();
        return s == "open.spotify.com/collection/tracks" || s == "open.spotify.com/collection";
    }

    // /me/tracks has no snapshot_id: a digest of the ordered ids plays its part (FNV-1a, stable across runs).
    std::string likedSnapshot(const sources::spotify::TrackListing& listing)
    {
        std::uint64_t h = 1469598103934665603ULL;
        for (const auto& t : listing.tracks)
            for (const char c : t.id + ",")
            {
                h ^= static_cast<unsigned char>(c);
                h *= 1099511628211ULL;
            }
        char buf[17];
        std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
        return "liked-" + std::to_string(listing.tracks.size()) + "-" + buf;
    }

    db::TrackInput toTrackInput(const sources::spotify::SpotifyTrack& t)
    {
        db::TrackInput in;
        in.title = t.name;
        for (const auto& a : t.artists)
            if (!a.name.empty())
                in.artists.push_back(a.name);
        in.album = t.album.name;
        if (t.durationMs > 0)
            in.durationMs = t.durationMs;
        in.isrc = t.isrc;
        in.spotifyId = t.id;
        if (t.trackNumber > 0)
            in.trackNumber = t.trackNumber;
        if (t.discNumber > 0)
            in.discNumber = t.discNumber;
        in.releaseDate = t.album.releaseDate;
        in.coverUrl = t.album.imageUrl;
        return in;
    }
} // namespace soulspot::jobs
