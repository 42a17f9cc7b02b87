#include "jobs/PlaylistSyncService.hpp"

#include <unordered_map>

#include "core/Log.hpp"
#include "jobs/SpotifyTrackMapping.hpp"
#include "sources/spotify/PlaylistRef.hpp"

namespace soulspot::jobs
{
    namespace
    {
        namespace sp = sources::spotify;

        const core::Logger& log()
        {
            static const core::Logger logger("jobs.playlist_sync");
            return logger;
        }

        bool stopsTheRound(const core::Error& e) { return e.retryable || e.code == core::ErrorCode::Conflict; }
    } // namespace

    PlaylistSyncService::PlaylistSyncService(db::Database& db, std::shared_ptr<sp::ISpotifyApi> api,
                                             std::shared_ptr<DownloadService> downloads)
        : db_(db), api_(std::move(api)), playlists_(db), writer_(db, std::move(downloads))
    {
    }

    core::Result<std::vector<SpotifyPlaylistListing>> PlaylistSyncService::spotifyPlaylists()
    {
        auto remote = api_->myPlaylists();
        if (!remote)
            return core::fail(remote.error());
        auto local = playlists_.list();
        if (!local)
            return core::fail(local.error());
        std::unordered_map<std::string, std::int64_t> imported;
        for (const auto& p : *local)
            if (!p.spotifyId.empty())
                imported.emplace(p.spotifyId, p.id);
        std::vector<SpotifyPlaylistListing> out;
        out.reserve(remote->size());
        for (auto& s : *remote)
        {
            SpotifyPlaylistListing l{std::move(s), std::nullopt};
            if (auto it = imported.find(l.summary.id); it != imported.end())
                l.importedAs = it->second;
            out.push_back(std::move(l));
        }
        return out;
    }

    core::Result<db::PlaylistRecord> PlaylistSyncService::load(std::int64_t playlistId)
    {
        auto p = playlists_.find(playlistId);
        if (!p)
            return core::fail(p.error());
        if (!*p)
            return core::fail(core::Error::notFound("playlist " + std::to_string(playlistId) + " not found"));
        return std::move(**p);
    }

    core::Result<PlaylistSyncService::Fetched> PlaylistSyncService::fetch(bool likedSongs, const std::string& spotifyId)
    {
        Fetched f;
        if (likedSongs)
        {
            auto listing = api_->likedTracks();
            if (!listing)
                return core::fail(listing.error());
            f.listing = std::move(*listing);
            f.snapshotId = likedSnapshot(f.listing);
            return f;
        }
        auto meta = api_->playlist(spotifyId);
        if (!meta)
            return core::fail(meta.error());
        f.meta = std::move(*meta);
        f.snapshotId = f.meta->snapshotId;
        return f;
    }

    core::Result<PlaylistSyncResult> PlaylistSyncService::importPlaylist(const std::string& ref, std::optional<bool> autoDownload,
                                                                         const std::string& correlationId)
    {
        const bool liked = isLikedSongsRef(ref);
        std::string spotifyId;
        if (!liked)
        {
            auto parsed = sp::parsePlaylistRef(ref);
            if (!parsed)
                return core::fail(parsed.error());
            spotifyId = *parsed;
        }
        std::lock_guard lock(syncMutex_);
        auto existing = liked ? playlists_.findLikedSongs() : playlists_.findBySpotifyId(spotifyId);
        if (!existing)
            return core::fail(existing.error());
        if (*existing)
        {
            auto& playlist = **existing;
            const bool switchedOn = autoDownload && *autoDownload && !playlist.autoDownload;
            if (autoDownload && *autoDownload != playlist.autoDownload)
            {
                if (auto r = playlists_.setAutoDownload(playlist.id, *autoDownload); !r)
                    return core::fail(r.error());
                playlist.autoDownload = *autoDownload;
            }
            auto result = syncLocked(playlist, correlationId);
            if (!result || !switchedOn)
                return result;
            auto entries = playlists_.entries(playlist.id);
            if (!entries)
                return core::fail(entries.error());
            std::vector<std::int64_t> active;
            for (const auto& e : *entries)
                if (!e.removed)
                    active.push_back(e.trackId);
            auto queued = writer_.queueNeverQueued(active, correlationId);
            if (!queued)
                return core::fail(queued.error());
            result->queued += *queued;
            return result;
        }

        // Read everything first: a playlist we cannot read (403, 404, rate limit) leaves no empty row behind.
        auto fetched = fetch(liked, spotifyId);
        if (!fetched)
            return core::fail(fetched.error());
        if (!liked)
        {
            auto listing = api_->playlistTracks(spotifyId);
            if (!listing)
                return core::fail(listing.error());
            fetched->listing = std::move(*listing);
        }
        db::PlaylistInput input;
        input.autoDownload = autoDownload.value_or(false);
        input.isLikedSongs = liked;
        input.name = liked ? "Liked Songs" : fetched->meta->name;
        if (fetched->meta)
        {
            input.spotifyId = spotifyId;
            input.owner = fetched->meta->owner.displayName.empty() ? fetched->meta->owner.id : fetched->meta->owner.displayName;
            input.description = fetched->meta->description;
            input.imageUrl = fetched->meta->imageUrl;
        }
        auto id = playlists_.create(input);
        if (!id)
            return core::fail(id.error());
        auto result = store(*id, input.autoDownload, *fetched, correlationId);
        if (!result)
        {
            (void)playlists_.setSyncError(*id, result.error().message);
            return result;
        }
        result->created = true;
        return result;
    }

    core::Result<PlaylistSyncResult> PlaylistSyncService::sync(std::int64_t playlistId, const std::string& correlationId)
    {
        std::lock_guard lock(syncMutex_);
        auto playlist = load(playlistId);
        if (!playlist)
            return core::fail(playlist.error());
        if (playlist->source != "spotify")
            return core::fail(core::Error::conflict("playlist " + std::to_string(playlistId) +
                                                    " was imported from a file: there is nothing to sync"));
        return syncLocked(*playlist, correlationId);
    }

    core::Result<PlaylistSyncResult> PlaylistSyncService::syncLocked(const db::PlaylistRecord& playlist,
                                                                     const std::string& correlationId)
    {
        auto failed = [&](const core::Error& e) -> core::Result<PlaylistSyncResult> {
            (void)playlists_.setSyncError(playlist.id, e.message);
            log().warning("playlist sync failed", {{"playlist_id", playlist.id}, {"error", e.message}});
            return core::fail(e);
        };
        auto unchanged = [&](const std::string& snapshot) -> core::Result<PlaylistSyncResult> {
            if (auto r = playlists_.touchSynced(playlist.id); !r)
                return core::fail(r.error());
            PlaylistSyncResult result;
            result.playlistId = playlist.id;
            result.unchanged = true;
            result.total = playlist.activeTracks;
            result.snapshotId = snapshot;
            log().info("playlist unchanged", {{"playlist_id", playlist.id}});
            return result;
        };

        auto fetched = fetch(playlist.isLikedSongs, playlist.spotifyId);
        if (!fetched)
            return failed(fetched.error());
        if (!playlist.isLikedSongs)
        {
            if (!playlist.snapshotId.empty() && fetched->snapshotId == playlist.snapshotId)
                return unchanged(playlist.snapshotId);
            auto listing = api_->playlistTracks(playlist.spotifyId);
            if (!listing)
                return failed(listing.error());
            fetched->listing = std::move(*listing);
            const auto& m = *fetched->meta;
            const auto owner = m.owner.displayName.empty() ? m.owner.id : m.owner.displayName;
            if (m.name != playlist.name || owner != playlist.owner || m.description != playlist.description ||
                m.imageUrl != playlist.imageUrl)
                if (auto r = playlists_.updateMetadata(playlist.id, m.name, owner, m.description, m.imageUrl); !r)
                    return failed(r.error());
        }
        else if (fetched->snapshotId == playlist.snapshotId)
            return unchanged(playlist.snapshotId);
        auto result = store(playlist.id, playlist.autoDownload, *fetched, correlationId);
        if (!result)
            return failed(result.error());
        return result;
    }

    core::Result<PlaylistSyncResult> PlaylistSyncService::store(std::int64_t playlistId, bool autoDownload, const Fetched& fetched,
                                                                const std::string& correlationId)
    {
        PlaylistSyncResult result;
        result.playlistId = playlistId;
        result.snapshotId = fetched.snapshotId;
        result.skippedLocal = fetched.listing.skippedLocal; // Spotify "local files" are files the user already has
        result.skippedUnavailable = fetched.listing.skippedUnavailable;
        result.skippedEpisodes = fetched.listing.skippedEpisodes;

        // Tracks already in this playlist are recognised by Spotify id or ISRC and not written again.
        auto entries = playlists_.entries(playlistId);
        if (!entries)
            return core::fail(entries.error());
        std::unordered_map<std::string, std::int64_t> known;
        for (const auto& e : *entries)
        {
            if (!e.spotifyId.empty())
                known.emplace("id:" + e.spotifyId, e.trackId);
            if (!e.isrc.empty())
                known.emplace("isrc:" + e.isrc, e.trackId);
        }
        const auto& tracks = fetched.listing.tracks;
        std::vector<std::optional<std::int64_t>> ids(tracks.size());
        std::vector<db::TrackInput> toUpsert;
        std::vector<std::size_t> upsertIndex;
        for (std::size_t i = 0; i < tracks.size(); ++i)
        {
            auto it = known.find("id:" + tracks[i].id);
            if (it == known.end() && !tracks[i].isrc.empty())
                it = known.find("isrc:" + tracks[i].isrc);
            if (it != known.end())
                ids[i] = it->second;
            else
            {
                toUpsert.push_back(toTrackInput(tracks[i]));
                upsertIndex.push_back(i);
            }
        }
        auto upserted = writer_.upsertTracks(toUpsert);
        if (!upserted)
            return core::fail(upserted.error());
        for (std::size_t k = 0; k < upserted->size(); ++k)
        {
            if ((*upserted)[k])
                ids[upsertIndex[k]] = *(*upserted)[k];
            else
                ++result.skippedInvalid;
        }
        std::vector<IncomingTrack> incoming;
        incoming.reserve(tracks.size());
        for (std::size_t i = 0; i < tracks.size(); ++i)
            if (ids[i])
                incoming.push_back({*ids[i], tracks[i].addedAt});

        auto outcome = writer_.applyMembership(playlistId, incoming);
        if (!outcome)
            return core::fail(outcome.error());
        result.added = outcome->added;
        result.removed = outcome->removed;
        result.moved = outcome->moved;
        if (autoDownload)
        {
            auto queued = writer_.queueNeverQueued(outcome->addedTrackIds, correlationId);
            if (!queued)
                return core::fail(queued.error());
            result.queued = *queued;
        }
        const int reported = fetched.meta ? fetched.meta->trackCount : fetched.listing.reportedTotal;
        if (auto r = playlists_.markSynced(playlistId, fetched.snapshotId, reported); !r)
            return core::fail(r.error());
        auto stored = playlists_.find(playlistId);
        if (stored && *stored)
            result.total = (*stored)->activeTracks;
        log().info("playlist synced", {{"playlist_id", playlistId},
                                       {"added", std::int64_t{result.added}},
                                       {"removed", std::int64_t{result.removed}},
                                       {"moved", std::int64_t{result.moved}},
                                       {"queued", std::int64_t{result.queued}},
                                       {"total", std::int64_t{result.total}}});
        return result;
    }

    AutoSyncRound PlaylistSyncService::syncAutoPlaylists(const std::string& correlationId)
    {
        AutoSyncRound round;
        auto ids = playlists_.autoDownloadIds();
        if (!ids)
        {
            round.stoppedBy = ids.error();
            return round;
        }
        for (const auto id : *ids)
        {
            auto r = sync(id, correlationId);
            if (r)
            {
                ++round.synced;
                continue;
            }
            ++round.failed;
            if (stopsTheRound(r.error()))
            {
                round.stoppedBy = r.error();
                break;
            }
        }
        return round;
    }
} // namespace soulspot::jobs
