#include "core/DownloadStatus.hpp"

#include <gtest/gtest.h>

namespace soulspot::core
{
    TEST(DownloadStatus, RoundTripsEveryName)
    {
        struct Case { std::string_view name; DownloadStatus status; bool terminal; };
        for (const Case& c : {Case{"QUEUED", DownloadStatus::Queued, false},
                              Case{"SEARCHING", DownloadStatus::Searching, false},
                              Case{"DOWNLOADING", DownloadStatus::Downloading, false},
                              Case{"VERIFYING", DownloadStatus::Verifying, false},
                              Case{"COMPLETED", DownloadStatus::Completed, true},
                              Case{"IMPORTED", DownloadStatus::Imported, true},
                              Case{"NOT_FOUND", DownloadStatus::NotFound, true},
                              Case{"FAILED", DownloadStatus::Failed, true},
                              Case{"CANCELLED", DownloadStatus::Cancelled, true}})
        {
            EXPECT_EQ(toString(c.status), c.name);
            EXPECT_EQ(parseDownloadStatus(c.name), c.status) << c.name;
            EXPECT_EQ(isTerminal(c.status), c.terminal) << c.name;
        }
        EXPECT_FALSE(parseDownloadStatus("queued").has_value());
        EXPECT_FALSE(parseDownloadStatus("").has_value());
    }
} // namespace soulspot::core
