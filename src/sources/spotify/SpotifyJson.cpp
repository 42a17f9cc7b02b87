#include "sources/spotify/SpotifyJson.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>

namespace soulspot::sources::spotify::json
{
    namespace
    {
        const Json& member(const Json& obj, const char* key)
        {
            static const Json kNull;
            if (!obj.is_object())
                return kNull;
            const auto it = obj.find(key);
            return it == obj.end() ? kNull : *it;
        }
    } // namespace

    core::Result<Json> parseObject(const std::string& body, std::string_view what)
    {
        auto parsed = Json::parse(body, nullptr, false);
        if (parsed.is_discarded() || !parsed.is_object())
            return core::fail(core::Error::parse("Spotify " + std::string(what) + ": response is not a JSON object"));
        return parsed;
    }

    std::string text(const Json& obj, const char* key)
    {
        const auto& v = member(obj, key);
        return v.is_string() ? v.get<std::string>() : std::string{};
    }

    int integer(const Json& obj, const char* key)
    {
        // A number that does not fit an int (1e300, 2^40) counts as missing: converting it is undefined behaviour.
        const auto& v = member(obj, key);
        constexpr auto kMin = std::numeric_limits<int>::min();
        constexpr auto kMax = std::numeric_limits<int>::max();
        if (v.is_number_unsigned())
            return v.get<std::uint64_t>() <= static_cast<std::uint64_t>(kMax) ? static_cast<int>(v.get<std::uint64_t>()) : 0;
        if (v.is_number_integer())
        {
            const auto i = v.get<std::int64_t>();
            return i >= kMin && i <= kMax ? static_cast<int>(i) : 0;
        }
        if (v.is_number_float())
        {
            const double d = v.get<double>(); // NaN fails both comparisons
            return d >= static_cast<double>(kMin) && d < static_cast<double>(kMax) ? static_cast<int>(d) : 0;
        }
        return 0;
    }

    std::string largestImage(const Json& images)
    {
        if (!images.is_array() || images.empty())
            return {};
        // Spotify lists the widest first, but width/height may be null, so compare and fall back to order.
        const Json* best = &images.front();
        long bestArea = -1;
        for (const auto& img : images)
        {
            const long area = static_cast<long>(integer(img, "width")) * integer(img, "height");
            if (area > bestArea)
            {
                bestArea = area;
                best = &img;
            }
        }
        return text(*best, "url");
    }

    SpotifyTrack parseTrack(const Json& t)
    {
        SpotifyTrack track;
        track.id = text(t, "id");
        track.name = text(t, "name");
        track.durationMs = integer(t, "duration_ms");
        track.trackNumber = integer(t, "track_number");
        track.discNumber = integer(t, "disc_number");
        const auto& isLocal = member(t, "is_local");
        track.isLocal = isLocal.is_boolean() && isLocal.get<bool>();
        track.isrc = text(member(t, "external_ids"), "isrc");
        std::transform(track.isrc.begin(), track.isrc.end(), track.isrc.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        if (const auto& artists = member(t, "artists"); artists.is_array())
            for (const auto& a : artists)
                track.artists.push_back({text(a, "id"), text(a, "name")});
        const auto& album = member(t, "album");
        track.album = {text(album, "id"), text(album, "name"), text(album, "release_date"),
                       largestImage(member(album, "images"))};
        return track;
    }

    PlaylistSummary parsePlaylist(const Json& p)
    {
        PlaylistSummary s;
        s.id = text(p, "id");
        s.name = text(p, "name");
        s.snapshotId = text(p, "snapshot_id");
        s.description = text(p, "description");
        s.imageUrl = largestImage(member(p, "images"));
        const auto& collab = member(p, "collaborative");
        s.collaborative = collab.is_boolean() && collab.get<bool>();
        const auto& owner = member(p, "owner");
        s.owner = {text(owner, "id"), text(owner, "display_name")};
        // 2026 renamed tracks→items; either may be missing for playlists the user does not own.
        const auto& items = member(p, "items");
        s.trackCount = items.is_object() ? integer(items, "total") : integer(member(p, "tracks"), "total");
        return s;
    }

    SpotifyUser parseUser(const Json& u) { return {text(u, "id"), text(u, "account_id"), text(u, "display_name")}; }

    FollowedArtist parseArtist(const Json& a)
    {
        return {text(a, "id"), text(a, "name"), largestImage(member(a, "images"))};
    }

    const Json& albumTrackPage(const Json& album)
    {
        const Json& tracks = member(album, "tracks");
        return tracks.is_object() ? tracks : member(album, "items");
    }

    SpotifyAlbum parseAlbum(const Json& a)
    {
        SpotifyAlbum album;
        album.id = text(a, "id");
        album.name = text(a, "name");
        album.releaseDate = text(a, "release_date");
        album.releasePrecision = text(a, "release_date_precision");
        album.imageUrl = largestImage(member(a, "images"));
        album.albumType = text(a, "album_type");
        album.totalTracks = integer(a, "total_tracks");
        album.upc = text(member(a, "external_ids"), "upc");
        if (const auto& artists = member(a, "artists"); artists.is_array())
            for (const auto& artist : artists)
                album.artists.push_back({text(artist, "id"), text(artist, "name")});
        addAlbumTracks(albumTrackPage(a), album);
        return album;
    }

    void addAlbumTracks(const Json& page, SpotifyAlbum& album)
    {
        const auto& items = member(page, "items");
        if (!items.is_array())
            return;
        const AlbumRef ref{album.id, album.name, album.releaseDate, album.imageUrl};
        for (const auto& t : items)
        {
            if (!t.is_object()) // a track withdrawn from the catalogue can leave a null hole
                continue;
            SpotifyTrack track = parseTrack(t);
            if (track.album.id.empty()) // simplified tracks carry no album object
                track.album = ref;
            album.tracks.push_back(std::move(track));
        }
    }

    void addListEntry(const Json& entry, TrackListing& out)
    {
        const Json* track = &member(entry, "item");
        if (track->is_null())
            track = &member(entry, "track");
        if (!track->is_object())
        {
            ++out.skippedUnavailable;
            return;
        }
        if (text(*track, "type") == "episode")
        {
            ++out.skippedEpisodes;
            return;
        }
        SpotifyTrack parsed = parseTrack(*track);
        parsed.addedAt = text(entry, "added_at");
        const auto& entryLocal = member(entry, "is_local");
        if (parsed.isLocal || (entryLocal.is_boolean() && entryLocal.get<bool>()))
        {
            parsed.isLocal = true;
            ++out.skippedLocal;
            out.localTracks.push_back(std::move(parsed));
            return;
        }
        out.tracks.push_back(std::move(parsed));
    }
} // namespace soulspot::sources::spotify::json
