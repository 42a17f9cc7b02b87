#pragma once
// Invariant checks inside fuzz targets: a broken invariant aborts, which libFuzzer records as a crash and
// the replay driver (ctest) reports as a failure. Not assert(): these must hold in every build type.

#include <cstdio>
#include <cstdlib>
#include <string_view>

#define FUZZ_CHECK(cond, what)                                                                                   \
    do                                                                                                           \
    {                                                                                                            \
        if (!(cond))                                                                                             \
        {                                                                                                        \
            std::fprintf(stderr, "fuzz invariant broken at %s:%d: %s (%s)\n", __FILE__, __LINE__, what, #cond); \
            std::abort();                                                                                        \
        }                                                                                                        \
    } while (false)

namespace soulspot::fuzz
{
    /// Splits the input at the first occurrence of `sep`; the rest stays in `input`.
    inline std::string_view takeUntil(std::string_view& input, char sep)
    {
        const auto pos = input.find(sep);
        const auto head = input.substr(0, pos);
        input = pos == std::string_view::npos ? std::string_view{} : input.substr(pos + 1);
        return head;
    }
} // namespace soulspot::fuzz
