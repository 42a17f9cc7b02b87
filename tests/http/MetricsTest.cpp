// Metrics labels stay bounded whatever clients send (found while fuzzing the request path, fuzz/HttpRequestFuzz.cpp).
#include <gtest/gtest.h>

#include <string>

#include "http/Metrics.hpp"

namespace soulspot::http
{
    namespace
    {
        TEST(Metrics, UnknownMethodsShareOneSeries)
        {
            Metrics metrics;
            for (int i = 0; i < 1000; ++i)
                metrics.observeRequest("M" + std::to_string(i), "(unmatched)", 404, 0.001);
            metrics.observeRequest("GET", "/health", 200, 0.001);
            const std::string text = metrics.render();
            EXPECT_EQ(text.find("method=\"M1\""), std::string::npos);
            EXPECT_NE(text.find("method=\"OTHER\",route=\"(unmatched)\",status=\"404\"} 1000"), std::string::npos) << text;
            EXPECT_NE(text.find("method=\"GET\",route=\"/health\""), std::string::npos);
            EXPECT_LT(text.size(), 16u * 1024u);
        }
    } // namespace
} // namespace soulspot::http
