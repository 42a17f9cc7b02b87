#include "jobs/PlaylistImportService.hpp"

#include <algorithm>
#include <filesystem>

#include "core/Log.hpp"
#include "db/repositories/PlaylistRepository.hpp"

namespace soulspot::jobs
{
    namespace
    {
        namespace pf = sources::playlistfile;

        std::string defaultName(const std::string& filename)
        {
            auto stem = std::filesystem::path(filename).stem().string();
            return stem.empty() ? "Imported list" : stem;
        }

        db::TrackInput toTrackInput(const pf::WantedEntry& e)
        {
            db::TrackInput in;
            in.title = e.title;
            in.artists = e.artists;
            in.album = e.album;
            if (e.durationMs > 0)
                in.durationMs = e.durationMs;
            in.isrc = e.isrc;
            in.spotifyId = e.spotifyId;
            return in;
        }
    } // namespace

    PlaylistImportService::PlaylistImportService(db::Database& db, std::shared_ptr<DownloadService> downloads)
        : db_(db), writer_(db, std::move(downloads))
    {
    }

    core::Result<FileImportResult> PlaylistImportService::importFile(std::string_view content, const std::string& filename,
                                                                     const std::string& name, bool autoDownload,
                                                                     const std::string& correlationId)
    {
        auto report = pf::parseWantedFile(content, filename);
        if (!report)
            return core::fail(report.error());
        FileImportResult result;
        result.format = std::string(pf::toString(report->format));
        result.errors = report->errors;
        if (report->entries.empty())
            return result;

        std::vector<db::TrackInput> inputs;
        inputs.reserve(report->entries.size());
        for (const auto& e : report->entries)
            inputs.push_back(toTrackInput(e));
        auto ids = writer_.upsertTracks(inputs);
        if (!ids)
            return core::fail(ids.error());
        std::vector<IncomingTrack> incoming;
        for (std::size_t i = 0; i < ids->size(); ++i)
        {
            if ((*ids)[i])
                incoming.push_back({*(*ids)[i], ""});
            else
                result.errors.push_back({report->entries[i].lineNumber, (*ids)[i].error().message});
        }
        std::sort(result.errors.begin(), result.errors.end(),
                  [](const pf::RowError& a, const pf::RowError& b) { return a.lineNumber < b.lineNumber; });
        if (incoming.empty())
            return result;

        db::PlaylistRepository playlists(db_);
        db::PlaylistInput input;
        input.name = name.empty() ? defaultName(filename) : name;
        input.source = "file";
        input.autoDownload = autoDownload;
        auto playlistId = playlists.create(input);
        if (!playlistId)
            return core::fail(playlistId.error());
        result.playlistId = *playlistId;
        auto outcome = writer_.applyMembership(*playlistId, incoming);
        if (!outcome)
            return core::fail(outcome.error());
        result.imported = outcome->added;
        if (autoDownload)
        {
            auto queued = writer_.queueNeverQueued(outcome->addedTrackIds, correlationId);
            if (!queued)
                return core::fail(queued.error());
            result.queued = *queued;
        }
        if (auto r = playlists.markSynced(*playlistId, "", static_cast<int>(report->entries.size())); !r)
            return core::fail(r.error());
        core::Logger("jobs.playlist_import").info("wanted file imported", {{"playlist_id", *playlistId},
                                                                           {"format", result.format},
                                                                           {"imported", std::int64_t{result.imported}},
                                                                           {"failed", std::int64_t(result.errors.size())},
                                                                           {"queued", std::int64_t{result.queued}}});
        return result;
    }
} // namespace soulspot::jobs
