// Pure parsing and mapping: state strings, versions, JSON shapes slskd really sends.
#include <gtest/gtest.h>

#include "sources/slskd/SlskdJson.hpp"
#include "sources/slskd/SlskdTypes.hpp"

namespace soulspot::sources::slskd
{
    struct StateCase
    {
        const char* state;
        TransferOutcome outcome;
        const char* reason;
        core::DownloadStatus status;
    };

    class TransferStateMapping : public ::testing::TestWithParam<StateCase>
    {
    };

    TEST_P(TransferStateMapping, MapsToOutcomeReasonAndStatus)
    {
        const auto& c = GetParam();
        const auto outcome = outcomeFromStates(parseTransferStates(c.state));
        EXPECT_EQ(outcome, c.outcome) << c.state;
        EXPECT_EQ(reasonCode(outcome), c.reason);
        EXPECT_EQ(toDownloadStatus(outcome), c.status);
    }

    using core::DownloadStatus;
    INSTANTIATE_TEST_SUITE_P(
        Slskd, TransferStateMapping,
        ::testing::Values(StateCase{"None", TransferOutcome::Queued, "queued", DownloadStatus::Downloading},
                          StateCase{"Requested", TransferOutcome::Queued, "queued", DownloadStatus::Downloading},
                          StateCase{"Queued, Locally", TransferOutcome::Queued, "queued", DownloadStatus::Downloading},
                          StateCase{"Queued, Remotely", TransferOutcome::Queued, "queued", DownloadStatus::Downloading},
                          StateCase{"Initializing", TransferOutcome::InProgress, "in_progress",
                                    DownloadStatus::Downloading},
                          StateCase{"InProgress", TransferOutcome::InProgress, "in_progress",
                                    DownloadStatus::Downloading},
                          StateCase{"Completed, Succeeded", TransferOutcome::Succeeded, "succeeded",
                                    DownloadStatus::Verifying},
                          StateCase{"Completed, Errored", TransferOutcome::Errored, "errored", DownloadStatus::Failed},
                          StateCase{"Completed, Rejected", TransferOutcome::Rejected, "rejected",
                                    DownloadStatus::Failed},
                          StateCase{"Completed, TimedOut", TransferOutcome::TimedOut, "timed_out",
                                    DownloadStatus::Failed},
                          StateCase{"Completed, Cancelled", TransferOutcome::Cancelled, "cancelled",
                                    DownloadStatus::Cancelled},
                          StateCase{"Completed, Aborted", TransferOutcome::Aborted, "aborted", DownloadStatus::Failed},
                          StateCase{"Completed", TransferOutcome::Errored, "errored", DownloadStatus::Failed},
                          StateCase{"Succeeded, Completed", TransferOutcome::Succeeded, "succeeded",
                                    DownloadStatus::Verifying}));

    struct VersionCase
    {
        const char* text;
        int major, minor, patch;
        bool batches;
    };

    class VersionParsing : public ::testing::TestWithParam<VersionCase>
    {
    };

    TEST_P(VersionParsing, ParsesAndDecidesBatches)
    {
        const auto& c = GetParam();
        const auto v = SlskdVersion::parse(c.text);
        EXPECT_EQ(v.major, c.major);
        EXPECT_EQ(v.minor, c.minor);
        EXPECT_EQ(v.patch, c.patch);
        EXPECT_EQ(v.hasBatches(), c.batches) << c.text;
    }

    INSTANTIATE_TEST_SUITE_P(Slskd, VersionParsing,
                             ::testing::Values(VersionCase{"0.22.2", 0, 22, 2, false},
                                               VersionCase{"\"0.24.1\"", 0, 24, 1, false},
                                               VersionCase{"0.25.9.0", 0, 25, 9, false},
                                               VersionCase{"0.26.0", 0, 26, 0, true},
                                               VersionCase{"v1.2.3+abc", 1, 2, 3, true},
                                               VersionCase{"0.26.1-dev", 0, 26, 1, true}));

    TEST(SlskdJson, ParsesResponsesWithMissingBitRateAndLength)
    {
        const auto parsed = json::searchResponses(R"([{"username":"u","token":1,"hasFreeUploadSlot":true,
            "uploadSpeed":123,"queueLength":4,"fileCount":2,"lockedFileCount":1,
            "files":[{"filename":"@@a\\Music\\A\\01 - x.FLAC","size":10,"code":1,"extension":""},
                     {"filename":"@@a\\Music\\A\\02 - y.mp3","size":20,"code":1,"extension":"mp3","bitRate":320,
                      "length":200,"isVariableBitRate":false,"sampleRate":44100}],
            "lockedFiles":[{"filename":"@@a\\x.ogg","size":5,"code":1}]}])");
        ASSERT_TRUE(parsed) << parsed.error().message;
        ASSERT_EQ(parsed->size(), 1u);
        const auto& r = parsed->front();
        EXPECT_EQ(r.uploadSpeed, 123);
        EXPECT_EQ(r.queueLength, 4);
        ASSERT_EQ(r.files.size(), 2u);
        EXPECT_FALSE(r.files[0].bitRate);
        EXPECT_FALSE(r.files[0].length);
        EXPECT_EQ(r.files[0].extension, "FLAC"); // derived: slskd often sends ""
        EXPECT_EQ(r.files[1].bitRate, 320);
        EXPECT_EQ(r.files[1].length, 200);
        EXPECT_EQ(r.files[1].sampleRate, 44100);
        EXPECT_EQ(r.files[1].isVariableBitRate, false);
        ASSERT_EQ(r.lockedFiles.size(), 1u);
        EXPECT_TRUE(r.lockedFiles[0].isLocked);
    }

    TEST(SlskdJson, ParsesNegativeBytesRemaining)
    {
        const auto t = json::transfer(R"({"id":"a","username":"u","filename":"f","size":100,
            "state":"Completed, Succeeded","bytesTransferred":1124,"bytesRemaining":-1024,"percentComplete":1124.0,
            "averageSpeed":12.5})");
        ASSERT_TRUE(t) << t.error().message;
        EXPECT_EQ(t->bytesRemaining, -1024);
        EXPECT_EQ(t->outcome, TransferOutcome::Succeeded);
        EXPECT_TRUE(t->terminal());
    }

    TEST(SlskdJson, LegacyEnqueueRepliesInEveryShape)
    {
        const auto empty = json::legacyEnqueueReply("");
        ASSERT_TRUE(empty);
        EXPECT_FALSE(empty->hasTransferList);
        const auto names = json::legacyEnqueueReply(R"({"enqueued":[],"failed":["a\\b.flac"]})");
        ASSERT_TRUE(names);
        ASSERT_EQ(names->failed.size(), 1u);
        EXPECT_EQ(names->failed[0].filename, "a\\b.flac");
        const auto objects = json::legacyEnqueueReply(R"({"enqueued":[],"failed":[{"filename":"x","message":"m"}]})");
        ASSERT_TRUE(objects);
        EXPECT_EQ(objects->failed[0].message, "m");
        EXPECT_FALSE(json::legacyEnqueueReply("{not json"));
    }

    TEST(SlskdJson, ErrorsArePlainJsonStrings)
    {
        EXPECT_EQ(json::errorText(R"("User bob appears to be offline")"), "User bob appears to be offline");
        EXPECT_EQ(json::errorText("plain"), "plain");
        EXPECT_EQ(json::versionString(R"("0.24.1")"), "0.24.1");
        EXPECT_EQ(json::versionString("0.24.1"), "0.24.1");
    }

    TEST(SlskdJson, SearchStateQueuedIsNotComplete)
    {
        const auto s = json::searchState(R"({"id":"i","searchText":"t","state":"Queued","isComplete":false,
            "responseCount":0,"fileCount":0})");
        ASSERT_TRUE(s);
        EXPECT_TRUE(s->isQueued());
        EXPECT_FALSE(s->isComplete);
        const auto done = json::searchState(R"({"id":"i","state":"Completed, TimedOut","responseCount":3})");
        ASSERT_TRUE(done);
        EXPECT_TRUE(done->isComplete); // derived from the flags when isComplete is absent
    }
    // Found by fuzz/SlskdJsonFuzz.cpp (fuzz/regressions/slskd_json/): numbers that do not fit the field were
    // converted anyway (undefined behaviour); they now count as missing.
    TEST(SlskdJson, NumbersThatDoNotFitCountAsMissing)
    {
        const auto ok = json::searchResponses(R"([{"username":"u","uploadSpeed":8.1e40,"queueLength":-1e300,
            "files":[{"filename":"a.flac","size":18446744073709551615,"bitRate":1e300,"length":2147483648,
                      "sampleRate":-2147483649,"bitDepth":24.0}]}])");
        ASSERT_TRUE(ok);
        ASSERT_EQ(ok->size(), 1u);
        EXPECT_EQ((*ok)[0].uploadSpeed, 0);
        EXPECT_EQ((*ok)[0].queueLength, 0);
        const auto& f = (*ok)[0].files.at(0);
        EXPECT_EQ(f.size, 0);
        EXPECT_FALSE(f.bitRate);
        EXPECT_FALSE(f.length);
        EXPECT_FALSE(f.sampleRate);
        EXPECT_EQ(f.bitDepth, 24);
    }

    TEST(SlskdJson, BytesRemainingFallbackDoesNotOverflow)
    {
        const auto t = json::transfer(R"({"id":"a","size":9223372036854775807,"bytesTransferred":-1})");
        ASSERT_TRUE(t);
        EXPECT_EQ(t->bytesRemaining, 0);
        const auto normal = json::transfer(R"({"id":"b","size":100,"bytesTransferred":120})");
        ASSERT_TRUE(normal);
        EXPECT_EQ(normal->bytesRemaining, -20); // negative on purpose (soulbeet #78)
    }
} // namespace soulspot::sources::slskd
