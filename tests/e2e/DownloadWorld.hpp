#pragma once
// A small world for end-to-end download tests: real audio files, the fake slskd serving them from a
// scenario, and the real SoulSpot binary pointed at it.

#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "FakeServer.hpp"
#include "ServerProcess.hpp"
#include "library/AudioFixtures.hpp"

namespace soulspot::testing
{
    /// One file a peer shares, backed by a real audio file.
    struct SharedFile
    {
        std::string username;
        std::string remotePath; // backslashes, as Soulseek paths are
        std::filesystem::path source;
        int lengthSeconds;
        int bitRate;
    };

    class DownloadWorld
    {
    public:
        DownloadWorld();

        /// A 10-second FLAC and a 10-second 320 kbps MP3 of the same noise.
        const std::filesystem::path& flac() const { return flac_; }
        const std::filesystem::path& mp3() const { return mp3_; }
        std::string downloadsDir() const { return (dir_.path() / "slskd-downloads").string(); }
        std::string dir() const { return dir_.path().string(); }

        /// A Response object as slskd sends it for one file.
        static nlohmann::json response(const SharedFile& f, bool freeSlot = true, long queue = 0);
        nlohmann::json fileEntry(const SharedFile& f) const;

        /// Writes the scenario and starts the fake slskd with it.
        void startSlskd(const nlohmann::json& scenario, std::vector<std::string> extraArgs = {});
        FakeServer& slskd() { return *slskd_; }
        /// GET/PUT/POST on the fake's /_control API.
        nlohmann::json control(const std::string& method, const std::string& path, const nlohmann::json& body = nullptr);

        /// Starts SoulSpot against the fake with fast polling; `env` overrides.
        ServerProcess& startServer(std::map<std::string, std::string> env = {});
        /// The environment startServer uses, with `env` applied (for a second instance).
        std::map<std::string, std::string> serverEnv(std::map<std::string, std::string> env = {}) const;
        ServerProcess& server() { return *server_; }

        /// POST /api/v1/downloads for a track; returns the download id.
        std::int64_t requestDownload(const std::string& artist, const std::string& title, int durationMs = 10000);
        nlohmann::json download(std::int64_t id);
        /// Polls until the status is one of `statuses` or the timeout passes; returns the last object.
        nlohmann::json waitForStatus(std::int64_t id, const std::vector<std::string>& statuses, int timeoutMs = 30000);

    private:
        TempDir dir_;
        std::filesystem::path flac_, mp3_;
        std::unique_ptr<FakeServer> slskd_;
        std::unique_ptr<ServerProcess> server_;
        std::shared_ptr<net::IHttpClient> http_;
    };

    /// Done means the file arrived: COMPLETED, or IMPORTED once the library import step runs.
    inline const std::vector<std::string> kDone{"COMPLETED", "IMPORTED"};
} // namespace soulspot::testing
