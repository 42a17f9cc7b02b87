// Drives N downloads (default 1,000) through the real binary and the fake slskd with instant transfers,
// and reports SoulSpot's CPU time per download against the fake slskd's (the reference, measured in the
// same run), plus SQLite busy errors (must be 0). Usage: bench-downloads [N]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

#include "FakeServer.hpp"
#include "ServerProcess.hpp"
#include "library/AudioFixtures.hpp"
#include "matching/QueryBuilder.hpp"

using nlohmann::json;
using namespace soulspot;

namespace
{
    double cpuSecondsOf(int pid)
    {
        std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
        std::string content((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
        const auto close = content.rfind(')');
        if (close == std::string::npos)
            return 0;
        std::istringstream rest(content.substr(close + 2));
        std::string field;
        long utime = 0, stime = 0;
        for (int i = 3; i <= 15 && rest >> field; ++i)
        {
            if (i == 14)
                utime = std::stol(field);
            if (i == 15)
                stime = std::stol(field);
        }
        return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
    }

    std::string title(int i)
    {
        char buf[64];
        std::snprintf(buf, sizeof buf, "Bench Song %04d", i);
        return buf;
    }
} // namespace

int main(int argc, char** argv)
{
    const int n = argc > 1 ? std::atoi(argv[1]) : 1000;
    testing::TempDir dir;
    testing::ToneSpec tone;
    tone.seconds = 2.0;
    const auto audio = testing::makeMp3(dir.path(), "bench.mp3", tone, 320);
    const auto size = static_cast<std::int64_t>(std::filesystem::file_size(audio));

    json searches = json::object();
    for (int i = 1; i <= n; ++i)
    {
        matching::WantedTrack w;
        w.title = title(i);
        w.artists = {"Bench Artist"};
        w.album = "Bench Album";
        w.durationMs = 2000;
        const auto query = matching::buildSearchQueries(w).front();
        json file = {{"filename", "@@peer\\Music\\Bench Artist\\Bench Album\\" + title(i) + ".mp3"},
                     {"size", size}, {"bitRate", 320}, {"length", 2}};
        searches[query] = {{"duration_ms", 0},
                           {"responses", json::array({{{"username", "peer"}, {"hasFreeUploadSlot", true}, {"uploadSpeed", 5000000},
                                                       {"queueLength", 0}, {"files", json::array({file})}}})}};
    }
    json scenario = {{"searches", searches},
                     {"default_transfer", {{"outcome", "Succeeded"}, {"queue_ms", 0}, {"init_ms", 0}, {"duration_ms", 0},
                                           {"source_file", audio.string()}}},
                     {"responses_delay_ms", 0}};
    std::ofstream(dir.path() / "scenario.json") << scenario.dump();
    const auto downloads = dir.path() / "downloads";
    std::filesystem::create_directories(downloads);
    testing::FakeServer slskd("fake_slskd.py", {"--scenario", (dir.path() / "scenario.json").string(), "--downloads",
                                                downloads.string(), "--api-key", "bench-api-key-0123456789"});
    testing::ServerProcess server({{"SLSKD_URL", slskd.baseUrl()},
                                   {"SLSKD_API_KEY", "bench-api-key-0123456789"},
                                   {"SLSKD_DOWNLOAD_PATH", downloads.string()},
                                   {"DOWNLOAD_MONITOR_INTERVAL_MS", "50"},
                                   {"DOWNLOAD_MAX_CONCURRENT", "10"},
                                   {"SEARCH_MIN_GAP_MS", "0"},
                                   {"SEARCH_MAX_PER_WINDOW", "1000"},
                                   {"SEARCH_BAN_EMPTY_STREAK", "0"},
                                   {"LOG_LEVEL", "WARNING"}},
                                  (dir.path() / "server").string());

    const double ourStart = cpuSecondsOf(server.pid());
    const double fakeStart = cpuSecondsOf(slskd.pid());
    const auto wallStart = std::chrono::steady_clock::now();
    for (int i = 1; i <= n; ++i)
    {
        json body = {{"track", {{"artist", "Bench Artist"}, {"title", title(i)}, {"album", "Bench Album"}, {"duration_ms", 2000}}}};
        auto r = server.request("POST", "/api/v1/downloads", body.dump());
        if (!r || r->status != 201)
        {
            std::cerr << "create failed: " << (r ? r->body : r.error().message) << "\n";
            return 1;
        }
    }
    int done = 0;
    for (;;)
    {
        auto left = server.request("GET", "/api/v1/downloads?status=QUEUED,SEARCHING,DOWNLOADING,VERIFYING&limit=1");
        if (left && left->header("X-Total-Count").value_or("1") == "0")
            break;
        if (std::chrono::steady_clock::now() - wallStart > std::chrono::minutes(15))
        {
            std::cerr << "timed out\n";
            return 1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    const double ours = cpuSecondsOf(server.pid()) - ourStart;
    const double fake = cpuSecondsOf(slskd.pid()) - fakeStart;
    auto finished = server.request("GET", "/api/v1/downloads?status=COMPLETED,IMPORTED&limit=1");
    done = std::stoi(finished->header("X-Total-Count").value_or("0"));
    auto metrics = server.request("GET", "/metrics");
    std::string busy = "?";
    if (metrics)
    {
        const auto pos = metrics->body.find("\nsoulspot_db_busy_errors_total ");
        if (pos != std::string::npos)
            busy = metrics->body.substr(pos + 31, metrics->body.find('\n', pos + 1) - pos - 31);
    }
    std::printf("bench-downloads: %d downloads, %d finished (COMPLETED/IMPORTED) in %.1f s wall (%.1f downloads/s)\n", n, done,
                wall, done / wall);
    std::printf("  soulspot CPU      %8.2f ms per download (%.2f s total)\n", ours * 1000 / n, ours);
    std::printf("  fake slskd CPU    %8.2f ms per download (%.2f s total; reference, Python)\n", fake * 1000 / n, fake);
    std::printf("  ratio soulspot / fake slskd CPU: %.2f\n", fake > 0 ? ours / fake : 0.0);
    std::printf("  SQLite busy errors: %s (must be 0)\n", busy.c_str());
    server.terminate();
    return done == n && busy == "0" ? 0 : 1;
}
