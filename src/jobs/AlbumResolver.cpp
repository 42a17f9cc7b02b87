#include "jobs/AlbumResolver.hpp"

#include <set>

#include "core/Log.hpp"
#include "sources/musicbrainz/IMusicBrainzApi.hpp"
#include "sources/musicbrainz/Identifiers.hpp"
#include "sources/musicbrainz/ReleaseChoice.hpp"
#include "sources/spotify/PlaylistRef.hpp"
#include "sources/spotify/SpotifyApi.hpp"

namespace soulspot::jobs
{
    namespace
    {
        namespace mb = sources::musicbrainz;
        namespace sp = sources::spotify;
        const core::Logger kLog("jobs.album");
        constexpr int kMinGroupScore = 90; // MusicBrainz search scores below this are guesses, not the album

        std::string capitalised(std::string s)
        {
            if (!s.empty())
                s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
            return s;
        }

        db::AlbumInput fromSpotify(const sp::SpotifyAlbum& a, const std::string& source)
        {
            db::AlbumInput in;
            in.title = a.name;
            for (const auto& artist : a.artists)
                in.artist += (in.artist.empty() ? "" : ", ") + artist.name;
            in.releaseDate = a.releaseDate;
            in.primaryType = capitalised(a.albumType);
            in.spotifyId = a.id;
            in.coverUrl = a.imageUrl;
            in.source = source;
            for (const auto& t : a.tracks)
            {
                db::AlbumTrackInput at;
                at.track.title = t.name;
                for (const auto& artist : t.artists)
                    at.track.artists.push_back(artist.name);
                if (at.track.artists.empty() && !a.artists.empty())
                    at.track.artists.push_back(a.artists.front().name);
                at.track.album = a.name;
                if (t.durationMs > 0)
                    at.track.durationMs = t.durationMs;
                at.track.isrc = t.isrc;
                at.track.spotifyId = t.id;
                at.track.trackNumber = t.trackNumber > 0 ? std::optional<int>(t.trackNumber) : std::nullopt;
                at.track.discNumber = std::max(1, t.discNumber);
                at.track.releaseDate = a.releaseDate;
                at.track.coverUrl = a.imageUrl;
                at.discNumber = std::max(1, t.discNumber);
                at.trackNumber = t.trackNumber;
                in.discCount = std::max(in.discCount, at.discNumber);
                in.tracks.push_back(std::move(at));
            }
            return in;
        }

        db::AlbumInput fromRelease(const mb::ReleaseDetails& r, const std::string& source, const std::string& choice)
        {
            db::AlbumInput in;
            in.title = r.info.title;
            in.artist = r.info.albumArtist;
            in.releaseDate = r.info.date;
            in.primaryType = r.info.primaryType;
            in.releaseMbid = r.info.id;
            in.releaseGroupMbid = r.info.releaseGroupId;
            in.source = source;
            in.releaseChoice = choice;
            in.discCount = std::max<int>(1, static_cast<int>(r.media.size()));
            for (const auto& m : r.media)
                for (const auto& t : m.tracks)
                {
                    db::AlbumTrackInput at;
                    at.track.title = t.title;
                    for (const auto& a : t.artists)
                        at.track.artists.push_back(a.name);
                    if (at.track.artists.empty() && !r.info.albumArtist.empty())
                        at.track.artists.push_back(r.info.albumArtist);
                    at.track.album = r.info.title;
                    at.track.durationMs = t.lengthMs;
                    if (!t.isrcs.empty())
                        at.track.isrc = t.isrcs.front();
                    at.track.trackNumber = t.position;
                    at.track.discNumber = std::max(1, m.position);
                    at.track.releaseDate = r.info.date;
                    at.discNumber = std::max(1, m.position);
                    at.trackNumber = t.position;
                    in.tracks.push_back(std::move(at));
                }
            return in;
        }

        class Resolver
        {
        public:
            Resolver(std::shared_ptr<sp::ISpotifyApi> spotify, std::shared_ptr<mb::IMusicBrainzApi> musicbrainz,
                     AlbumResolverSettings settings)
                : spotify_(std::move(spotify)), musicbrainz_(std::move(musicbrainz)), settings_(std::move(settings))
            {
            }

            core::Result<std::vector<db::AlbumInput>> operator()(const AlbumRequest& request) const
            {
                switch (request.kind)
                {
                case AlbumRequest::Kind::SavedAlbums: return savedAlbums();
                case AlbumRequest::Kind::PlaylistAlbums: return playlistAlbums(request.ref);
                case AlbumRequest::Kind::Ref: break;
                }
                const auto& ref = request.ref;
                if (auto spotifyId = sp::parseAlbumRef(ref))
                    return one(spotifyAlbum(*spotifyId, ref));
                if (auto mbRef = mb::parseMusicBrainzRef(ref))
                    return one(musicBrainzAlbum(*mbRef, ref));
                const auto dash = ref.find(" - ");
                if (dash != std::string::npos && dash > 0 && dash + 3 < ref.size())
                    return one(searchedAlbum(trim(ref.substr(0, dash)), trim(ref.substr(dash + 3)), ref));
                return core::fail(core::Error::invalid(
                    "not an album: give a Spotify album link, a MusicBrainz release or release-group link or id, or "
                    "\"Artist - Album\""));
            }

        private:
            static std::string trim(std::string s)
            {
                const auto b = s.find_first_not_of(" \t");
                const auto e = s.find_last_not_of(" \t");
                return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
            }

            static core::Result<std::vector<db::AlbumInput>> one(core::Result<db::AlbumInput> album)
            {
                if (!album)
                    return core::fail(album.error());
                return std::vector<db::AlbumInput>{std::move(*album)};
            }

            core::Result<void> needSpotify() const
            {
                if (!spotify_)
                    return core::fail(core::Error::unavailable("Spotify is not configured (SPOTIFY_CLIENT_ID)"));
                return {};
            }
            core::Result<void> needMusicBrainz() const
            {
                if (!musicbrainz_)
                    return core::fail(core::Error::unavailable("MusicBrainz is disabled (MUSICBRAINZ_ENABLED=false)"));
                return {};
            }

            core::Result<db::AlbumInput> spotifyAlbum(const std::string& id, const std::string& source) const
            {
                if (auto ok = needSpotify(); !ok)
                    return core::fail(ok.error());
                auto album = spotify_->album(id);
                if (!album)
                    return core::fail(album.error());
                if (album->tracks.empty())
                    return core::fail(core::Error::notFound("the Spotify album has no playable tracks"));
                return fromSpotify(*album, source);
            }

            core::Result<std::vector<db::AlbumInput>> savedAlbums() const
            {
                if (auto ok = needSpotify(); !ok)
                    return core::fail(ok.error());
                auto saved = spotify_->savedAlbums();
                if (!saved)
                    return core::fail(saved.error());
                std::vector<db::AlbumInput> out;
                for (const auto& a : *saved)
                    if (!a.tracks.empty())
                        out.push_back(fromSpotify(a, "spotify:saved-albums"));
                return out;
            }

            core::Result<std::vector<db::AlbumInput>> playlistAlbums(const std::string& ref) const
            {
                if (auto ok = needSpotify(); !ok)
                    return core::fail(ok.error());
                auto id = sp::parsePlaylistRef(ref);
                if (!id)
                    return core::fail(id.error());
                auto listing = spotify_->playlistTracks(*id);
                if (!listing)
                    return core::fail(listing.error());
                std::vector<db::AlbumInput> out;
                std::set<std::string> seen;
                for (const auto& t : listing->tracks)
                {
                    if (t.album.id.empty() || !seen.insert(t.album.id).second)
                        continue;
                    auto album = spotifyAlbum(t.album.id, "playlist " + *id);
                    if (!album)
                    {
                        if (core::meansWait(album.error()))
                            return core::fail(album.error()); // Spotify is down: say so, do not half-import
                        kLog.warning("album of a playlist track not added", {{"album", t.album.id}, {"error", album.error().message}});
                        continue;
                    }
                    out.push_back(std::move(*album));
                }
                return out;
            }

            core::Result<db::AlbumInput> musicBrainzAlbum(const mb::MusicBrainzRef& ref, const std::string& source) const
            {
                if (auto ok = needMusicBrainz(); !ok)
                    return core::fail(ok.error());
                if (ref.kind != mb::MbRefKind::ReleaseGroup)
                {
                    auto release = musicbrainz_->release(ref.mbid);
                    if (!release)
                        return core::fail(release.error());
                    if (*release)
                        return fromRelease(**release, source, "");
                    if (ref.kind == mb::MbRefKind::Release)
                        return core::fail(core::Error::notFound("MusicBrainz has no release " + ref.mbid));
                }
                return groupAlbum(ref.mbid, source, "");
            }

            core::Result<db::AlbumInput> groupAlbum(const std::string& groupId, const std::string& source,
                                                    const std::string& found) const
            {
                auto releases = musicbrainz_->releasesOfGroup(groupId);
                if (!releases)
                    return core::fail(releases.error());
                if (releases->empty())
                    return core::fail(core::Error::notFound("MusicBrainz has no release group " + groupId));
                mb::ReleasePreferences prefs;
                prefs.countries = settings_.preferredCountries;
                prefs.formats = settings_.preferredFormats;
                const auto choice = mb::chooseRelease(*releases, prefs);
                if (!choice.index || *choice.index >= releases->size())
                    return core::fail(core::Error::notFound("no release of group " + groupId + " to choose"));
                return fromRelease((*releases)[*choice.index], source, found + choice.reason);
            }

            core::Result<db::AlbumInput> searchedAlbum(const std::string& artist, const std::string& title,
                                                       const std::string& source) const
            {
                if (auto ok = needMusicBrainz(); !ok)
                    return core::fail(ok.error());
                auto hits = musicbrainz_->searchReleaseGroup(artist, title);
                if (!hits)
                    return core::fail(hits.error());
                const mb::ReleaseGroupHit* best = nullptr;
                for (const auto& h : *hits)
                    if (h.score >= kMinGroupScore && (!best || (best->primaryType != "Album" && h.primaryType == "Album")))
                        best = &h;
                if (!best)
                    return core::fail(core::Error::notFound("MusicBrainz knows no album \"" + title + "\" by " + artist));
                return groupAlbum(best->id, source,
                                  "release group \"" + best->title + "\" by " + best->artistCredit + " (search score " +
                                      std::to_string(best->score) + "); ");
            }

            std::shared_ptr<sp::ISpotifyApi> spotify_;
            std::shared_ptr<mb::IMusicBrainzApi> musicbrainz_;
            AlbumResolverSettings settings_;
        };
    } // namespace

    AlbumResolver makeAlbumResolver(std::shared_ptr<sources::spotify::ISpotifyApi> spotify,
                                    std::shared_ptr<sources::musicbrainz::IMusicBrainzApi> musicbrainz,
                                    AlbumResolverSettings settings)
    {
        return Resolver(std::move(spotify), std::move(musicbrainz), std::move(settings));
    }
} // namespace soulspot::jobs
