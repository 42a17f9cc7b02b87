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
        auto services = ServiceContainer::create(config);
        if (!services)
        {
            log.error("start-up failed", {{"error", services.error().message}});
            std::cerr << "error: " << services.error().message << "\n";
            return services.error().code == core::ErrorCode::InvalidArgument ||
                           services.error().code == core::ErrorCode::Conflict
                       ? kExitUsage
                       : kExitFailure;
        }
        auto& container = **services;
        auto pipeline = std::make_shared<http::RequestPipeline>(
            container.router(), container.metrics(),
            [gate = container.authGate()](http::Request& r) { return gate->check(r); });
        http::ServerOptions options;
        options.host = config.apiHost;
        options.port = config.apiPort;
        options.maxBodyBytes = config.maxBodyBytes;
        options.requestTimeout = std::chrono::seconds(config.requestTimeoutSeconds);
        http::HttpServer server(options, [pipeline](http::Request& r) { return pipeline->handle(r); });
        auto port = server.start();
        if (!port)
        {
            log.error("cannot start HTTP server", {{"error", port.error().message}});
            std::cerr << "error: " << port.error().message << "\n";
            return kExitFailure;
        }
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
