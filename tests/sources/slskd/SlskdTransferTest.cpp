// Enqueue in every slskd dialect, transfer outcomes, cancel, and where the files land.
#include <filesystem>
#include <regex>

#include <gtest/gtest.h>

#include "FakeSlskd.hpp"

namespace soulspot::sources::slskd::test
{
    namespace fs = std::filesystem;

    namespace
    {
        const std::string kFile = "@@alice\\Music\\Daft Punk\\Discovery\\01 - One More Time.flac";
        const std::string kFile2 = "@@alice\\Music\\Daft Punk\\Discovery\\02 - Aerodynamic.flac";

        nlohmann::json quickTransfers(nlohmann::json extra = nlohmann::json::object())
        {
            nlohmann::json s{{"default_transfer", {{"queue_ms", 30}, {"init_ms", 20}, {"duration_ms", 80}}},
                             {"users_offline", {"ghost"}}};
            s.update(extra);
            return s;
        }
    } // namespace

    struct EnqueueCase
    {
        const char* name;
        const char* version;
        const char* replyMode; // fake's enqueue_reply
        const char* expectedRoute;
        int filenameLookups; // GET …/downloads/{username} right after enqueue, only when ids were not given
    };

    class EnqueueDialects : public ::testing::TestWithParam<EnqueueCase>
    {
    };

    TEST_P(EnqueueDialects, EveryFileComesBackWithItsTransferId)
    {
        const auto& c = GetParam();
        FakeSlskd fake(quickTransfers({{"enqueue_reply", c.replyMode}}), {c.version});
        auto api = fake.client();
        auto result = api->enqueue("alice", {{kFile, 2048}, {kFile2, 4096}});
        ASSERT_TRUE(result) << result.error().message;
        ASSERT_EQ(result->enqueued.size(), 2u);
        EXPECT_TRUE(result->failed.empty());
        EXPECT_EQ(fake.calls(c.expectedRoute), 1);
        EXPECT_EQ(fake.calls("GET /api/v0/transfers/downloads/{username}"), c.filenameLookups);

        const auto enqueued = fake.control("GET", "calls")["enqueued"];
        ASSERT_EQ(enqueued.size(), 2u);
        for (const auto& e : result->enqueued)
        {
            const auto it = std::find_if(enqueued.begin(), enqueued.end(),
                                         [&](const auto& j) { return j["filename"] == e.filename; });
            ASSERT_NE(it, enqueued.end());
            EXPECT_EQ((*it)["id"], e.transferId) << c.name;
            auto t = waitForTerminal(*api, "alice", e.transferId);
            ASSERT_TRUE(t);
            EXPECT_EQ(t->outcome, TransferOutcome::Succeeded);
        }
    }

    INSTANTIATE_TEST_SUITE_P(
        Slskd, EnqueueDialects,
        ::testing::Values(EnqueueCase{"legacy_empty_201", "0.23.2", "auto", "POST /api/v0/transfers/downloads/{username}",
                                      1},
                          EnqueueCase{"v024_enqueued_failed", "0.24.1", "auto",
                                      "POST /api/v0/transfers/downloads/{username}", 0},
                          EnqueueCase{"v024_forced_empty", "0.24.1", "empty",
                                      "POST /api/v0/transfers/downloads/{username}", 1},
                          EnqueueCase{"v026_batches", "0.26.0", "auto", "POST /api/v0/transfers/downloads/batches", 0}),
        [](const auto& info) { return std::string(info.param.name); });

    TEST(SlskdEnqueue, EmptyLegacyReplyPicksTheLiveRecordOverAKeptOldOne)
    {
        FakeSlskd fake(quickTransfers({{"transfers", {{"alice|" + kFile, {{"outcome", "Errored"}}}}}}), {"0.23.2"});
        auto api = fake.client();
        auto first = api->enqueue("alice", {{kFile, 1000}});
        ASSERT_TRUE(first);
        ASSERT_TRUE(waitForTerminal(*api, "alice", first->enqueued[0].transferId));
        // The errored record stays in slskd; a second attempt must not be confused with it.
        fake.control("PATCH", "scenario", {{"transfers", nlohmann::json::object()}});
        auto second = api->enqueue("alice", {{kFile, 1000}});
        ASSERT_TRUE(second);
        ASSERT_EQ(second->enqueued.size(), 1u);
        EXPECT_NE(second->enqueued[0].transferId, first->enqueued[0].transferId);
        EXPECT_EQ(fake.control("GET", "calls")["enqueued"][1]["id"], second->enqueued[0].transferId);
    }

    TEST(SlskdEnqueue, FailedFilesAreReported)
    {
        auto s = quickTransfers({{"transfers", {{"alice|" + kFile2, {{"enqueue_error", "File not shared"}}}}}});
        for (const char* version : {"0.24.1", "0.26.0"})
        {
            FakeSlskd fake(s, {version});
            auto result = fake.client()->enqueue("alice", {{kFile, 10}, {kFile2, 20}});
            ASSERT_TRUE(result) << version << ": " << result.error().message;
            ASSERT_EQ(result->enqueued.size(), 1u) << version;
            EXPECT_FALSE(result->enqueued[0].transferId.empty());
            ASSERT_EQ(result->failed.size(), 1u) << version;
            EXPECT_EQ(result->failed[0].filename, kFile2);
        }
    }

    TEST(SlskdEnqueue, BatchWithoutTransfersInReplyIsResolvedByBatchId)
    {
        FakeSlskd fake(quickTransfers({{"batch_reply_transfers", false}}), {"0.26.0"});
        EnqueueOptions options;
        options.batchId = "6f1f3f55-5f2e-4b43-9d55-0c1e0f7a1a01";
        options.destination = "job-42";
        auto result = fake.client()->enqueue("alice", {{kFile, 100}}, options);
        ASSERT_TRUE(result) << result.error().message;
        EXPECT_EQ(result->batchId, options.batchId);
        ASSERT_EQ(result->enqueued.size(), 1u);
        EXPECT_EQ(fake.control("GET", "calls")["enqueued"][0]["id"], result->enqueued[0].transferId);
    }

    struct OfflineCase
    {
        const char* version;
        int status;
    };

    class UserOffline : public ::testing::TestWithParam<OfflineCase>
    {
    };

    TEST_P(UserOffline, IsNotFoundAndDoesNotTripTheBreaker)
    {
        FakeSlskd fake(quickTransfers(), {GetParam().version});
        auto api = fake.client();
        for (int i = 0; i < 6; ++i) // more than the breaker's threshold
        {
            auto r = api->enqueue("ghost", {{kFile, 10}});
            ASSERT_FALSE(r);
            EXPECT_EQ(r.error().code, core::ErrorCode::NotFound);
            EXPECT_NE(r.error().message.find("user offline"), std::string::npos);
            EXPECT_EQ(r.error().httpStatus, GetParam().status);
        }
        EXPECT_TRUE(api->enqueue("alice", {{kFile, 10}}));
    }

    INSTANTIATE_TEST_SUITE_P(Slskd, UserOffline,
                             ::testing::Values(OfflineCase{"0.24.1", 500}, OfflineCase{"0.26.0", 404}));

    struct OutcomeCase
    {
        const char* outcome;
        TransferOutcome expected;
        const char* reason;
        bool exception;
    };

    class TransferOutcomes : public ::testing::TestWithParam<OutcomeCase>
    {
    };

    TEST_P(TransferOutcomes, TerminalStateIsMapped)
    {
        const auto& c = GetParam();
        FakeSlskd fake(quickTransfers({{"transfers", {{"alice|" + kFile, {{"outcome", c.outcome}}}}}}));
        auto api = fake.client();
        auto enq = api->enqueue("alice", {{kFile, 5000}});
        ASSERT_TRUE(enq) << enq.error().message;
        auto t = waitForTerminal(*api, "alice", enq->enqueued.at(0).transferId);
        ASSERT_TRUE(t) << t.error().message;
        EXPECT_TRUE(t->terminal()) << t->state;
        EXPECT_EQ(t->outcome, c.expected) << t->state;
        EXPECT_EQ(reasonCode(t->outcome), c.reason);
        EXPECT_EQ(t->exception.has_value(), c.exception) << t->state;
    }

    INSTANTIATE_TEST_SUITE_P(
        Slskd, TransferOutcomes,
        ::testing::Values(OutcomeCase{"Succeeded", TransferOutcome::Succeeded, "succeeded", false},
                          OutcomeCase{"Errored", TransferOutcome::Errored, "errored", true},
                          OutcomeCase{"Rejected", TransferOutcome::Rejected, "rejected", true},
                          OutcomeCase{"TimedOut", TransferOutcome::TimedOut, "timed_out", true},
                          OutcomeCase{"Cancelled", TransferOutcome::Cancelled, "cancelled", true},
                          OutcomeCase{"Aborted", TransferOutcome::Aborted, "aborted", true}),
        [](const auto& info) { return std::string(info.param.outcome); });

    TEST(SlskdTransfers, ProgressPassesThroughQueuedAndInProgress)
    {
        FakeSlskd fake(quickTransfers({{"default_transfer", {{"queue_ms", 150}, {"init_ms", 50}, {"duration_ms", 400}}}}));
        auto api = fake.client();
        auto enq = api->enqueue("alice", {{kFile, 100000}});
        ASSERT_TRUE(enq);
        const auto id = enq->enqueued.at(0).transferId;
        auto t = api->getTransfer("alice", id);
        ASSERT_TRUE(t);
        EXPECT_EQ(t->state, "Queued, Remotely");
        EXPECT_EQ(t->outcome, TransferOutcome::Queued);
        std::this_thread::sleep_for(std::chrono::milliseconds(350));
        t = api->getTransfer("alice", id);
        ASSERT_TRUE(t);
        EXPECT_EQ(t->outcome, TransferOutcome::InProgress) << t->state;
        EXPECT_GT(t->bytesTransferred, 0);
        EXPECT_GT(t->percentComplete, 0.0);
        EXPECT_LT(t->percentComplete, 100.0);
    }

    TEST(SlskdTransfers, NegativeBytesRemainingIsTolerated)
    {
        FakeSlskd fake(quickTransfers({{"transfers", {{"alice|" + kFile, {{"negative_remaining", 512}}}}}}));
        auto api = fake.client();
        auto enq = api->enqueue("alice", {{kFile, 1000}});
        ASSERT_TRUE(enq);
        auto t = waitForTerminal(*api, "alice", enq->enqueued.at(0).transferId);
        ASSERT_TRUE(t) << t.error().message;
        EXPECT_EQ(t->outcome, TransferOutcome::Succeeded);
        EXPECT_EQ(t->bytesRemaining, -512);
        EXPECT_EQ(t->bytesTransferred, 1512);
    }

    TEST(SlskdTransfers, CancelWithoutRemoveKeepsTheRecordWithRemoveDeletesIt)
    {
        FakeSlskd fake(quickTransfers({{"default_transfer", {{"outcome", "Stall"}}}}));
        auto api = fake.client();
        auto enq = api->enqueue("alice", {{kFile, 1000}, {kFile2, 1000}});
        ASSERT_TRUE(enq);
        const auto keptId = enq->enqueued.at(0).transferId;
        const auto goneId = enq->enqueued.at(1).transferId;

        ASSERT_TRUE(api->cancelTransfer("alice", keptId, /*remove=*/false));
        auto kept = api->getTransfer("alice", keptId);
        ASSERT_TRUE(kept);
        EXPECT_EQ(kept->outcome, TransferOutcome::Cancelled);

        ASSERT_TRUE(api->cancelTransfer("alice", goneId)); // remove=true by default
        auto all = api->listTransfers();
        ASSERT_TRUE(all);
        ASSERT_EQ(all->size(), 1u);
        EXPECT_EQ(all->front().id, keptId);
        auto gone = api->getTransfer("alice", goneId);
        ASSERT_FALSE(gone);
        EXPECT_EQ(gone.error().code, core::ErrorCode::NotFound);
        EXPECT_EQ(fake.calls("DELETE /api/v0/transfers/downloads/{username}/{id}", 204), 2);
    }

    TEST(SlskdTransfers, FilesLandInTheLeafFolderAndCollisionsGetTicks)
    {
        FakeSlskd fake(quickTransfers());
        auto api = fake.client();
        // Same leaf folder "Discovery" from two different users: slskd merges them into one folder.
        const std::string other = "@@bob\\Share\\Albums\\Discovery\\01 - One More Time.flac";
        auto a = api->enqueue("alice", {{kFile, 1234}});
        ASSERT_TRUE(a);
        ASSERT_TRUE(waitForTerminal(*api, "alice", a->enqueued.at(0).transferId));
        auto b = api->enqueue("bob", {{other, 99}});
        ASSERT_TRUE(b);
        ASSERT_TRUE(waitForTerminal(*api, "bob", b->enqueued.at(0).transferId));

        const fs::path dir = fs::path(fake.downloads()) / "Discovery";
        const fs::path first = dir / "01 - One More Time.flac";
        ASSERT_TRUE(fs::exists(first));
        EXPECT_EQ(fs::file_size(first), 1234u);
        std::vector<std::string> names;
        for (const auto& entry : fs::directory_iterator(dir))
            names.push_back(entry.path().filename().string());
        ASSERT_EQ(names.size(), 2u);
        const std::regex ticks(R"(01 - One More Time_\d{18}\.flac)");
        EXPECT_TRUE(std::regex_match(names[0], ticks) || std::regex_match(names[1], ticks));
        const auto landed = fake.control("GET", "calls")["landed"];
        ASSERT_EQ(landed.size(), 2u);
        EXPECT_EQ(fs::file_size(landed[1]["localPath"].get<std::string>()), 99u);
    }

    TEST(SlskdTransfers, BatchDestinationOverridesTheLeafFolder)
    {
        FakeSlskd fake(quickTransfers(), {"0.26.0"});
        auto api = fake.client();
        EnqueueOptions options;
        options.destination = "job-7";
        auto r = api->enqueue("alice", {{kFile, 10}}, options);
        ASSERT_TRUE(r);
        ASSERT_TRUE(waitForTerminal(*api, "alice", r->enqueued.at(0).transferId));
        EXPECT_TRUE(fs::exists(fs::path(fake.downloads()) / "job-7" / "01 - One More Time.flac"));
    }

    TEST(SlskdTransfers, UsernamesArePercentEncoded)
    {
        FakeSlskd fake(quickTransfers());
        auto api = fake.client();
        const std::string user = "dj shadow/ü?&";
        auto r = api->enqueue(user, {{kFile, 10}});
        ASSERT_TRUE(r) << r.error().message;
        auto t = waitForTerminal(*api, user, r->enqueued.at(0).transferId);
        ASSERT_TRUE(t);
        EXPECT_EQ(t->username, user);
    }

    TEST(SlskdTransfers, Enqueue429IsRetried)
    {
        FakeSlskd fake(quickTransfers({{"enqueue_429_times", 2}}));
        auto r = fake.client()->enqueue("alice", {{kFile, 10}});
        ASSERT_TRUE(r) << r.error().message;
        EXPECT_EQ(fake.calls("POST /api/v0/transfers/downloads/{username}", 429), 2);
        EXPECT_EQ(r->enqueued.size(), 1u);
    }
} // namespace soulspot::sources::slskd::test
