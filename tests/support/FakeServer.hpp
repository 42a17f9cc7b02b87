#pragma once
// Starts one of the Python fakes in tests/fakes/ as a child process on a free 127.0.0.1 port and stops it
// on destruction. Protocol: the script takes `--port 0` and prints "PORT <n>" on stdout once listening.

#include <string>
#include <vector>

namespace soulspot::testing
{
    class FakeServer
    {
    public:
        /// `script` is a file name inside tests/fakes/; `args` are appended after `--port 0`.
        FakeServer(const std::string& script, std::vector<std::string> args = {});
        ~FakeServer();
        FakeServer(const FakeServer&) = delete;
        FakeServer& operator=(const FakeServer&) = delete;

        int port() const { return port_; }
        int pid() const { return pid_; }
        std::string baseUrl() const { return "http://127.0.0.1:" + std::to_string(port_); }
        /// Kills the fake (SIGKILL) and starts it again on the same port with the same arguments.
        void restart();
        /// Stops the fake; baseUrl() then refuses connections.
        void stop();

    private:
        void start(int port);

        std::string script_;
        std::vector<std::string> args_;
        int pid_{-1};
        int port_{0};
    };

    /// Absolute path of tests/fakes/ (compiled in).
    std::string fakesDir();
    /// A fresh empty temporary directory, removed by the caller if wanted.
    std::string makeTempDir(const std::string& prefix);
} // namespace soulspot::testing
