#include "ServerProcess.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "FakeServer.hpp"

extern char** environ;

namespace soulspot::testing
{
    namespace
    {
        std::vector<std::string> buildEnv(const std::map<std::string, std::string>& extra)
        {
            std::map<std::string, std::string> merged;
            for (char** e = environ; *e; ++e)
            {
                std::string kv(*e);
                const auto eq = kv.find('=');
                if (eq != std::string::npos)
                    merged[kv.substr(0, eq)] = kv.substr(eq + 1);
            }
            for (const auto& [k, v] : extra)
                merged[k] = v;
            std::vector<std::string> out;
            for (const auto& [k, v] : merged)
                out.push_back(k + "=" + v);
            return out;
        }

        int spawnIn(const std::vector<std::string>& args, const std::string& dir, const std::map<std::string, std::string>& env,
                    const std::string& outFile, const std::string& errFile)
        {
            std::vector<std::string> argv{soulspotBinary()};
            argv.insert(argv.end(), args.begin(), args.end());
            std::vector<char*> cargv;
            for (auto& a : argv)
                cargv.push_back(a.data());
            cargv.push_back(nullptr);
            auto envStrings = buildEnv(env);
            std::vector<char*> cenv;
            for (auto& e : envStrings)
                cenv.push_back(e.data());
            cenv.push_back(nullptr);

            posix_spawn_file_actions_t actions;
            posix_spawn_file_actions_init(&actions);
            posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
            posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, outFile.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
            posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
            pid_t pid = 0;
            const int rc = posix_spawn(&pid, argv[0].c_str(), &actions, nullptr, cargv.data(), cenv.data());
            posix_spawn_file_actions_destroy(&actions);
            if (rc != 0)
                throw std::runtime_error("cannot start " + argv[0]);
            return pid;
        }

        int waitExit(int pid)
        {
            int status = 0;
            waitpid(pid, &status, 0);
            return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
        }

        std::string readFile(const std::string& path)
        {
            std::ifstream f(path);
            std::stringstream ss;
            ss << f.rdbuf();
            return ss.str();
        }
    } // namespace

    std::string soulspotBinary() { return SOULSPOT_BINARY; }

    int freePort()
    {
        const int fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        socklen_t len = sizeof addr;
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
        const int port = ntohs(addr.sin_port);
        close(fd);
        return port;
    }

    CliResult runSoulspot(const std::vector<std::string>& args, const std::string& workDir,
                          const std::map<std::string, std::string>& env)
    {
        const std::string out = workDir + "/.cli.out", err = workDir + "/.cli.err";
        std::remove(out.c_str());
        const int pid = spawnIn(args, workDir, env, out, err);
        const int code = waitExit(pid);
        return {code, readFile(out), readFile(err)};
    }

    ServerProcess::ServerProcess(std::map<std::string, std::string> env, std::string workDir)
        : env_(std::move(env)), workDir_(workDir.empty() ? makeTempDir("soulspot-e2e") : std::move(workDir)),
          port_(freePort()), http_(net::createCurlHttpClient())
    {
        std::filesystem::create_directories(workDir_);
        env_.emplace("API_HOST", "127.0.0.1");
        env_["API_PORT"] = std::to_string(port_);
        env_.emplace("LOG_LEVEL", "DEBUG");
        env_.emplace("STORAGE_DOWNLOAD_PATH", workDir_ + "/mnt/downloads");
        env_.emplace("STORAGE_MUSIC_PATH", workDir_ + "/mnt/music");
        spawn();
    }

    ServerProcess::~ServerProcess()
    {
        if (pid_ > 0)
            kill9();
    }

    void ServerProcess::spawn()
    {
        pid_ = spawnIn({"serve"}, workDir_, env_, workDir_ + "/server.log", workDir_ + "/server.err");
        if (!waitHealthy(15000))
        {
            kill9();
            throw std::runtime_error("server did not become healthy; stderr: " + readFile(workDir_ + "/server.err"));
        }
    }

    bool ServerProcess::waitHealthy(int timeoutMs)
    {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
        while (std::chrono::steady_clock::now() < deadline)
        {
            int status = 0;
            if (waitpid(pid_, &status, WNOHANG) == pid_)
            {
                pid_ = -1;
                return false;
            }
            auto r = request("GET", "/health");
            if (r && r->status == 200)
                return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return false;
    }

    core::Result<net::HttpResponse> ServerProcess::request(const std::string& method, const std::string& path,
                                                           const std::string& body, net::HeaderList headers)
    {
        net::HttpRequest req;
        req.method = method;
        req.url = baseUrl() + path;
        req.body = body;
        req.headers = std::move(headers);
        req.timeout = std::chrono::milliseconds(20000);
        if (!body.empty())
            req.headers.emplace_back("Content-Type", "application/json");
        return http_->send(req);
    }

    int ServerProcess::terminate()
    {
        if (pid_ <= 0)
            return -1;
        kill(pid_, SIGTERM);
        const int code = waitExit(pid_);
        pid_ = -1;
        return code;
    }

    void ServerProcess::kill9()
    {
        if (pid_ <= 0)
            return;
        kill(pid_, SIGKILL);
        waitExit(pid_);
        pid_ = -1;
    }

    void ServerProcess::restart() { spawn(); }

    std::vector<std::string> ServerProcess::logLines() const
    {
        std::vector<std::string> lines;
        std::istringstream in(readFile(workDir_ + "/server.log"));
        for (std::string line; std::getline(in, line);)
            lines.push_back(line);
        return lines;
    }

    CliResult ServerProcess::runCli(const std::vector<std::string>& args) const { return runSoulspot(args, workDir_, env_); }
} // namespace soulspot::testing
