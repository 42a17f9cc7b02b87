// `soulspot scan [PATH]` and `soulspot import-files PATH` (issue 6): the library index and the importer
// without a server. Progress goes to stderr (a bar when it is a terminal), results to stdout.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "app/Commands.hpp"
#include "core/Log.hpp"
#include "db/Database.hpp"
#include "db/migrations/Migrations.hpp"
#include "db/repositories/LibraryRepository.hpp"
#include "db/repositories/TrackRepository.hpp"
#include "jobs/LibraryFiler.hpp"
#include "jobs/LibraryScanner.hpp"
#include "library/AudioFileWalker.hpp"
#include "library/DownloadFolderPruner.hpp"
#include "library/PathSanitizer.hpp"
#include "library/TagLibTagStore.hpp"

namespace soulspot::app
{
    namespace
    {
        namespace fs = std::filesystem;
        using Clock = std::chrono::steady_clock;

        // The commands speak on stdout themselves; the service log would drown the per-file report.
        void quietLogging(const Config& config)
        {
            core::configureLogging(config.debug ? core::LogLevel::Debug : core::LogLevel::Warning, config.logFormat);
        }

        core::Result<std::unique_ptr<db::Database>> openMigrated(const Config& config)
        {
            auto url = db::parseDatabaseUrl(config.databaseUrl);
            if (!url)
                return core::fail(url.error());
            auto database = db::Database::open(*url, {2, 2});
            if (!database)
                return core::fail(database.error());
            db::Migrator migrator(**database);
            if (auto r = migrator.refuseNewerDatabase(); !r)
                return core::fail(r.error());
            if (auto r = migrator.upgrade(); !r)
                return core::fail(r.error());
            return database;
        }

        class ProgressBar
        {
        public:
            ProgressBar() : enabled_(isatty(STDERR_FILENO) == 1) {}

            void update(const jobs::ScanProgress& p)
            {
                if (!enabled_ || (Clock::now() - last_ < std::chrono::milliseconds(100) && p.phase == "reading"))
                    return;
                last_ = Clock::now();
                const auto total = std::max<std::int64_t>(1, p.toRead());
                const auto done = p.filesRead + p.errors;
                const int width = 30;
                const int filled = p.phase == "done" ? width : static_cast<int>(width * done / total);
                std::fprintf(stderr, "\r\033[K%s [%s%s] %lld/%lld read, %lld unchanged, %lld errors", p.phase.c_str(),
                             std::string(static_cast<std::size_t>(filled), '#').c_str(),
                             std::string(static_cast<std::size_t>(width - filled), '.').c_str(),
                             static_cast<long long>(done), static_cast<long long>(p.toRead()),
                             static_cast<long long>(p.filesSkipped), static_cast<long long>(p.errors));
                std::fflush(stderr);
                drawn_ = true;
            }

            void finish()
            {
                if (drawn_)
                    std::fprintf(stderr, "\r\033[K");
            }

        private:
            bool enabled_;
            bool drawn_{false};
            Clock::time_point last_{};
        };

        std::optional<db::TrackRecord> wantedTrackFor(db::Database& db, const fs::path& file)
        {
            library::TagLibTagStore tags;
            auto read = tags.read(file);
            if (!read)
                return std::nullopt;
            const auto& m = read->metadata;
            auto id = db::LibraryRepository(db).findWantedTrack(m.isrc, m.artists.empty() ? m.artistCredit : m.artists.front(),
                                                                m.title);
            if (!id || !*id)
                return std::nullopt;
            auto track = db::TrackRepository(db).find(**id);
            if (!track || !*track)
                return std::nullopt;
            return **track;
        }
    } // namespace

    int runScan(const Config& config, const std::string& pathArg)
    {
        quietLogging(config);
        const fs::path root = pathArg.empty() ? fs::path(config.musicPath) : fs::path(pathArg);
        std::error_code ec;
        if (!fs::is_directory(root, ec))
        {
            std::cerr << "error: " << root.string() << " is not a folder\n";
            return kExitUsage;
        }
        auto database = openMigrated(config);
        if (!database)
        {
            std::cerr << "error: " << database.error().message << "\n";
            return kExitFailure;
        }
        ProgressBar bar;
        const auto started = Clock::now();
        jobs::LibraryScanner scanner(**database);
        auto result = scanner.scan(root, [&](const jobs::ScanProgress& p) { bar.update(p); });
        bar.finish();
        if (!result)
        {
            std::cerr << "error: " << result.error().message << "\n";
            return result.error().code == core::ErrorCode::InvalidArgument ? kExitUsage : kExitFailure;
        }
        const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
        for (const auto& problem : result->problems)
            std::cerr << "warning: " << problem << "\n";
        std::printf("scanned %s: %lld files, %lld read, %lld unchanged, %lld removed, %lld errors in %.1f s (%.0f files/s)\n",
                    result->root.c_str(), static_cast<long long>(result->filesSeen), static_cast<long long>(result->filesRead),
                    static_cast<long long>(result->filesSkipped), static_cast<long long>(result->filesRemoved),
                    static_cast<long long>(result->errors), seconds,
                    seconds > 0 ? static_cast<double>(result->filesSeen) / seconds : 0.0);
        return kExitOk;
    }

    int runImportFiles(const Config& config, const std::string& pathArg)
    {
        quietLogging(config);
        const fs::path source = pathArg;
        const fs::path musicRoot = config.musicPath;
        std::error_code ec;
        std::vector<fs::path> files;
        if (fs::is_regular_file(source, ec) && library::isAudioExtension(source))
            files.push_back(source);
        else if (fs::is_directory(source, ec))
        {
            auto walk = library::listAudioFiles(source);
            if (!walk)
            {
                std::cerr << "error: " << walk.error().message << "\n";
                return kExitUsage;
            }
            for (const auto& f : walk->files)
                files.push_back(f.path);
        }
        else
        {
            std::cerr << "error: " << source.string() << " is neither an audio file nor a folder\n";
            return kExitUsage;
        }
        if (library::isWithin(musicRoot, source))
        {
            std::cerr << "error: " << source.string() << " is already inside the library; use 'soulspot scan'\n";
            return kExitUsage;
        }
        auto database = openMigrated(config);
        if (!database)
        {
            std::cerr << "error: " << database.error().message << "\n";
            return kExitFailure;
        }
        jobs::LibraryFiler filer(**database, std::make_shared<library::TagLibTagStore>(), musicRoot);
        int imported = 0, kept = 0, rejected = 0, failed = 0;
        for (const auto& file : files)
        {
            jobs::FilingRequest request;
            request.file = file;
            request.track = wantedTrackFor(**database, file);
            auto filed = filer.file(request);
            if (!filed)
            {
                const auto& f = filed.error();
                ++(f.rejected ? rejected : failed);
                std::cout << (f.rejected ? "rejected " : "failed   ") << file.string() << ": " << f.reasonCode << ": "
                          << f.message << "\n";
                continue;
            }
            if (filed->placed.outcome == library::ImportOutcome::KeptExisting)
            {
                ++kept;
                std::cout << "kept     " << file.string() << ": the library has it at least as good at "
                          << filed->placed.finalPath.string() << "\n";
                continue;
            }
            ++imported;
            std::cout << "imported " << file.string() << " -> " << filed->placed.finalPath.string()
                      << (request.track ? " (wanted track " + std::to_string(request.track->id) + ")" : std::string()) << "\n";
        }
        if (fs::is_directory(source, ec))
            (void)library::pruneEmptyFolders(source);
        std::cout << imported << " imported, " << kept << " kept existing, " << rejected << " rejected, " << failed
                  << " failed\n";
        return rejected + failed == 0 ? kExitOk : kExitFailure;
    }
} // namespace soulspot::app
