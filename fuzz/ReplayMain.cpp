// Replays saved fuzz inputs (corpus and regressions) through a target's LLVMFuzzerTestOneInput without
// libFuzzer, so `make test` (gcc, ASan/UBSan build) re-checks every input ever found interesting.
// Usage: <target>_replay <file-or-dir>...; a directory is read one level deep, a missing one is skipped.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace
{
    bool replayFile(const std::filesystem::path& file)
    {
        std::ifstream in(file, std::ios::binary);
        if (!in)
        {
            std::fprintf(stderr, "replay: cannot read %s\n", file.c_str());
            return false;
        }
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        // A copy of exactly `size` bytes, so ASan catches reads past the end as libFuzzer would.
        std::vector<uint8_t> copy(bytes.begin(), bytes.end());
        LLVMFuzzerTestOneInput(copy.empty() ? nullptr : copy.data(), copy.size());
        return true;
    }
} // namespace

int main(int argc, char** argv)
{
    int replayed = 0;
    bool ok = true;
    for (int i = 1; i < argc; ++i)
    {
        const std::filesystem::path arg(argv[i]);
        std::error_code ec;
        if (std::filesystem::is_directory(arg, ec))
        {
            std::vector<std::filesystem::path> files;
            for (const auto& entry : std::filesystem::directory_iterator(arg))
                if (entry.is_regular_file() && entry.path().filename().string().front() != '.')
                    files.push_back(entry.path());
            std::sort(files.begin(), files.end());
            for (const auto& f : files)
            {
                std::fprintf(stderr, "replay: %s\n", f.c_str());
                ok = replayFile(f) && ok;
                ++replayed;
            }
        }
        else if (std::filesystem::is_regular_file(arg, ec))
        {
            ok = replayFile(arg) && ok;
            ++replayed;
        }
    }
    std::fprintf(stderr, "replay: %d input(s) passed\n", replayed);
    // An empty run means the corpus went missing, which would make this test pass for nothing.
    return ok && replayed > 0 ? 0 : 1;
}
