// The key for secrets at rest: created once with 0600, read back unchanged, never overwritten when broken,
// tightened when too open; SECRET_KEY wins over the file.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "FakeServer.hpp"
#include "app/SecretKeyFile.hpp"

namespace soulspot::app
{
    namespace
    {
        int permissions(const std::string& path)
        {
            struct stat st{};
            EXPECT_EQ(::stat(path.c_str(), &st), 0);
            return static_cast<int>(st.st_mode & 0777);
        }
    } // namespace

    TEST(SecretKeyFile, IsCreatedOnceWith0600AndReadBack)
    {
        const auto dir = testing::makeTempDir("soulspot-key");
        const auto path = dir + "/data/secret.key";
        auto first = loadOrCreateKeyFile(path);
        ASSERT_TRUE(first) << first.error().message;
        EXPECT_EQ(permissions(path), 0600);
        auto second = loadOrCreateKeyFile(path);
        ASSERT_TRUE(second);
        EXPECT_EQ(*first, *second);
        EXPECT_EQ(*db::SecretBox(*second).open(db::SecretBox(*first).seal("token")), "token");

        ::chmod(path.c_str(), 0644);
        ASSERT_TRUE(loadOrCreateKeyFile(path));
        EXPECT_EQ(permissions(path), 0600) << "a key readable by others is tightened";

        std::ofstream(path, std::ios::trunc) << "not a key\n";
        auto broken = loadOrCreateKeyFile(path);
        ASSERT_FALSE(broken);
        std::ifstream in(path);
        std::string content;
        std::getline(in, content);
        EXPECT_EQ(content, "not a key") << "a broken key file is reported, never replaced";
        std::filesystem::remove_all(dir);
    }

    TEST(SecretKeyFile, LivesNextToTheSqliteDatabaseUnlessSecretKeyIsSet)
    {
        const auto dir = testing::makeTempDir("soulspot-key");
        Config config;
        config.databaseUrl = "sqlite:///" + dir + "/db/soulspot.db";
        config.cachePath = dir + "/cache";
        EXPECT_EQ(dataDirectory(config), dir + "/db");
        auto box = loadSecretBox(config);
        ASSERT_TRUE(box) << box.error().message;
        EXPECT_TRUE(std::filesystem::exists(dir + "/db/secret.key"));
        auto again = loadSecretBox(config);
        EXPECT_EQ(*(*again)->open((*box)->seal("x")), "x");

        config.secretKey = "a passphrase from the environment";
        auto fromEnv = loadSecretBox(config);
        ASSERT_TRUE(fromEnv);
        EXPECT_FALSE((*fromEnv)->open((*box)->seal("x"))) << "SECRET_KEY, not the file, is the key";

        config.databaseUrl = "postgresql://u@h/db";
        EXPECT_EQ(dataDirectory(config), dir);
        std::filesystem::remove_all(dir);
    }
} // namespace soulspot::app
