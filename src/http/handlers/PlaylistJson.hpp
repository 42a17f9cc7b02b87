#pragma once
// JSON shapes of playlists, their tracks and sync results (handlers only).

#include <nlohmann/json.hpp>

#include "jobs/PlaylistCatalog.hpp"
#include "jobs/PlaylistImportService.hpp"
#include "jobs/PlaylistSyncService.hpp"

namespace soulspot::http
{
    nlohmann::json playlistToJson(const db::PlaylistRecord& p);
    nlohmann::json playlistTrackToJson(const db::PlaylistTrackRow& row);
    nlohmann::json playlistDetailToJson(const jobs::PlaylistDetail& d);
    nlohmann::json syncResultToJson(const jobs::PlaylistSyncResult& r);
    nlohmann::json spotifyPlaylistToJson(const jobs::SpotifyPlaylistListing& l);
    nlohmann::json fileImportToJson(const jobs::FileImportResult& r);
} // namespace soulspot::http
