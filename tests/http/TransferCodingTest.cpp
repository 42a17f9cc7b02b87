#include "http/TransferCoding.hpp"

#include <gtest/gtest.h>

namespace soulspot::http
{
    TEST(TransferCoding, OnlyASingleFinalChunkedIsAccepted)
    {
        struct Case { const char* values; int status; }; // 0: accepted
        for (const Case& c : {Case{"", 0}, Case{"chunked", 0}, Case{"Chunked", 0}, Case{" chunked ", 0}, Case{"chunked;x=1", 0},
                              Case{"gzip", 501}, Case{"identity", 501}, Case{"identity, chunked", 501},
                              Case{"gzip, chunked", 501}, Case{"chunked, gzip", 501}, Case{"deflate", 501},
                              Case{"chunked, chunked", 400}, Case{"chunked,, chunked", 400}})
        {
            const auto problem = transferCodingProblem(c.values);
            EXPECT_EQ(problem ? problem->status : 0, c.status) << "'" << c.values << "'";
        }
    }
} // namespace soulspot::http
