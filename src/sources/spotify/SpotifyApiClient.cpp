#include "sources/spotify/SpotifyApi.hpp"

#include "sources/spotify/SpotifyErrors.hpp"
#include "sources/spotify/SpotifyJson.hpp"

namespace soulspot::sources::spotify
{
    namespace
    {
        // A loop guard, not a product limit: 10,000 pages of 50 is far beyond Spotify's 10,000-track cap.
        constexpr int kMaxPages = 10000;
        // /items is documented with limit ≤ 50; the deprecated /tracks accepted 100 (reference §3).
        constexpr const char* kItemsQuery = "?limit=50";
        constexpr const char* kLegacyTracksQuery = "?limit=100";

        std::string nextLink(const json::Json& page) { return json::text(page, "next"); }
    } // namespace

    SpotifyApiClient::SpotifyApiClient(std::shared_ptr<net::ServiceClient> service, TokenProvider tokens)
        : service_(std::move(service)), tokens_(std::move(tokens))
    {
    }

    core::Result<net::HttpResponse> SpotifyApiClient::authorizedGet(const std::string& pathOrUrl)
    {
        auto send = [&](bool forceRefresh) -> core::Result<net::HttpResponse> {
            auto token = tokens_(forceRefresh);
            if (!token)
                return core::fail(token.error());
            net::HttpRequest request;
            request.url = pathOrUrl;
            request.headers = {{"Authorization", "Bearer " + *token}, {"Accept", "application/json"}};
            return service_->call(std::move(request));
        };
        auto response = send(false);
        if (response && response->status == 401)
            response = send(true); // the cached token expired or was revoked early: refresh once, retry once
        return response;
    }

    core::Result<std::string> SpotifyApiClient::getBody(const std::string& pathOrUrl, const std::string& what)
    {
        auto response = authorizedGet(pathOrUrl);
        if (!response)
            return core::fail(response.error());
        if (!response->ok())
            return core::fail(webApiError(*response, what));
        return std::move(response->body);
    }

    core::Result<std::string> SpotifyApiClient::checkedNext(const std::string& next) const
    {
        std::string base = service_->baseUrl();
        while (!base.empty() && base.back() == '/')
            base.pop_back();
        if (!next.starts_with(base + "/"))
            return core::fail(core::Error{core::ErrorCode::UpstreamError,
                                          "Spotify paging link '" + next + "' is outside " + base, false, 0});
        return next;
    }

    core::Result<SpotifyUser> SpotifyApiClient::me()
    {
        auto body = getBody("/me", "current user");
        if (!body)
            return core::fail(body.error());
        auto obj = json::parseObject(*body, "current user");
        if (!obj)
            return core::fail(obj.error());
        return json::parseUser(*obj);
    }

    core::Result<std::vector<PlaylistSummary>> SpotifyApiClient::myPlaylists()
    {
        std::vector<PlaylistSummary> out;
        std::string url = "/me/playlists?limit=50";
        for (int page = 0; page < kMaxPages; ++page)
        {
            auto body = getBody(url, "my playlists");
            if (!body)
                return core::fail(body.error());
            auto obj = json::parseObject(*body, "my playlists");
            if (!obj)
                return core::fail(obj.error());
            if (const auto& items = (*obj)["items"]; items.is_array())
                for (const auto& p : items)
                    if (p.is_object()) // deleted playlists can appear as null
                        out.push_back(json::parsePlaylist(p));
            const auto next = nextLink(*obj);
            if (next.empty())
                return out;
            auto checked = checkedNext(next);
            if (!checked)
                return core::fail(checked.error());
            url = *checked;
        }
        return core::fail(core::Error::internal("Spotify my playlists: paging did not end"));
    }

    core::Result<PlaylistSummary> SpotifyApiClient::playlist(const std::string& playlistId)
    {
        auto body = getBody("/playlists/" + net::urlEncode(playlistId), "playlist " + playlistId);
        if (!body)
            return core::fail(body.error());
        auto obj = json::parseObject(*body, "playlist");
        if (!obj)
            return core::fail(obj.error());
        return json::parsePlaylist(*obj);
    }

    core::Result<TrackListing> SpotifyApiClient::playlistTracks(const std::string& playlistId)
    {
        const std::string base = "/playlists/" + net::urlEncode(playlistId);
        const std::string what = "playlist " + playlistId + " items";
        auto listing = walkTrackPages(base + "/items" + kItemsQuery, what);
        // Deployments from before the 2026 rename have no /items; an unknown playlist is 404 on both paths.
        if (!listing && listing.error().httpStatus == 404)
            return walkTrackPages(base + "/tracks" + kLegacyTracksQuery, what);
        return listing;
    }

    core::Result<TrackListing> SpotifyApiClient::likedTracks() { return walkTrackPages("/me/tracks?limit=50", "liked tracks"); }

    core::Result<TrackListing> SpotifyApiClient::walkTrackPages(std::string url, const std::string& what)
    {
        TrackListing out;
        for (int page = 0; page < kMaxPages; ++page)
        {
            auto body = getBody(url, what);
            if (!body)
                return core::fail(body.error());
            auto obj = json::parseObject(*body, what);
            if (!obj)
                return core::fail(obj.error());
            if (page == 0)
                out.reportedTotal = json::integer(*obj, "total");
            const auto& items = (*obj)["items"];
            if (!items.is_array())
                return core::fail(core::Error::parse("Spotify " + what + ": page has no items array"));
            for (const auto& entry : items)
                json::addListEntry(entry, out);
            const auto next = nextLink(*obj);
            if (next.empty())
                return out;
            auto checked = checkedNext(next);
            if (!checked)
                return core::fail(checked.error());
            url = *checked;
        }
        return core::fail(core::Error::internal("Spotify " + what + ": paging did not end"));
    }

    core::Result<std::vector<FollowedArtist>> SpotifyApiClient::followedArtists()
    {
        std::vector<FollowedArtist> out;
        std::string url = "/me/following?type=artist&limit=50";
        for (int page = 0; page < kMaxPages; ++page)
        {
            auto body = getBody(url, "followed artists");
            if (!body)
                return core::fail(body.error());
            auto obj = json::parseObject(*body, "followed artists");
            if (!obj)
                return core::fail(obj.error());
            // Cursor paging, wrapped in {"artists": …}; the last page has next == null (§2.5).
            auto& artists = (*obj)["artists"];
            if (!artists.is_object() || !artists.contains("items") || !artists["items"].is_array())
                return core::fail(core::Error::parse("Spotify followed artists: no artists.items"));
            for (const auto& a : artists["items"])
                if (a.is_object())
                    out.push_back(json::parseArtist(a));
            const auto next = nextLink(artists);
            if (next.empty())
                return out;
            auto checked = checkedNext(next);
            if (!checked)
                return core::fail(checked.error());
            url = *checked;
        }
        return core::fail(core::Error::internal("Spotify followed artists: paging did not end"));
    }
} // namespace soulspot::sources::spotify
