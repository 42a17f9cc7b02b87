// bench-library-scan: how fast `soulspot scan` indexes a cold index of N generated files (default 2,000,
// half FLAC, half MP3, each with its own tags), next to two references timed in the same run on the same
// files: a bare single-threaded TagLib read loop (the floor for reading tags at all), and beets
// (`beet import -A -q`: no autotag, no copy, no write; Debian's package). All three read from a warm page
// cache: the files were just written.
//
// Usage: bench-library-scan [--files N] [--threads T] [--keep]   (T = scanner threads, default: all cores;
// --keep leaves the generated files for a look)

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>
#include <string>
#include <vector>

#include <taglib/fileref.h>
#include <taglib/tag.h>

#include "core/Log.hpp"
#include "db/Database.hpp"
#include "db/migrations/Migrations.hpp"
#include "jobs/LibraryScanner.hpp"
#include "library/AudioFileWalker.hpp"
#include "library/TagLibTagStore.hpp"

namespace
{
    namespace fs = std::filesystem;
    using Clock = std::chrono::steady_clock;
    using namespace soulspot;

    double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

    bool run(const std::string& command) { return std::system(command.c_str()) == 0; }

    std::string quote(const fs::path& p)
    {
        std::string out = "'";
        for (char c : p.string())
            out += c == '\'' ? std::string("'\\''") : std::string(1, c);
        return out + "'";
    }

    // A few seeds made by sox/flac/lame, copied and re-tagged: 2,000 encodes would take minutes.
    std::vector<fs::path> generate(const fs::path& root, int count)
    {
        const auto seeds = root / ".seeds";
        fs::create_directories(seeds);
        std::vector<fs::path> seedFiles;
        for (int i = 0; i < 2; ++i)
        {
            const auto wav = seeds / ("s" + std::to_string(i) + ".wav");
            const std::string freq = std::to_string(330 + 110 * i);
            if (!run("sox -R -n -r 44100 -c 2 -b 16 " + quote(wav) + " synth 3 sine " + freq + " vol 0.5") ||
                !run("flac --silent --force -o " + quote(seeds / ("s" + std::to_string(i) + ".flac")) + " " + quote(wav)) ||
                !run("lame --quiet --cbr -b 128 " + quote(wav) + " " + quote(seeds / ("s" + std::to_string(i) + ".mp3"))))
            {
                std::fprintf(stderr, "cannot generate audio: sox, flac and lame are needed (scripts/install-deps.sh)\n");
                std::exit(1);
            }
            seedFiles.push_back(seeds / ("s" + std::to_string(i) + ".flac"));
            seedFiles.push_back(seeds / ("s" + std::to_string(i) + ".mp3"));
        }
        library::TagLibTagStore tags;
        std::vector<fs::path> files;
        for (int i = 0; i < count; ++i)
        {
            const auto& seed = seedFiles[static_cast<std::size_t>(i) % seedFiles.size()];
            const int artist = i / 100, album = (i / 10) % 10, track = i % 10 + 1;
            const auto dir = root / ("Artist " + std::to_string(artist)) / ("Album " + std::to_string(album));
            fs::create_directories(dir);
            const auto file = dir / (std::to_string(track) + " - Song " + std::to_string(i) + seed.extension().string());
            fs::copy_file(seed, file, fs::copy_options::overwrite_existing);
            library::TrackMetadata m;
            m.title = "Song " + std::to_string(i);
            m.artists = {"Artist " + std::to_string(artist)};
            m.album = "Album " + std::to_string(album);
            m.trackNumber = track;
            m.date = std::to_string(1970 + artist % 50);
            if (!tags.write(file, m, {}))
                std::fprintf(stderr, "warning: could not tag %s\n", file.c_str());
            files.push_back(file);
        }
        fs::remove_all(seeds);
        return files;
    }

    double bareTagLibLoop(const std::vector<fs::path>& files)
    {
        const auto start = Clock::now();
        std::size_t checksum = 0;
        for (const auto& f : files)
        {
            TagLib::FileRef ref(f.c_str(), true, TagLib::AudioProperties::Average);
            if (ref.isNull() || !ref.tag() || !ref.audioProperties())
                continue;
            checksum += ref.tag()->title().size() + ref.tag()->artist().size() + ref.tag()->album().size() +
                        static_cast<std::size_t>(ref.audioProperties()->lengthInMilliseconds());
        }
        const double s = secondsSince(start);
        if (checksum == 0)
            std::fprintf(stderr, "warning: the bare loop read nothing\n");
        return s;
    }

    double scan(const fs::path& root, const fs::path& dbFile, int threads, jobs::ScanProgress& result)
    {
        fs::remove(dbFile);
        auto database = db::Database::open(*db::parseDatabaseUrl("sqlite:///" + dbFile.string()));
        if (!database || !db::Migrator(**database).upgrade())
        {
            std::fprintf(stderr, "cannot create the index database\n");
            std::exit(1);
        }
        jobs::LibraryScanner scanner(**database, {threads, 256});
        const auto start = Clock::now();
        auto r = scanner.scan(root);
        const double s = secondsSince(start);
        if (!r)
        {
            std::fprintf(stderr, "scan failed: %s\n", r.error().message.c_str());
            std::exit(1);
        }
        result = *r;
        return s;
    }

    double beets(const fs::path& root, const fs::path& work)
    {
        fs::create_directories(work / "beetsdir");
        std::ofstream(work / "beets.yaml") << "directory: " << (work / "beets-library").string() << "\n"
                                           << "library: " << (work / "beets.db").string() << "\n"
                                           << "plugins: []\n"
                                           << "import:\n  autotag: no\n  copy: no\n  move: no\n  write: no\n"
                                           << "  quiet: yes\n  resume: no\n  incremental: no\n  log:\n";
        const std::string command = "BEETSDIR=" + quote(work / "beetsdir") + " beet -c " + quote(work / "beets.yaml") +
                                    " import -A -q " + quote(root) + " > " + quote(work / "beets.log") + " 2>&1";
        const auto start = Clock::now();
        const bool ok = run(command);
        const double s = secondsSince(start);
        if (!ok)
        {
            std::fprintf(stderr, "beets failed; see %s\n", (work / "beets.log").c_str());
            return -1;
        }
        return s;
    }
} // namespace

int main(int argc, char** argv)
{
    int count = 2000, threads = 0;
    bool keep = false;
    for (int i = 1; i < argc; ++i)
        keep = keep || std::string(argv[i]) == "--keep";
    for (int i = 1; i + 1 < argc; i += 2)
    {
        const std::string flag = argv[i];
        if (flag == "--files")
            count = std::max(1, std::atoi(argv[i + 1]));
        else if (flag == "--threads")
            threads = std::atoi(argv[i + 1]);
    }
    std::string pattern = (fs::temp_directory_path() / "soulspot-bench-library-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
        return 1;
    const fs::path work = pattern, root = work / "music";
    soulspot::core::configureLogging(soulspot::core::LogLevel::Warning, soulspot::core::LogFormat::Text);

    const auto genStart = Clock::now();
    const auto files = generate(root, count);
    std::printf("generated %d files (FLAC and 128 kbps MP3, 3 s each, tagged) in %.1f s under %s\n", count,
                secondsSince(genStart), root.c_str());

    const double bare = bareTagLibLoop(files);
    soulspot::jobs::ScanProgress cold, single, warm;
    const double ours = scan(root, work / "index.db", threads, cold);
    const double oursSingle = scan(root, work / "index-1.db", 1, single);
    // A rescan of an unchanged library: stat only, nothing read.
    auto database = soulspot::db::Database::open(*soulspot::db::parseDatabaseUrl("sqlite:///" + (work / "index.db").string()));
    const auto rescanStart = Clock::now();
    auto rescanned = soulspot::jobs::LibraryScanner(**database).scan(root);
    const double rescan = secondsSince(rescanStart);

    auto rate = [&](double s) { return s > 0 ? count / s : 0.0; };
    const unsigned cores = std::thread::hardware_concurrency();
    std::printf("\n%-52s %10s %12s\n", "", "seconds", "files/s");
    std::printf("%-52s %10.2f %12.0f\n", "bare TagLib read loop (1 thread, no index)", bare, rate(bare));
    std::printf("%-52s %10.2f %12.0f   (%lld read, %lld errors)\n",
                ("soulspot scan, cold index (" + std::to_string(threads > 0 ? threads : static_cast<int>(cores)) + " threads)").c_str(),
                ours, rate(ours), static_cast<long long>(cold.filesRead), static_cast<long long>(cold.errors));
    std::printf("%-52s %10.2f %12.0f\n", "soulspot scan, cold index (1 thread)", oursSingle, rate(oursSingle));
    if (rescanned)
        std::printf("%-52s %10.2f %12.0f   (%lld unchanged)\n", "soulspot rescan, nothing changed", rescan, rate(rescan),
                    static_cast<long long>(rescanned->filesSkipped));

    const bool haveBeets = std::system("command -v beet > /dev/null 2>&1") == 0;
    double beet = -1;
    if (haveBeets)
    {
        beet = beets(root, work);
        if (beet > 0)
            std::printf("%-52s %10.2f %12.0f\n", "beets: beet import -A -q (no autotag, no copy)", beet, rate(beet));
    }
    else
        std::printf("beets is not installed (apt-get install beets, or scripts/install-deps.sh): no beets ratio\n");

    std::printf("\nratios (higher is better for soulspot)\n");
    std::printf("  soulspot scan / bare TagLib loop = %.2fx   (target >= 0.4x)%s\n", bare / ours,
                bare / ours >= 0.4 ? "" : "   BELOW TARGET");
    std::printf("  soulspot scan (1 thread) / bare TagLib loop = %.2fx\n", bare / oursSingle);
    if (beet > 0)
        std::printf("  soulspot scan / beets = %.1fx   (target >= 40x)%s\n", beet / ours, beet / ours >= 40 ? "" : "   BELOW TARGET");
    std::error_code ec;
    if (keep)
        std::printf("files kept under %s\n", root.c_str());
    else
        fs::remove_all(work, ec);
    return 0;
}
