// Spotify Web API answers (reference/spotify-api.md) through the readers the client uses: a page of playlist
// or saved tracks walked with addListEntry, playlists, the user, followed artists; plus parsePlaylistRef on the
// same bytes, since users paste playlist links into the UI.

#include <cstddef>
#include <cstdint>
#include <string>

#include "FuzzCheck.hpp"
#include "sources/spotify/PlaylistRef.hpp"
#include "sources/spotify/SpotifyJson.hpp"

namespace
{
    using namespace soulspot::sources::spotify;
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string body(reinterpret_cast<const char*>(data), size);

    if (auto ref = parsePlaylistRef(body))
        FUZZ_CHECK(isSpotifyId(*ref), "a parsed playlist reference is a Spotify id");

    auto obj = json::parseObject(body, "fuzz");
    if (!obj)
        return 0;
    const json::Json& page = *obj;

    TrackListing listing;
    listing.reportedTotal = json::integer(page, "total");
    std::size_t entries = 0;
    if (const auto it = page.find("items"); it != page.end() && it->is_array())
        for (const auto& entry : *it)
        {
            json::addListEntry(entry, listing);
            ++entries;
        }
    FUZZ_CHECK(listing.skippedLocal == static_cast<int>(listing.localTracks.size()), "skippedLocal counts localTracks");
    FUZZ_CHECK(listing.tracks.size() + listing.localTracks.size() + static_cast<std::size_t>(listing.skippedUnavailable) +
                       static_cast<std::size_t>(listing.skippedEpisodes) ==
                   entries,
               "every entry is either kept or counted as skipped");
    for (const auto& t : listing.tracks)
        FUZZ_CHECK(!t.isLocal, "local tracks are not in tracks");
    for (const auto& t : listing.localTracks)
        FUZZ_CHECK(t.isLocal, "localTracks are local");

    (void)json::parsePlaylist(page);
    (void)json::parseUser(page);
    (void)json::parseArtist(page);
    (void)json::parseTrack(page);
    (void)json::largestImage(page.contains("images") ? page["images"] : page);
    // GET /me/following?type=artist nests its page under "artists".
    if (const auto it = page.find("artists"); it != page.end() && it->is_object())
        if (const auto items = it->find("items"); items != it->end() && items->is_array())
            for (const auto& a : *items)
                (void)json::parseArtist(a);
    return 0;
}
