// `soulspot import FILE [--auto-download] [--name NAME]`: a wanted list from a file, without the server.
// Exit codes: 0 when the file was read (bad rows are listed, good rows imported), 2 when it is unreadable,
// empty or of no known format, 1 when the database fails.
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/Commands.hpp"
#include "core/Uuid.hpp"
#include "db/Database.hpp"
#include "db/migrations/Migrations.hpp"
#include "jobs/DownloadService.hpp"
#include "jobs/PlaylistImportService.hpp"

namespace soulspot::app
{
    int runImport(const Config& config, const std::string& file, bool autoDownload, const std::string& name)
    {
        std::ifstream in(file, std::ios::binary);
        if (!in)
        {
            std::cerr << "error: cannot read " << file << "\n";
            return kExitUsage;
        }
        std::stringstream buffer;
        buffer << in.rdbuf();
        const std::string content = buffer.str();

        auto url = db::parseDatabaseUrl(config.databaseUrl);
        if (!url)
        {
            std::cerr << "error: " << url.error().message << "\n";
            return kExitUsage;
        }
        auto database = db::Database::open(*url, {1, 1});
        if (!database)
        {
            std::cerr << "error: " << database.error().message << "\n";
            return kExitFailure;
        }
        db::Migrator migrator(**database);
        if (auto r = migrator.refuseNewerDatabase(); !r)
        {
            std::cerr << "error: " << r.error().message << "\n";
            return kExitFailure;
        }
        if (auto r = migrator.upgrade(); !r)
        {
            std::cerr << "error: " << r.error().message << "\n";
            return kExitFailure;
        }

        // Without workers the queue still accepts work: a running (or next) `soulspot serve` picks it up.
        auto downloads = std::make_shared<jobs::DownloadService>(**database, nullptr, nullptr);
        jobs::PlaylistImportService importer(**database, downloads);
        auto result = importer.importFile(content, file, name, autoDownload, "cli-import-" + core::newUuid().substr(0, 8));
        if (!result)
        {
            std::cerr << "error: " << file << ": " << result.error().message << "\n";
            return result.error().code == core::ErrorCode::InvalidArgument || result.error().code == core::ErrorCode::ParseError
                       ? kExitUsage
                       : kExitFailure;
        }
        std::cout << "format: " << result->format << "\n";
        if (result->playlistId)
            std::cout << "playlist: " << *result->playlistId << "\n";
        std::cout << "imported: " << result->imported << "\n";
        std::cout << "failed: " << result->errors.size() << "\n";
        if (autoDownload)
            std::cout << "queued: " << result->queued << "\n";
        for (const auto& e : result->errors)
            std::cout << "line " << e.lineNumber << ": " << e.message << "\n";
        (*database)->close();
        return kExitOk;
    }
} // namespace soulspot::app
