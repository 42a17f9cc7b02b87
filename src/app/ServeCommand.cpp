// `soulspot serve`: start everything, wait for SIGTERM/SIGINT, shut down in order, exit 0.
#include <csignal>
#include <iostream>

#include "app/Commands.hpp"
#include "app/ServiceContainer.hpp"
#include "core/Log.hpp"
#include "core/Version.hpp"
#include "http/HttpServer.hpp"
#include "http/RequestPipeline.hpp"
#include "http/auth/AuthGate.hpp"

namespace soulspot::app
{
    namespace
    {
        // libpq and others put newlines and tabs in their messages; a start-up failure is one line.
        std::string oneLine(std::string_view text)
        {
            std::string out;
            for (char c : text)
            {
                const bool space = c == '\n' || c == '\r' || c == '\t' || c == ' ';
                if (space && (out.empty() || out.back() == ' '))
                    continue;
                out.push_back(space ? ' ' : c);
            }
            while (!out.empty() && out.back() == ' ')
                out.pop_back();
            return out;
        }

        // Everything that stops `serve` before it listens is about the environment it was given (database
        // URL, folder, port): one log line, the same line on stderr, exit 2 like a bad variable, so a
        // supervisor does not restart-loop on it (RestartPreventExitStatus=2).
        int startupFailed(const core::Logger& log, const core::Error& error)
        {
            const std::string message = oneLine(error.message);
            log.error("start-up failed", {{"error", message}});
            std::cerr << "error: " << message << "\n";
            return kExitUsage;
        }
    } // namespace

    int runServe(const Config& config)
    {
        const core::Logger log("app");
        // Block the stop signals in every thread we create; the main thread waits for them with sigwait.
        sigset_t stopSignals;
        sigemptyset(&stopSignals);
        sigaddset(&stopSignals, SIGTERM);
        sigaddset(&stopSignals, SIGINT);
        pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
        std::signal(SIGPIPE, SIG_IGN);

        log.info("starting SoulSpot", {{"version", std::string(core::kVersion)},
                                       {"host", config.apiHost},
                                       {"port", std::int64_t{config.apiPort}}});
        http::ServerOptions options;
        options.host = config.apiHost;
        options.port = config.apiPort;
        options.maxBodyBytes = config.maxBodyBytes;
        options.requestTimeout = std::chrono::seconds(config.requestTimeoutSeconds);
        // The pipeline needs the services, the services need the database; the port is claimed before
        // either, so a port in use stops start-up before a database is created or migrated.
        auto pipeline = std::make_shared<std::shared_ptr<http::RequestPipeline>>();
        http::HttpServer server(options, [pipeline](http::Request& r) { return (*pipeline)->handle(r); });
        if (auto listening = server.listen(); !listening)
            return startupFailed(log, listening.error());
        auto services = ServiceContainer::create(config);
        if (!services)
            return startupFailed(log, services.error());
        auto& container = **services;
        *pipeline = std::make_shared<http::RequestPipeline>(
            container.router(), container.metrics(),
            [gate = container.authGate()](http::Request& r) { return gate->check(r); });
        auto port = server.start();
        if (!port)
            return startupFailed(log, port.error());
        container.startBackground();
        log.info("listening", {{"address", config.apiHost + ":" + std::to_string(*port)}});

        int received = 0;
        sigwait(&stopSignals, &received);
        const auto grace = std::chrono::seconds(config.shutdownTimeoutSeconds);
        log.info("shutting down", {{"signal", std::string(received == SIGTERM ? "SIGTERM" : "SIGINT")},
                                   {"in_flight", std::int64_t{server.inFlight()}}});
        server.stop(std::chrono::duration_cast<std::chrono::milliseconds>(grace));
        container.stopBackground(std::chrono::duration_cast<std::chrono::milliseconds>(grace));
        container.close();
        log.info("stopped");
        return kExitOk;
    }
} // namespace soulspot::app
