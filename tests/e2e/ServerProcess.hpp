#pragma once
// Runs the real `build/soulspot` binary as a child process in its own temporary working folder, the way
// a user runs it: configuration through environment and .env, JSON log on stdout (captured to a file).

#include <map>
#include <string>
#include <vector>

#include "net/HttpClient.hpp"

namespace soulspot::testing
{
    struct CliResult
    {
        int exitCode;
        std::string out;
        std::string err;
    };

    class ServerProcess
    {
    public:
        /// Starts `soulspot serve` on a free port and waits for /health. `env` adds or overrides variables.
        explicit ServerProcess(std::map<std::string, std::string> env = {}, std::string workDir = {});
        ~ServerProcess();

        std::string baseUrl() const { return "http://127.0.0.1:" + std::to_string(port_); }
        const std::string& workDir() const { return workDir_; }
        int pid() const { return pid_; }

        core::Result<net::HttpResponse> request(const std::string& method, const std::string& path,
                                                const std::string& body = {}, net::HeaderList headers = {});
        /// SIGTERM, then waits; returns the exit status (or -signal).
        int terminate();
        /// SIGKILL, as a crash.
        void kill9();
        /// Starts again after terminate()/kill9(), same folder, port and environment.
        void restart();
        /// Lines the server wrote to stdout so far.
        std::vector<std::string> logLines() const;
        /// Runs `soulspot <args>` in the same folder and environment.
        CliResult runCli(const std::vector<std::string>& args) const;

    private:
        void spawn();
        bool waitHealthy(int timeoutMs);

        std::map<std::string, std::string> env_;
        std::string workDir_;
        int port_{0};
        int pid_{-1};
        std::shared_ptr<net::IHttpClient> http_;
    };

    /// Runs the binary with `args` in `workDir` with extra environment; no server needed.
    CliResult runSoulspot(const std::vector<std::string>& args, const std::string& workDir,
                          const std::map<std::string, std::string>& env);
    int freePort();
    std::string soulspotBinary();
} // namespace soulspot::testing
