#include "library/AtomicMover.hpp"

#include <stdexcept>

#include <gtest/gtest.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "library/AudioFileWalker.hpp"
#include "library/AudioFixtures.hpp"

namespace soulspot::library
{
    namespace
    {
        std::vector<std::filesystem::path> allFiles(const std::filesystem::path& root)
        {
            std::vector<std::filesystem::path> out;
            for (const auto& e : std::filesystem::recursive_directory_iterator(root))
                if (e.is_regular_file())
                    out.push_back(e.path());
            return out;
        }

        // Simulates a disk that fills up after `limit` bytes: writes a partial copy, then reports ENOSPC.
        class DiskFullWriter final : public IFileWriter
        {
        public:
            explicit DiskFullWriter(std::size_t limit) : limit_(limit) {}
            core::Result<void> copyDurably(const std::filesystem::path& source,
                                           const std::filesystem::path& destination) override
            {
                testing::writeFile(destination, testing::readFile(source).substr(0, limit_));
                return core::fail(core::Error::io("cannot write " + destination.string() + ": disk full (injected)"));
            }

        private:
            std::size_t limit_;
        };

        bool sameDevice(const std::filesystem::path& a, const std::filesystem::path& b)
        {
            struct stat sa{}, sb{};
            return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev;
        }

        struct Fixture
        {
            testing::TempDir downloads;
            testing::TempDir library;
            std::filesystem::path source;
            std::filesystem::path destination;
            std::string content;

            Fixture()
            {
                source = testing::makeFlac(downloads.path(), "song.flac", {2.0, 44100, 2, 16, "pinknoise"});
                content = testing::readFile(source);
                destination = library.path() / "Artist" / "Album (2020)" / "01 - Song.flac";
            }

            void expectUntouched() const
            {
                EXPECT_TRUE(std::filesystem::exists(source)) << "source must survive a failed import";
                EXPECT_EQ(testing::readFile(source), content);
                EXPECT_TRUE(allFiles(library.path()).empty()) << "no partial file may be left in the library";
            }
        };
    } // namespace

    TEST(AtomicMover, RenamesWithinOneFilesystem)
    {
        Fixture f;
        const auto moved = AtomicMover().move(f.source, f.destination);
        ASSERT_TRUE(moved) << moved.error().message;
        EXPECT_EQ(*moved, MoveMethod::Renamed);
        EXPECT_FALSE(std::filesystem::exists(f.source));
        EXPECT_EQ(testing::readFile(f.destination), f.content);
    }

    TEST(AtomicMover, CopiesAcrossFilesystems)
    {
        if (!std::filesystem::is_directory("/dev/shm") || sameDevice("/dev/shm", std::filesystem::temp_directory_path()))
            GTEST_SKIP() << "/dev/shm is not a separate filesystem here";
        testing::TempDir other("/dev/shm");
        Fixture f;
        const auto source = other.path() / "song.flac";
        std::filesystem::copy_file(f.source, source);
        const auto moved = AtomicMover().move(source, f.destination);
        ASSERT_TRUE(moved) << moved.error().message;
        EXPECT_EQ(*moved, MoveMethod::Copied);
        EXPECT_FALSE(std::filesystem::exists(source));
        EXPECT_EQ(testing::readFile(f.destination), f.content);
        EXPECT_EQ(allFiles(f.library.path()).size(), 1u) << "no temporary left behind";
    }

    TEST(AtomicMover, CopyPathLeavesOnlyTheFinalFile)
    {
        Fixture f;
        MoveOptions options;
        options.forceCopy = true;
        const auto moved = AtomicMover().move(f.source, f.destination, options);
        ASSERT_TRUE(moved) << moved.error().message;
        EXPECT_EQ(*moved, MoveMethod::Copied);
        EXPECT_FALSE(std::filesystem::exists(f.source));
        EXPECT_EQ(allFiles(f.library.path()), std::vector<std::filesystem::path>{f.destination});
    }

    TEST(AtomicMover, NeverOverwritesUnlessAsked)
    {
        Fixture f;
        std::filesystem::create_directories(f.destination.parent_path());
        testing::writeFile(f.destination, "existing");
        for (bool forceCopy : {false, true})
        {
            MoveOptions options;
            options.forceCopy = forceCopy;
            const auto moved = AtomicMover().move(f.source, f.destination, options);
            ASSERT_FALSE(moved);
            EXPECT_EQ(moved.error().code, core::ErrorCode::Conflict);
            EXPECT_EQ(testing::readFile(f.destination), "existing");
            EXPECT_TRUE(std::filesystem::exists(f.source));
        }
    }

    TEST(AtomicMover, CrashInjectedBeforeCommitLeavesSourceAndNoPartialFile)
    {
        for (const bool throws : {false, true})
        {
            Fixture f;
            MoveOptions options;
            options.forceCopy = true;
            std::filesystem::path seenTemporary;
            options.beforeCommit = [&](const std::filesystem::path& temporary) -> core::Result<void> {
                seenTemporary = temporary;
                EXPECT_EQ(testing::readFile(temporary), f.content) << "temporary is complete before commit";
                if (throws)
                    throw std::runtime_error("simulated crash");
                return core::fail(core::Error::io("simulated crash"));
            };
            if (throws)
                EXPECT_THROW((void)AtomicMover().move(f.source, f.destination, options), std::runtime_error);
            else
                EXPECT_FALSE(AtomicMover().move(f.source, f.destination, options));
            EXPECT_TRUE(isImportTemporary(seenTemporary));
            EXPECT_EQ(seenTemporary.parent_path(), f.destination.parent_path());
            f.expectUntouched();
        }
    }

    TEST(AtomicMover, ProcessKilledBeforeCommitLeavesOnlyAHiddenTemporary)
    {
        Fixture f;
        const pid_t child = ::fork();
        ASSERT_GE(child, 0);
        if (child == 0)
        {
            MoveOptions options;
            options.forceCopy = true;
            options.beforeCommit = [](const std::filesystem::path&) -> core::Result<void> { ::_exit(42); };
            (void)AtomicMover().move(f.source, f.destination, options);
            ::_exit(0);
        }
        int status = 0;
        ASSERT_EQ(::waitpid(child, &status, 0), child);
        ASSERT_TRUE(WIFEXITED(status));
        ASSERT_EQ(WEXITSTATUS(status), 42) << "the child must die between copy and rename";

        EXPECT_TRUE(std::filesystem::exists(f.source));
        EXPECT_FALSE(std::filesystem::exists(f.destination));
        const auto walk = listAudioFiles(f.library.path());
        ASSERT_TRUE(walk);
        EXPECT_TRUE(walk->files.empty()) << "the scanner must not see the leftover temporary";
        const auto removed = removeStaleImportTemporaries(f.library.path());
        ASSERT_TRUE(removed);
        EXPECT_EQ(*removed, 1);
        f.expectUntouched();
    }

    TEST(AtomicMover, InjectedFullDiskLeavesSourceAndNoPartialFile)
    {
        Fixture f;
        MoveOptions options;
        options.forceCopy = true;
        const auto moved = AtomicMover(std::make_shared<DiskFullWriter>(f.content.size() / 2)).move(f.source, f.destination, options);
        ASSERT_FALSE(moved);
        EXPECT_NE(moved.error().message.find("disk full"), std::string::npos);
        f.expectUntouched();
    }

    TEST(AtomicMover, RealFullTmpfsLeavesSourceAndNoPartialFile)
    {
        testing::TempDir mountPoint;
        if (::mount("tmpfs", mountPoint.path().c_str(), "tmpfs", 0, "size=256k") != 0)
            GTEST_SKIP() << "cannot mount a small tmpfs here (needs CAP_SYS_ADMIN); the injected-writer test covers it";
        struct Unmount
        {
            std::filesystem::path p;
            ~Unmount() { ::umount2(p.c_str(), MNT_DETACH); }
        } unmount{mountPoint.path()};

        testing::TempDir downloads;
        const auto source = testing::makeWav(downloads.path(), "big.wav", {4.0, 44100, 2, 16, "pinknoise"}); // ~700 KB
        const auto content = testing::readFile(source);
        const auto destination = mountPoint.path() / "Artist" / "big.wav";
        const auto moved = AtomicMover().move(source, destination);
        ASSERT_FALSE(moved);
        EXPECT_NE(moved.error().message.find("disk full"), std::string::npos) << moved.error().message;
        EXPECT_EQ(testing::readFile(source), content);
        EXPECT_TRUE(allFiles(mountPoint.path()).empty());
    }
} // namespace soulspot::library
