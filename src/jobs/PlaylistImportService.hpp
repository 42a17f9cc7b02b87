#pragma once
// Wanted lists without Spotify: an Exportify CSV, an M3U/M3U8 or plain "Artist - Title" lines become a
// playlist (source "file"). Bad rows are reported by line number and the good ones imported.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Error.hpp"
#include "db/Database.hpp"
#include "jobs/PlaylistWriter.hpp"
#include "sources/playlistfile/WantedFile.hpp"

namespace soulspot::jobs
{
    struct FileImportResult
    {
        std::optional<std::int64_t> playlistId; // nullopt when no row was good enough to import
        std::string format;                     // "csv" | "m3u" | "plain"
        int imported{0};                        // distinct tracks now in the playlist
        int queued{0};
        std::vector<sources::playlistfile::RowError> errors; // in line order
    };

    class PlaylistImportService
    {
    public:
        /// `downloads` may be null (the CLI without a queue); then auto_download queues nothing.
        PlaylistImportService(db::Database& db, std::shared_ptr<DownloadService> downloads);

        /// Whole-file problems (empty, CSV without title/artist columns) are InvalidArgument; row problems are
        /// in the result. `name` defaults to the file name without its extension.
        core::Result<FileImportResult> importFile(std::string_view content, const std::string& filename,
                                                  const std::string& name, bool autoDownload, const std::string& correlationId);

    private:
        db::Database& db_;
        PlaylistWriter writer_;
    };
} // namespace soulspot::jobs
