#include "RawSocket.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace soulspot::testing
{
    std::string rawExchange(int port, const std::string& bytes, int timeoutMs)
    {
        const int fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<uint16_t>(port));
        inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
        if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
        {
            close(fd);
            return {};
        }
        std::size_t sent = 0;
        while (sent < bytes.size())
        {
            const auto n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            if (n <= 0)
                break;
            sent += static_cast<std::size_t>(n);
        }
        std::string out;
        char buf[4096];
        pollfd p{fd, POLLIN, 0};
        while (poll(&p, 1, timeoutMs) > 0)
        {
            const auto n = recv(fd, buf, sizeof buf, 0);
            if (n <= 0)
                break;
            out.append(buf, static_cast<std::size_t>(n));
        }
        close(fd);
        return out;
    }
} // namespace soulspot::testing
