// The server over real sockets on 127.0.0.1, with a pipeline standing in for the router.
#include "http/HttpServer.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <future>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace soulspot::http
{
    namespace
    {
        int connectTo(int port)
        {
            const int fd = socket(AF_INET, SOCK_STREAM, 0);
            sockaddr_in addr{};
            addr.sin_family = AF_INET;
            addr.sin_port = htons(static_cast<std::uint16_t>(port));
            addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            timeval tv{10, 0};
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
            if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
            {
                close(fd);
                return -1;
            }
            return fd;
        }

        void sendAll(int fd, const std::string& bytes) { (void)::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL); }

        std::string readAll(int fd)
        {
            std::string out;
            char buf[4096];
            for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;)
                out.append(buf, static_cast<std::size_t>(n));
            close(fd);
            return out;
        }

        std::string roundTrip(int port, const std::string& bytes)
        {
            const int fd = connectTo(port);
            sendAll(fd, bytes);
            return readAll(fd);
        }

        // Echoes how many body bytes the handler saw, after `delay`.
        Pipeline echo(std::chrono::milliseconds delay = {})
        {
            return [delay](Request& r) {
                std::this_thread::sleep_for(delay);
                return jsonResponse(200, "{\"body_bytes\":" + std::to_string(r.body.size()) + "}");
            };
        }

        ServerOptions local()
        {
            ServerOptions o;
            o.host = "127.0.0.1";
            o.port = 0;
            return o;
        }
    } // namespace

    TEST(HttpServer, RefusesTransferCodingsItCannotDecodeInsteadOfReadingAnEmptyBody)
    {
        HttpServer server(local(), echo());
        const int port = server.start().value();
        struct Case { std::string te; std::string body; std::string expect; };
        for (const Case& c : {Case{"gzip", "5\r\nhello\r\n0\r\n\r\n", " 501 "},
                              Case{"identity, chunked", "5\r\nhello\r\n0\r\n\r\n", " 501 "},
                              Case{"chunked, gzip", "5\r\nhello\r\n0\r\n\r\n", " 501 "},
                              Case{"chunked\r\nTransfer-Encoding: chunked", "5\r\nhello\r\n0\r\n\r\n", " 400 "},
                              Case{"chunked", "5\r\nhello\r\n0\r\n\r\n", "\"body_bytes\":5"}})
        {
            const auto reply = roundTrip(port, "POST /x HTTP/1.1\r\nHost: t\r\nConnection: close\r\nContent-Type: application/json\r\n"
                                              "Transfer-Encoding: " + c.te + "\r\n\r\n" + c.body);
            EXPECT_NE(reply.find(c.expect), std::string::npos) << c.te << " → " << reply;
            if (c.expect.starts_with(" 5") || c.expect.starts_with(" 4"))
            {
                EXPECT_NE(reply.find("\"error\""), std::string::npos) << "a JSON error body: " << reply;
            }
        }
        server.stop(std::chrono::milliseconds(500));
    }

    TEST(HttpServer, StopLetsRequestsWhoseBodyIsStillArrivingFinish)
    {
        HttpServer server(local(), echo(std::chrono::milliseconds(200)));
        const int port = server.start().value();
        constexpr int kClients = 8;
        const std::string body = R"({"padding":")" + std::string(2000, 'x') + R"("})";
        std::vector<int> fds;
        for (int i = 0; i < kClients; ++i)
        {
            fds.push_back(connectTo(port));
            ASSERT_GE(fds.back(), 0);
            // Header and half the body now; the rest arrives after stop() has begun.
            sendAll(fds.back(), "POST /x HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: " +
                                    std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, body.size() / 2));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        auto stopped = std::async(std::launch::async, [&] { server.stop(std::chrono::seconds(5)); });
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        std::vector<std::future<std::string>> replies;
        for (int fd : fds)
        {
            sendAll(fd, body.substr(body.size() / 2));
            replies.push_back(std::async(std::launch::async, [fd] { return readAll(fd); }));
        }
        for (auto& r : replies)
        {
            const auto reply = r.get();
            EXPECT_NE(reply.find("HTTP/1.1 200"), std::string::npos) << reply;
            EXPECT_NE(reply.find("\"body_bytes\":" + std::to_string(body.size())), std::string::npos) << reply;
            EXPECT_NE(reply.find("Connection: close"), std::string::npos) << "no keep-alive while stopping: " << reply;
        }
        stopped.get();
        EXPECT_EQ(server.inFlight(), 0);
    }
} // namespace soulspot::http
