#include "app/SecretKeyFile.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <sodium.h>

#include "core/Log.hpp"
#include "db/DatabaseUrl.hpp"

namespace soulspot::app
{
    namespace fs = std::filesystem;

    namespace
    {
        core::Error ioError(const std::string& what, const std::string& path)
        {
            return core::Error::io(what + " " + path + ": " + std::strerror(errno));
        }

        core::Result<db::SecretBox::Key> parseKey(std::string text, const std::string& path)
        {
            while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
                text.pop_back();
            db::SecretBox::Key key{};
            std::size_t length = 0;
            if (text.size() != key.size() * 2 ||
                sodium_hex2bin(key.data(), key.size(), text.data(), text.size(), nullptr, &length, nullptr) != 0 ||
                length != key.size())
                return core::fail(core::Error::invalid("key file " + path + " is not 64 hex digits; restore it, or delete it "
                                                       "and connect Spotify again"));
            return key;
        }

        core::Result<db::SecretBox::Key> createKeyFile(const std::string& path)
        {
            const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
            if (fd < 0)
                return core::fail(ioError("cannot create key file", path));
            const auto key = db::SecretBox::randomKey();
            std::string hex(key.size() * 2 + 1, '\0');
            sodium_bin2hex(hex.data(), hex.size(), key.data(), key.size());
            hex.back() = '\n';
            const bool written = ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size()) && ::fsync(fd) == 0;
            sodium_memzero(hex.data(), hex.size());
            ::close(fd);
            if (!written)
            {
                ::unlink(path.c_str());
                return core::fail(ioError("cannot write key file", path));
            }
            core::Logger("app.secrets").info("created key file for secrets at rest", {{"path", path}});
            return key;
        }
    } // namespace

    std::string dataDirectory(const Config& config)
    {
        if (auto url = db::parseDatabaseUrl(config.databaseUrl); url && url->dialect == db::Dialect::Sqlite)
        {
            const auto parent = fs::path(url->sqlitePath).parent_path();
            return parent.empty() ? "." : parent.string();
        }
        const auto parent = fs::path(config.cachePath).parent_path();
        return parent.empty() ? "." : parent.string();
    }

    core::Result<db::SecretBox::Key> loadOrCreateKeyFile(const std::string& path)
    {
        std::error_code ec;
        if (const auto dir = fs::path(path).parent_path(); !dir.empty())
            fs::create_directories(dir, ec);
        struct stat st{};
        if (::stat(path.c_str(), &st) != 0)
        {
            if (errno != ENOENT)
                return core::fail(ioError("cannot read key file", path));
            auto created = createKeyFile(path);
            if (created || errno != EEXIST)
                return created;
            // Another process created it between stat and open: read theirs.
        }
        else if ((st.st_mode & 077) != 0)
        {
            core::Logger("app.secrets").warning("key file was readable by others; tightening to 0600", {{"path", path}});
            ::chmod(path.c_str(), 0600);
        }
        std::ifstream in(path);
        if (!in)
            return core::fail(ioError("cannot read key file", path));
        std::stringstream buffer;
        buffer << in.rdbuf();
        return parseKey(buffer.str(), path);
    }

    core::Result<std::shared_ptr<const db::SecretBox>> loadSecretBox(const Config& config)
    {
        if (!config.secretKey.empty())
        {
            auto box = db::SecretBox::fromPassphrase(config.secretKey);
            if (!box)
                return core::fail(box.error());
            return std::shared_ptr<const db::SecretBox>(std::make_shared<db::SecretBox>(*box));
        }
        auto key = loadOrCreateKeyFile((fs::path(dataDirectory(config)) / kSecretKeyFileName).string());
        if (!key)
            return core::fail(key.error());
        auto box = std::make_shared<db::SecretBox>(*key);
        sodium_memzero(key->data(), key->size());
        return std::shared_ptr<const db::SecretBox>(std::move(box));
    }
} // namespace soulspot::app
