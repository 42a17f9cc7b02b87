#pragma once
// The HTTP/1.1 server: Boost.Beast coroutines on a small I/O thread group, handlers on a worker pool
// (they may block on the database or upstream calls). Beast stays inside HttpServer.cpp.

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "core/Error.hpp"
#include "http/HttpMessage.hpp"

namespace soulspot::http
{
    struct ServerOptions
    {
        std::string host{"0.0.0.0"};
        int port{8765};
        long maxBodyBytes{10L * 1024 * 1024};
        std::size_t maxHeaderBytes{16 * 1024};
        std::chrono::seconds requestTimeout{30}; // to receive one whole request
        std::chrono::seconds idleTimeout{60};    // between keep-alive requests
        int ioThreads{1};
        int workerThreads{4};
    };

    using Pipeline = std::function<Response(Request&)>;

    class HttpServer
    {
    public:
        HttpServer(ServerOptions options, Pipeline pipeline);
        ~HttpServer();

        /// Binds and listens without accepting yet, so a port in use is found before anything else is
        /// opened; connections wait in the backlog until start(). Returns the bound port (port 0 works).
        core::Result<int> listen();
        /// Starts serving (listening first if listen() was not called); returns the bound port.
        core::Result<int> start();
        /// Stops accepting, lets in-flight requests finish for up to `grace`, then closes everything.
        void stop(std::chrono::milliseconds grace);
        int inFlight() const;

        struct Impl; // public so the coroutines in HttpServer.cpp can name it

    private:
        std::shared_ptr<Impl> impl_;
    };
} // namespace soulspot::http
