#include "library/FileWriter.hpp"

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace soulspot::library
{
    namespace
    {
        core::Error ioError(const std::string& what, const std::filesystem::path& path, int err)
        {
            const bool full = err == ENOSPC || err == EDQUOT;
            return core::Error::io(what + " " + path.string() + ": " + (full ? "disk full (" : "") +
                                   std::strerror(err) + (full ? ")" : ""));
        }

        // Closes the descriptor on every exit path.
        class Fd
        {
        public:
            explicit Fd(int fd) : fd_(fd) {}
            Fd(const Fd&) = delete;
            Fd& operator=(const Fd&) = delete;
            ~Fd()
            {
                if (fd_ >= 0)
                    ::close(fd_);
            }
            int get() const { return fd_; }
            int release()
            {
                const int fd = fd_;
                fd_ = -1;
                return fd;
            }

        private:
            int fd_;
        };

        bool writeAll(int fd, const char* data, std::size_t n, int& err)
        {
            while (n > 0)
            {
                const ssize_t w = ::write(fd, data, n);
                if (w < 0)
                {
                    if (errno == EINTR)
                        continue;
                    err = errno;
                    return false;
                }
                data += w;
                n -= static_cast<std::size_t>(w);
            }
            return true;
        }
    } // namespace

    core::Result<void> PosixFileWriter::copyDurably(const std::filesystem::path& source,
                                                    const std::filesystem::path& destination)
    {
        Fd in(::open(source.c_str(), O_RDONLY | O_CLOEXEC));
        if (in.get() < 0)
            return core::fail(ioError("cannot open", source, errno));
        Fd out(::open(destination.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
        if (out.get() < 0)
            return core::fail(ioError("cannot create", destination, errno));

        std::vector<char> buffer(1 << 20);
        for (;;)
        {
            const ssize_t r = ::read(in.get(), buffer.data(), buffer.size());
            if (r < 0)
            {
                if (errno == EINTR)
                    continue;
                return core::fail(ioError("cannot read", source, errno));
            }
            if (r == 0)
                break;
            int err = 0;
            if (!writeAll(out.get(), buffer.data(), static_cast<std::size_t>(r), err))
                return core::fail(ioError("cannot write", destination, err));
        }
        // Delayed allocation means a full disk may only show up here, or even at close.
        if (::fsync(out.get()) != 0)
            return core::fail(ioError("cannot fsync", destination, errno));
        if (::close(out.release()) != 0)
            return core::fail(ioError("cannot close", destination, errno));
        return {};
    }

    core::Result<void> fsyncDirectory(const std::filesystem::path& directory)
    {
        Fd dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        if (dir.get() < 0)
            return core::fail(ioError("cannot open directory", directory, errno));
        if (::fsync(dir.get()) != 0 && errno != EINVAL) // some filesystems cannot fsync directories
            return core::fail(ioError("cannot fsync directory", directory, errno));
        return {};
    }
} // namespace soulspot::library
