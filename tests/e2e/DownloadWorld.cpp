#include "DownloadWorld.hpp"

#include <fstream>
#include <thread>

namespace soulspot::testing
{
    using nlohmann::json;

    DownloadWorld::DownloadWorld() : http_(net::createCurlHttpClient())
    {
        const auto src = dir_.path() / "source-audio";
        std::filesystem::create_directories(src);
        ToneSpec tone;
        tone.seconds = 10.0;
        flac_ = makeFlac(src, "song.flac", tone);
        mp3_ = makeMp3(src, "song.mp3", tone, 320);
        std::filesystem::create_directories(downloadsDir());
    }

    json DownloadWorld::fileEntry(const SharedFile& f) const
    {
        return {{"filename", f.remotePath},
                {"size", static_cast<std::int64_t>(std::filesystem::file_size(f.source))},
                {"bitRate", f.bitRate},
                {"length", f.lengthSeconds},
                {"extension", ""}};
    }

    json DownloadWorld::response(const SharedFile& f, bool freeSlot, long queue)
    {
        json file = {{"filename", f.remotePath},
                     {"size", static_cast<std::int64_t>(std::filesystem::file_size(f.source))},
                     {"bitRate", f.bitRate},
                     {"length", f.lengthSeconds}};
        return {{"username", f.username},
                {"hasFreeUploadSlot", freeSlot},
                {"uploadSpeed", 1000000},
                {"queueLength", queue},
                {"fileCount", 1},
                {"files", json::array({file})},
                {"lockedFileCount", 0},
                {"lockedFiles", json::array()}};
    }

    void DownloadWorld::startSlskd(const json& scenario, std::vector<std::string> extraArgs)
    {
        const auto file = dir_.path() / "scenario.json";
        std::ofstream(file) << scenario.dump(2);
        std::vector<std::string> args{"--scenario", file.string(), "--downloads", downloadsDir()};
        if (std::find(extraArgs.begin(), extraArgs.end(), "--username") == extraArgs.end())
            args.insert(args.end(), {"--api-key", "test-api-key-0123456789"});
        args.insert(args.end(), extraArgs.begin(), extraArgs.end());
        slskd_ = std::make_unique<FakeServer>("fake_slskd.py", args);
    }

    json DownloadWorld::control(const std::string& method, const std::string& path, const json& body)
    {
        net::HttpRequest req;
        req.method = method;
        req.url = slskd_->baseUrl() + "/_control/" + path;
        if (!body.is_null())
        {
            req.body = body.dump();
            req.headers.emplace_back("Content-Type", "application/json");
        }
        auto r = http_->send(req);
        if (!r || r->body.empty())
            return nullptr;
        return json::parse(r->body, nullptr, false);
    }

    ServerProcess& DownloadWorld::startServer(std::map<std::string, std::string> env)
    {
        server_ = std::make_unique<ServerProcess>(serverEnv(std::move(env)), (dir_.path() / "server").string());
        return *server_;
    }

    std::map<std::string, std::string> DownloadWorld::serverEnv(std::map<std::string, std::string> env) const
    {
        std::map<std::string, std::string> base{{"SLSKD_URL", slskd_->baseUrl()},
                                                {"SLSKD_API_KEY", "test-api-key-0123456789"},
                                                {"SLSKD_DOWNLOAD_PATH", downloadsDir()},
                                                {"DOWNLOAD_MONITOR_INTERVAL_MS", "100"},
                                                {"SEARCH_MIN_GAP_MS", "0"},
                                                {"DOWNLOAD_RETRY_BACKOFF", "1"},
                                                // Never ask the real MusicBrainz from a test; LibraryImportTest points it at the fake.
                                                {"MUSICBRAINZ_ENABLED", "false"},
                                                {"LOG_LEVEL", "INFO"}};
        for (auto& [k, v] : env)
            base[k] = v;
        return base;
    }

    std::int64_t DownloadWorld::requestDownload(const std::string& artist, const std::string& title, int durationMs)
    {
        json body = {{"track", {{"artist", artist}, {"title", title}, {"album", "Discovery"}, {"duration_ms", durationMs}}}};
        auto r = server_->request("POST", "/api/v1/downloads", body.dump());
        if (!r || (r->status != 201 && r->status != 200))
            throw std::runtime_error("POST /api/v1/downloads failed: " + (r ? r->body : r.error().message));
        return json::parse(r->body)["id"].get<std::int64_t>();
    }

    json DownloadWorld::download(std::int64_t id)
    {
        auto r = server_->request("GET", "/api/v1/downloads/" + std::to_string(id));
        if (!r || r->status != 200)
            return nullptr;
        return json::parse(r->body);
    }

    json DownloadWorld::waitForStatus(std::int64_t id, const std::vector<std::string>& statuses, int timeoutMs)
    {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
        json last;
        while (std::chrono::steady_clock::now() < deadline)
        {
            last = download(id);
            if (!last.is_null() && std::find(statuses.begin(), statuses.end(), last["status"].get<std::string>()) != statuses.end())
                return last;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return last;
    }
} // namespace soulspot::testing
