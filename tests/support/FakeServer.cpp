#include "FakeServer.hpp"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace soulspot::testing
{
    std::string fakesDir() { return SOULSPOT_FAKES_DIR; }

    std::string makeTempDir(const std::string& prefix)
    {
        std::string tmpl = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
        if (!mkdtemp(tmpl.data()))
            throw std::runtime_error("mkdtemp failed");
        return tmpl;
    }

    FakeServer::FakeServer(const std::string& script, std::vector<std::string> args)
        : script_(fakesDir() + "/" + script), args_(std::move(args))
    {
        start(0);
    }

    FakeServer::~FakeServer() { stop(); }

    void FakeServer::stop()
    {
        if (pid_ > 0)
        {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
            pid_ = -1;
        }
    }

    void FakeServer::restart()
    {
        const int port = port_;
        stop();
        // The old socket may linger briefly; the fake sets SO_REUSEADDR, but retry a few times anyway.
        for (int i = 0; i < 50; ++i)
        {
            try
            {
                start(port);
                return;
            }
            catch (const std::exception&)
            {
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        }
        throw std::runtime_error("fake " + script_ + " did not restart on port " + std::to_string(port));
    }

    void FakeServer::start(int port)
    {
        int out[2];
        if (pipe(out) != 0)
            throw std::runtime_error("pipe failed");
        std::vector<std::string> argv{"python3", "-u", script_, "--port", std::to_string(port)};
        argv.insert(argv.end(), args_.begin(), args_.end());
        std::vector<char*> cargv;
        for (auto& a : argv)
            cargv.push_back(a.data());
        cargv.push_back(nullptr);

        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        pid_t pid = 0;
        const int rc = posix_spawnp(&pid, "python3", &actions, nullptr, cargv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        close(out[1]);
        if (rc != 0)
        {
            close(out[0]);
            throw std::runtime_error("cannot start python3 " + script_);
        }
        pid_ = pid;

        FILE* f = fdopen(out[0], "r");
        char line[256] = {0};
        const bool gotLine = f && std::fgets(line, sizeof line, f) != nullptr;
        if (f)
            std::fclose(f); // later output goes to a closed pipe; fakes log to stderr
        int parsed = 0;
        if (!gotLine || std::sscanf(line, "PORT %d", &parsed) != 1)
        {
            stop();
            throw std::runtime_error("fake " + script_ + " did not report its port");
        }
        port_ = parsed;
    }
} // namespace soulspot::testing
