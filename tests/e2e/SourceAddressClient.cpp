#include "SourceAddressClient.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>

namespace soulspot::testing
{
    namespace
    {
        int connectFrom(const std::string& source, int port)
        {
            const int fd = socket(AF_INET, SOCK_STREAM, 0);
            sockaddr_in local{};
            local.sin_family = AF_INET;
            inet_pton(AF_INET, source.c_str(), &local.sin_addr);
            sockaddr_in remote{};
            remote.sin_family = AF_INET;
            remote.sin_port = htons(static_cast<uint16_t>(port));
            inet_pton(AF_INET, "127.0.0.1", &remote.sin_addr);
            if (bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
                connect(fd, reinterpret_cast<sockaddr*>(&remote), sizeof remote) != 0)
            {
                close(fd);
                return -1;
            }
            return fd;
        }

        void sendAll(int fd, const std::string& bytes)
        {
            std::size_t sent = 0;
            while (sent < bytes.size())
            {
                const auto n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
                if (n <= 0)
                    return;
                sent += static_cast<std::size_t>(n);
            }
        }

        std::string requestText(const std::string& method, const std::string& target, const RawHeaders& headers,
                                const std::string& body, int port, bool keepOpen)
        {
            std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) + "\r\n";
            for (const auto& [k, v] : headers)
                req += k + ": " + v + "\r\n";
            if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")
                req += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
            req += keepOpen ? "\r\n" : "Connection: close\r\n\r\n";
            return req + body;
        }
    } // namespace

    std::string RawHttpResponse::header(const std::string& lowerName) const
    {
        auto it = headers.find(lowerName);
        return it == headers.end() ? std::string() : it->second;
    }

    RawHttpResponse httpFrom(const std::string& sourceAddress, int port, const std::string& method, const std::string& target,
                             const RawHeaders& headers, const std::string& body)
    {
        RawHttpResponse out;
        const int fd = connectFrom(sourceAddress, port);
        if (fd < 0)
            return out;
        sendAll(fd, requestText(method, target, headers, body, port, false));
        std::string raw;
        char buf[8192];
        pollfd p{fd, POLLIN, 0};
        while (poll(&p, 1, 10000) > 0)
        {
            const auto n = recv(fd, buf, sizeof buf, 0);
            if (n <= 0)
                break;
            raw.append(buf, static_cast<std::size_t>(n));
        }
        close(fd);
        const auto headEnd = raw.find("\r\n\r\n");
        if (raw.rfind("HTTP/1.1 ", 0) != 0 || headEnd == std::string::npos)
            return out;
        out.status = std::stoi(raw.substr(9, 3));
        std::size_t pos = raw.find("\r\n") + 2;
        while (pos < headEnd)
        {
            const auto eol = raw.find("\r\n", pos);
            const auto line = raw.substr(pos, eol - pos);
            const auto colon = line.find(':');
            if (colon != std::string::npos)
            {
                std::string name = line.substr(0, colon);
                std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
                out.headers.emplace(name, line.substr(line.find_first_not_of(' ', colon + 1)));
            }
            pos = eol + 2;
        }
        out.body = raw.substr(headEnd + 4);
        return out;
    }

    EventStreamReader::EventStreamReader(const std::string& sourceAddress, int port, const RawHeaders& headers)
        : fd_(connectFrom(sourceAddress, port))
    {
        if (fd_ >= 0)
            sendAll(fd_, requestText("GET", "/api/v1/events", headers, {}, port, true));
    }

    EventStreamReader::~EventStreamReader()
    {
        if (fd_ >= 0)
            close(fd_);
    }

    const std::string& EventStreamReader::readUntil(const std::string& needle, int timeoutMs)
    {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
        char buf[8192];
        while (fd_ >= 0 && received_.find(needle) == std::string::npos)
        {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            pollfd p{fd_, POLLIN, 0};
            if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0)
                break;
            const auto n = recv(fd_, buf, sizeof buf, 0);
            if (n <= 0)
                break;
            received_.append(buf, static_cast<std::size_t>(n));
        }
        return received_;
    }
} // namespace soulspot::testing
