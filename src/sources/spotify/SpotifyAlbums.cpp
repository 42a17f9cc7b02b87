// Albums: one album with its track pages, and the saved-albums library (GET /me/albums).
//
// Why ISRCs stay empty: /albums/{id} and /albums/{id}/tracks list *simplified* track objects, which have no
// external_ids. The batch GET /tracks?ids= that used to fill them was removed for development-mode apps in
// 2026 (reference/spotify-api.md §4), and GET /tracks/{id} per track would cost one call per track against
// the 30-second rate window. Album matching keys on disc/track number, title and duration instead; a caller
// that needs an ISRC for one track can still ask GET /tracks/{id}. If a track object does carry
// external_ids (an extended-quota app, or a future change), parseTrack keeps it.
#include "sources/spotify/SpotifyApi.hpp"

#include "sources/spotify/SpotifyErrors.hpp"
#include "sources/spotify/SpotifyJson.hpp"

namespace soulspot::sources::spotify
{
    namespace
    {
        // Loop guards, not product limits: albums have at most a few hundred tracks.
        constexpr int kMaxTrackPages = 1000;
        constexpr int kMaxLibraryPages = 10000;
        constexpr const char* kAlbumTracksQuery = "?limit=50";
    } // namespace

    core::Result<void> SpotifyApiClient::followAlbumTracks(SpotifyAlbum& album, std::string next)
    {
        const std::string what = "album " + album.id + " tracks";
        for (int page = 0; page < kMaxTrackPages; ++page)
        {
            if (next.empty())
                return {};
            std::string url = next;
            if (next.starts_with("http"))
            {
                auto checked = checkedNext(next);
                if (!checked)
                    return core::fail(checked.error());
                url = *checked;
            }
            auto body = getBody(url, what);
            if (!body)
                return core::fail(body.error());
            auto obj = json::parseObject(*body, what);
            if (!obj)
                return core::fail(obj.error());
            if (!(*obj)["items"].is_array())
                return core::fail(core::Error::parse("Spotify " + what + ": page has no items array"));
            json::addAlbumTracks(*obj, album);
            next = json::text(*obj, "next");
        }
        return core::fail(core::Error::internal("Spotify " + what + ": paging did not end"));
    }

    core::Result<SpotifyAlbum> SpotifyApiClient::album(const std::string& albumId)
    {
        const std::string path = "/albums/" + net::urlEncode(albumId);
        auto body = getBody(path, "album " + albumId);
        if (!body)
            return core::fail(body.error());
        auto obj = json::parseObject(*body, "album");
        if (!obj)
            return core::fail(obj.error());
        SpotifyAlbum album = json::parseAlbum(*obj);
        const auto& page = json::albumTrackPage(*obj);
        // No embedded page at all: walk the tracks endpoint from the start instead of returning none.
        const std::string next = page.is_object() ? json::text(page, "next") : path + "/tracks" + kAlbumTracksQuery;
        if (auto walked = followAlbumTracks(album, next); !walked)
            return core::fail(walked.error());
        return album;
    }

    core::Result<std::vector<SpotifyAlbum>> SpotifyApiClient::savedAlbums()
    {
        std::vector<SpotifyAlbum> out;
        std::string url = "/me/albums?limit=50";
        for (int page = 0; page < kMaxLibraryPages; ++page)
        {
            auto body = getBody(url, "saved albums");
            if (!body)
                return core::fail(body.error());
            auto obj = json::parseObject(*body, "saved albums");
            if (!obj)
                return core::fail(obj.error());
            const auto& items = (*obj)["items"];
            if (!items.is_array())
                return core::fail(core::Error::parse("Spotify saved albums: page has no items array"));
            for (const auto& entry : items)
            {
                // Saved-album object {added_at, album}; 2026 renamed some wrappers to `item`, so accept both.
                const json::Json* albumJson = entry.is_object() && entry.contains("album") ? &entry["album"] : nullptr;
                if ((!albumJson || !albumJson->is_object()) && entry.is_object() && entry.contains("item"))
                    albumJson = &entry["item"];
                if (!albumJson || !albumJson->is_object())
                    continue; // an album removed from the catalogue
                SpotifyAlbum album = json::parseAlbum(*albumJson);
                album.addedAt = json::text(entry, "added_at");
                const auto& tracks = json::albumTrackPage(*albumJson);
                std::string next;
                if (tracks.is_object())
                    next = json::text(tracks, "next");
                else if (!album.id.empty())
                    next = "/albums/" + net::urlEncode(album.id) + "/tracks" + kAlbumTracksQuery;
                if (auto walked = followAlbumTracks(album, next); !walked)
                    return core::fail(walked.error());
                out.push_back(std::move(album));
            }
            const auto next = json::text(*obj, "next");
            if (next.empty())
                return out;
            auto checked = checkedNext(next);
            if (!checked)
                return core::fail(checked.error());
            url = *checked;
        }
        return core::fail(core::Error::internal("Spotify saved albums: paging did not end"));
    }
} // namespace soulspot::sources::spotify
