#include "http/HttpServer.hpp"

#include <array>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast.hpp>

#include "core/Log.hpp"
#include "http/TransferCoding.hpp"

namespace soulspot::http
{
    namespace net = boost::asio;
    namespace beast = boost::beast;
    namespace bhttp = boost::beast::http;
    using tcp = net::ip::tcp;

    struct HttpServer::Impl
    {
        ServerOptions options;
        Pipeline pipeline;
        net::io_context io;
        net::thread_pool workers;
        std::unique_ptr<tcp::acceptor> acceptor;
        std::vector<std::thread> ioThreads;
        std::atomic<int> inFlight{0};
        std::atomic<bool> stopping{false};
        std::mutex socketsMutex;
        std::set<tcp::socket*> sockets; // open connections, closed on stop once idle
        net::executor_work_guard<net::io_context::executor_type> work{io.get_executor()};

        Impl(ServerOptions o, Pipeline p)
            : options(std::move(o)), pipeline(std::move(p)), workers(static_cast<std::size_t>(std::max(1, options.workerThreads)))
        {
        }
    };

    namespace
    {
        using ImplPtr = std::shared_ptr<HttpServer::Impl>;

        // Takes the body out of `msg` (headers stay): a large body is not held twice while a handler runs.
        Request toRequest(bhttp::request<bhttp::string_body>& msg, const std::string& remote)
        {
            Request r;
            r.method = std::string(msg.method_string());
            r.target = std::string(msg.target());
            const auto q = r.target.find('?');
            r.path = percentDecode(std::string_view(r.target).substr(0, q), false);
            if (q != std::string::npos)
                r.query = parseQuery(std::string_view(r.target).substr(q + 1));
            for (const auto& field : msg)
                r.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
            r.body = std::move(msg.body());
            r.remoteAddress = remote;
            return r;
        }

        bhttp::response<bhttp::string_body> toBeast(const Response& res, unsigned version, bool keepAlive, bool head)
        {
            bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), version};
            out.set(bhttp::field::server, "SoulSpot");
            out.set(bhttp::field::content_type, res.contentType);
            for (const auto& [k, v] : res.headers)
                out.set(k, v);
            out.keep_alive(keepAlive);
            if (head)
            {
                out.content_length(res.body.size());
                return out;
            }
            out.body() = res.body;
            out.prepare_payload();
            return out;
        }

        // Runs the (possibly blocking) pipeline on the worker pool. By-value parameters (pitfall 5).
        net::awaitable<Response> runPipeline(ImplPtr impl, Request request)
        {
            co_return impl->pipeline(request);
        }

        net::awaitable<std::optional<std::string>> nextChunk(std::shared_ptr<BodyStream> stream)
        {
            co_return stream->next();
        }

        net::awaitable<void> sendSimple(beast::tcp_stream& stream, int status, std::string_view code, std::string_view msg)
        {
            Response r = errorResponse(status, code, msg);
            auto out = toBeast(r, 11, false, false);
            co_await bhttp::async_write(stream, out, net::as_tuple(net::use_awaitable));
        }

        constexpr auto kStreamPollInterval = std::chrono::milliseconds(200);

        net::awaitable<void> streamBody(ImplPtr impl, beast::tcp_stream& stream, Response res)
        {
            std::string head = "HTTP/1.1 " + std::to_string(res.status) + " OK\r\nContent-Type: " + res.contentType +
                               "\r\nCache-Control: no-cache\r\nConnection: close\r\n";
            for (const auto& [k, v] : res.headers)
                head += k + ": " + v + "\r\n";
            head += "\r\n";
            stream.expires_never();
            auto [ec, n] = co_await net::async_write(stream, net::buffer(head), net::as_tuple(net::use_awaitable));
            while (!ec && !impl->stopping)
            {
                auto chunk = co_await net::co_spawn(impl->workers, nextChunk(res.stream), net::use_awaitable);
                if (!chunk)
                    break;
                if (chunk->empty())
                {
                    // "Nothing yet": wait here on a timer, not in `next`, so an idle stream holds no worker.
                    net::steady_timer timer(stream.get_executor(), kStreamPollInterval);
                    co_await timer.async_wait(net::as_tuple(net::use_awaitable));
                    continue;
                }
                std::tie(ec, n) = co_await net::async_write(stream, net::buffer(*chunk), net::as_tuple(net::use_awaitable));
            }
        }

        // Counts one request from its complete header to its written response, so stop() waits for
        // requests whose body is still arriving, not only for those already in a handler.
        struct InFlight
        {
            explicit InFlight(HttpServer::Impl& impl) : impl_(impl) { ++impl_.inFlight; }
            ~InFlight() { --impl_.inFlight; }
            InFlight(const InFlight&) = delete;
            InFlight& operator=(const InFlight&) = delete;
            HttpServer::Impl& impl_;
        };

        bool isReadEnd(const boost::system::error_code& ec)
        {
            return ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == net::error::operation_aborted ||
                   ec == net::error::connection_reset || ec == net::error::eof;
        }

        // Closing a socket with unread request bytes makes the kernel send RST, and the client can lose
        // the answer we just wrote (a 413, 501, or the last response before shutdown). So: send FIN, then
        // read and drop what the peer still sends until it closes, for a bounded time and amount.
        net::awaitable<void> lingeringClose(beast::tcp_stream& stream)
        {
            boost::system::error_code ignored;
            stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
            stream.expires_after(std::chrono::seconds(1));
            std::array<char, 4096> sink{};
            std::size_t total = 0;
            while (total < 1024 * 1024)
            {
                auto [ec, n] = co_await stream.async_read_some(net::buffer(sink), net::as_tuple(net::use_awaitable));
                if (ec)
                    break;
                total += n;
            }
        }

        net::awaitable<void> session(ImplPtr impl, tcp::socket socket)
        {
            std::string remote;
            {
                boost::system::error_code ec;
                auto ep = socket.remote_endpoint(ec);
                if (!ec)
                    remote = ep.address().to_string();
            }
            beast::tcp_stream stream(std::move(socket));
            {
                std::lock_guard lock(impl->socketsMutex);
                impl->sockets.insert(&stream.socket());
            }
            beast::flat_buffer buffer;
            bool first = true;
            while (!impl->stopping)
            {
                bhttp::request_parser<bhttp::string_body> parser;
                parser.body_limit(static_cast<std::uint64_t>(impl->options.maxBodyBytes));
                parser.header_limit(static_cast<std::uint32_t>(impl->options.maxHeaderBytes));
                stream.expires_after(first ? impl->options.requestTimeout : impl->options.idleTimeout);
                first = false;
                auto [ec, bytes] = co_await bhttp::async_read_header(stream, buffer, parser, net::as_tuple(net::use_awaitable));
                if (!ec)
                {
                    // Beast reads a body only for the chunked coding and takes any other as "no body", so
                    // the rest would be parsed as the next request; refuse what we cannot decode instead.
                    std::string codings;
                    for (auto [it, end] = parser.get().equal_range(bhttp::field::transfer_encoding); it != end; ++it)
                        codings += std::string(codings.empty() ? "" : ", ") + std::string(it->value());
                    if (auto problem = transferCodingProblem(codings))
                    {
                        co_await sendSimple(stream, problem->status, problem->code, problem->message);
                        break;
                    }
                }
                const bool arrivedWhileStopping = impl->stopping;
                std::optional<InFlight> inFlight;
                if (!ec)
                {
                    inFlight.emplace(*impl);
                    if (!parser.is_done())
                    {
                        stream.expires_after(impl->options.requestTimeout);
                        std::tie(ec, bytes) = co_await bhttp::async_read(stream, buffer, parser, net::as_tuple(net::use_awaitable));
                    }
                }
                if (ec == bhttp::error::body_limit)
                {
                    co_await sendSimple(stream, 413, "payload_too_large", "request body exceeds the limit");
                    break;
                }
                if (ec == bhttp::error::header_limit)
                {
                    co_await sendSimple(stream, 431, "headers_too_large", "request headers exceed the limit");
                    break;
                }
                if (isReadEnd(ec))
                    break;
                if (ec)
                {
                    co_await sendSimple(stream, 400, "bad_request", "malformed HTTP request: " + ec.message());
                    break;
                }
                auto msg = parser.release();
                const bool keepAlive = msg.keep_alive() && !impl->stopping;
                const bool head = msg.method() == bhttp::verb::head;
                Response response;
                if (arrivedWhileStopping)
                {
                    // A request that began after SIGTERM on a kept-alive connection gets a clear answer to retry.
                    response = errorResponse(503, "shutting_down", "the server is shutting down; retry shortly");
                    response.setHeader("Retry-After", "5");
                }
                else
                    response = co_await net::co_spawn(impl->workers, runPipeline(impl, toRequest(msg, remote)),
                                                      net::use_awaitable);
                if (response.stream)
                {
                    co_await streamBody(impl, stream, std::move(response));
                    break;
                }
                auto out = toBeast(response, msg.version(), keepAlive, head);
                stream.expires_after(impl->options.requestTimeout);
                auto [wec, wn] = co_await bhttp::async_write(stream, out, net::as_tuple(net::use_awaitable));
                if (wec || !keepAlive)
                    break;
            }
            co_await lingeringClose(stream);
            std::lock_guard lock(impl->socketsMutex);
            impl->sockets.erase(&stream.socket());
        }

        net::awaitable<void> acceptLoop(ImplPtr impl)
        {
            while (!impl->stopping)
            {
                auto [ec, socket] = co_await impl->acceptor->async_accept(net::as_tuple(net::use_awaitable));
                if (ec)
                {
                    if (impl->stopping || ec == net::error::operation_aborted)
                        break;
                    continue; // e.g. EMFILE: keep serving the connections we have
                }
                net::co_spawn(impl->io, session(impl, std::move(socket)), [](std::exception_ptr e) {
                    if (!e)
                        return;
                    try
                    {
                        std::rethrow_exception(e);
                    }
                    catch (const std::exception& ex)
                    {
                        core::Logger("http.server").error("connection failed", {{"error", std::string(ex.what())}});
                    }
                });
            }
        }
    } // namespace

    HttpServer::HttpServer(ServerOptions options, Pipeline pipeline)
        : impl_(std::make_shared<Impl>(std::move(options), std::move(pipeline)))
    {
    }

    HttpServer::~HttpServer() { stop(std::chrono::milliseconds(0)); }

    int HttpServer::inFlight() const { return impl_->inFlight; }

    core::Result<int> HttpServer::listen()
    {
        if (impl_->acceptor)
            return static_cast<int>(impl_->acceptor->local_endpoint().port());
        boost::system::error_code ec;
        const auto address = net::ip::make_address(impl_->options.host, ec);
        if (ec)
            return core::fail(core::Error::invalid("API_HOST='" + impl_->options.host + "' is not an IP address"));
        auto acceptor = std::make_unique<tcp::acceptor>(impl_->io);
        const tcp::endpoint endpoint(address, static_cast<unsigned short>(impl_->options.port));
        acceptor->open(endpoint.protocol(), ec);
        if (!ec)
            acceptor->set_option(net::socket_base::reuse_address(true), ec);
        if (!ec)
            acceptor->bind(endpoint, ec);
        if (!ec)
            acceptor->listen(net::socket_base::max_listen_connections, ec);
        if (ec)
            return core::fail(core::Error::invalid("cannot listen on " + impl_->options.host + ":" +
                                                   std::to_string(impl_->options.port) + " (API_HOST/API_PORT): " + ec.message()));
        impl_->acceptor = std::move(acceptor);
        return static_cast<int>(impl_->acceptor->local_endpoint().port());
    }

    core::Result<int> HttpServer::start()
    {
        auto port = listen();
        if (!port || !impl_->ioThreads.empty())
            return port;
        net::co_spawn(impl_->io, acceptLoop(impl_), net::detached);
        for (int i = 0; i < std::max(1, impl_->options.ioThreads); ++i)
            impl_->ioThreads.emplace_back([impl = impl_] { impl->io.run(); });
        return port;
    }

    void HttpServer::stop(std::chrono::milliseconds grace)
    {
        if (impl_->ioThreads.empty())
            return;
        impl_->stopping = true;
        net::post(impl_->io, [impl = impl_] {
            boost::system::error_code ignored;
            if (impl->acceptor)
                impl->acceptor->close(ignored);
        });
        const auto deadline = std::chrono::steady_clock::now() + grace;
        while (impl_->inFlight > 0 && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        // Idle keep-alive connections and streams are closed now; their coroutines end on the error.
        net::post(impl_->io, [impl = impl_] {
            std::lock_guard lock(impl->socketsMutex);
            for (auto* s : impl->sockets)
            {
                boost::system::error_code ignored;
                s->cancel(ignored);
                s->shutdown(tcp::socket::shutdown_both, ignored);
            }
        });
        impl_->work.reset();
        const auto hardDeadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
        while (!impl_->io.stopped() && std::chrono::steady_clock::now() < hardDeadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        impl_->io.stop();
        for (auto& t : impl_->ioThreads)
            t.join();
        impl_->ioThreads.clear();
        impl_->workers.join();
    }
} // namespace soulspot::http
