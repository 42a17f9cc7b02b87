// Pure pieces of the cover client: magic-byte sniffing and redirect resolution.
#include <gtest/gtest.h>

#include "sources/coverart/ImageSniffer.hpp"
#include "sources/coverart/RedirectTarget.hpp"

namespace soulspot::sources::coverart
{
    TEST(ImageSniffer, AcceptsOnlyJpegAndPng)
    {
        const struct
        {
            std::string bytes;
            std::optional<std::string> mime;
        } cases[] = {
            {std::string("\xFF\xD8\xFF\xE0rest", 8), "image/jpeg"},
            {std::string("\x89PNG\r\n\x1A\n....", 12), "image/png"},
            {"GIF89a....", std::nullopt},
            {"<html>not an image</html>", std::nullopt},
            {std::string("\xFF\xD8", 2), std::nullopt},
            {"", std::nullopt},
        };
        for (const auto& c : cases)
            EXPECT_EQ(sniffImageMime(c.bytes), c.mime) << c.bytes.size();
    }

    TEST(RedirectTarget, ResolvesEveryLocationForm)
    {
        const struct
        {
            std::string current, location;
            std::optional<std::string> expected;
        } cases[] = {
            {"https://coverartarchive.org/release/x/front", "https://archive.org/download/a.jpg",
             "https://archive.org/download/a.jpg"},
            {"https://coverartarchive.org/release/x/front", "//archive.org/download/a.jpg",
             "https://archive.org/download/a.jpg"},
            {"http://127.0.0.1:8080/release/x/front", "//127.0.0.1:8080/download/a.jpg",
             "http://127.0.0.1:8080/download/a.jpg"},
            {"https://archive.org/download/mbid-x/a.jpg", "/images/a.jpg", "https://archive.org/images/a.jpg"},
            {"https://archive.org/download/mbid-x/a.jpg?x=1", "b.jpg", "https://archive.org/download/mbid-x/b.jpg"},
            {"https://host", "/p", "https://host/p"},
            {"https://host/a", "file:///etc/passwd", std::nullopt},
            {"https://host/a", "", std::nullopt},
        };
        for (const auto& c : cases)
            EXPECT_EQ(resolveRedirect(c.current, c.location), c.expected) << c.current << " + " << c.location;
    }
} // namespace soulspot::sources::coverart
