// The download road step by step, in process: every transition of core/DownloadStateMachine that the
// search and transfer steps take, including the failure paths where slskd cannot be asked.
#include "RoadTestBed.hpp"

namespace soulspot::testing
{
    using S = core::DownloadStatus;
    using sl::TransferOutcome;

    class DownloadRoadTest : public RoadTestBed
    {
    protected:
        const std::string good = "@@alice\\Music\\Daft Punk\\Discovery\\01 - One More Time.flac";
        const std::string second = "@@bob\\flac\\Daft Punk - Discovery\\01 One More Time.flac";
        void offerTwoCopies()
        {
            slskd->anySearch = {peer("alice", {{good, 200}}), peer("bob", {{second, 200}})};
        }
    };

    TEST_F(DownloadRoadTest, ACompletedSearchWithAGoodFileEnqueuesIt)
    {
        offerTwoCopies();
        const auto id = wantTrack("Daft Punk", "One More Time");
        runSearchStep();
        const auto d = download(id);
        EXPECT_EQ(d.status, S::Downloading);
        EXPECT_TRUE(d.transferId.has_value());
        EXPECT_FALSE(d.enqueuePending);
        EXPECT_EQ(d.attempts, 1);
        ASSERT_EQ(slskd->enqueues.size(), 1u);
        EXPECT_EQ(slskd->enqueues[0].options.destination, "soulspot-" + std::to_string(id));
        EXPECT_EQ(reasons(id), (std::vector<std::string>{"claimed", "enqueued"}));
    }

    TEST_F(DownloadRoadTest, ACompletedSearchWithNothingRightIsNotFound)
    {
        slskd->anySearch = {peer("carol", {{"@@carol\\x\\Something Else Entirely.flac", 200}})};
        const auto id = wantTrack("Daft Punk", "One More Time");
        runSearchStep();
        const auto d = download(id);
        EXPECT_EQ(d.status, S::NotFound);
        EXPECT_EQ(reasons(id).back(), "no_match");
        EXPECT_TRUE(slskd->enqueues.empty());
    }

    TEST_F(DownloadRoadTest, SlskdUnreachableInAnyWayMeansWaitNeverNotFound)
    {
        struct Case
        {
            const char* what;
            FakeSlskdApi::Call call;
            core::Error error;
        };
        using C = core::ErrorCode;
        const core::Error proxy503{C::UpstreamError, "503 Service Unavailable from the proxy", true, 503};
        const Case cases[] = {
            {"connection refused", FakeSlskdApi::Call::Search, core::Error::unavailable("connection refused")},
            {"dropped without an answer", FakeSlskdApi::Call::Responses, core::Error::unavailable("connection reset")},
            {"proxy 503", FakeSlskdApi::Call::Search, proxy503},
            {"timeout", FakeSlskdApi::Call::Search, core::Error{C::Timeout, "no answer in 15 s", true, 0}},
            {"HTML error page", FakeSlskdApi::Call::Responses, core::Error::parse("expected JSON, got text/html")},
            {"401 after an slskd restart", FakeSlskdApi::Call::Search, core::Error{C::Unauthorized, "token refused", true, 401}},
        };
        offerTwoCopies();
        for (const auto& c : cases)
        {
            SCOPED_TRACE(c.what);
            const auto id = wantTrack("Daft Punk", std::string("One More Time ") + c.what);
            slskd->failNext(c.call, c.error);
            runSearchStep();
            const auto d = download(id);
            EXPECT_EQ(d.status, S::Queued);
            EXPECT_TRUE(d.waitingFor.has_value());
            EXPECT_EQ(d.attempts, 0) << "nothing charged";
            EXPECT_EQ(d.searchRetries, 0);
            EXPECT_EQ(reasons(id).back(), "waiting_for_slskd");
            // Back by itself once slskd answers: cancel this one so the next case's download is claimed.
            ASSERT_TRUE(db::DownloadStateStore(*database).move(id, {S::Queued}, S::Cancelled, core::TransitionReason::UserCancelled));
        }
    }

    TEST_F(DownloadRoadTest, AWaitingDownloadResumesByItselfWhenSlskdIsBack)
    {
        offerTwoCopies();
        const auto id = wantTrack("Daft Punk", "One More Time");
        slskd->failNext(FakeSlskdApi::Call::Search, core::Error::unavailable("connection refused"));
        runSearchStep();
        ASSERT_EQ(download(id).status, S::Queued);
        EXPECT_FALSE(lifecycle->claimNext().has_value()) << "not before its retry time";
        clock->advance(std::chrono::seconds(120));
        runSearchStep();
        const auto d = download(id);
        EXPECT_EQ(d.status, S::Downloading);
        EXPECT_FALSE(d.waitingFor.has_value());
    }

    TEST_F(DownloadRoadTest, AnEnqueueOutageKeepsTheIntentAndNothingIsEnqueuedTwice)
    {
        offerTwoCopies();
        const auto id = wantTrack("Daft Punk", "One More Time");
        slskd->failNext(FakeSlskdApi::Call::Enqueue, core::Error::unavailable("connection reset"));
        runSearchStep();
        auto d = download(id);
        EXPECT_EQ(d.status, S::Queued);
        EXPECT_TRUE(d.enqueuePending) << "recovery must look for the transfer before enqueuing again";
        EXPECT_EQ(d.attempts, 0);
    }

    TEST_F(DownloadRoadTest, AnEnqueueWhoseAnswerWasLostIsReattachedEvenWhenTheTransferAlreadyFinished)
    {
        // The owner died after slskd took the file but before the transfer id was saved, and the transfer
        // finished before anyone looked: re-attach to it, never enqueue the file a second time.
        offerTwoCopies();
        const auto id = wantTrack("Daft Punk", "One More Time");
        runSearchStep();
        auto d = download(id);
        slskd->setTransfer(*d.filename, TransferOutcome::Succeeded, 4096, 100);
        d.enqueuePending = true;
        d.transferId.reset();
        ASSERT_TRUE(*db::DownloadStateStore(*database).save(d, S::Downloading, core::TransitionReason::Saved));
        lifecycle->road().recoverEnqueue(download(id), S::Downloading);
        const auto after = download(id);
        EXPECT_EQ(slskd->enqueues.size(), 1u) << "not enqueued again";
        EXPECT_TRUE(after.transferId.has_value());
        EXPECT_FALSE(after.enqueuePending);
        EXPECT_EQ(reasons(id).back(), "reattached");
    }

    TEST_F(DownloadRoadTest, AFailedTransferFallsOverThenSearchesLaterThenFails)
    {
        offerTwoCopies();
        const auto id = wantTrack("Daft Punk", "One More Time");
        runSearchStep();
        const auto first = *download(id).filename;
        slskd->setTransfer(first, TransferOutcome::Errored);
        lifecycle->monitorTransfers();
        auto d = download(id);
        EXPECT_EQ(d.status, S::Downloading);
        EXPECT_NE(*d.filename, first) << "the next candidate";
        EXPECT_EQ(d.attempts, 2);

        slskd->setTransfer(*d.filename, TransferOutcome::Rejected);
        lifecycle->monitorTransfers();
        d = download(id);
        EXPECT_EQ(d.status, S::Queued);
        EXPECT_EQ(d.searchRetries, 1);
        EXPECT_EQ(reasons(id).back(), "search_again_later");

        // The same two sources are blocklisted now: the next searches find nothing to try.
        for (int i = 0; i < 3 && download(id).status == S::Queued; ++i)
        {
            clock->advance(std::chrono::seconds(600));
            runSearchStep();
        }
        d = download(id);
        EXPECT_TRUE(d.status == S::Failed || d.status == S::NotFound) << core::toString(d.status);
    }

    TEST_F(DownloadRoadTest, AStalledTransferIsGivenUpAfterTheStallTimeout)
    {
        offerTwoCopies();
        const auto id = wantTrack("Daft Punk", "One More Time");
        runSearchStep();
        const auto first = *download(id).filename;
        slskd->setTransfer(first, TransferOutcome::InProgress, 1000, 1);
        lifecycle->monitorTransfers();
        EXPECT_EQ(*download(id).filename, first);
        clock->advance(policy.stallTimeout + std::chrono::seconds(1));
        lifecycle->monitorTransfers();
        const auto d = download(id);
        EXPECT_NE(*d.filename, first);
        EXPECT_FALSE(slskd->cancelled.empty()) << "the stalled transfer is cancelled at slskd";
    }

    TEST_F(DownloadRoadTest, TransferPollsThatCannotReachSlskdChargeNothing)
    {
        offerTwoCopies();
        const auto id = wantTrack("Daft Punk", "One More Time");
        runSearchStep();
        slskd->failNext(FakeSlskdApi::Call::GetTransfer, core::Error::unavailable("connection refused"), 3);
        for (int i = 0; i < 3; ++i)
            lifecycle->monitorTransfers();
        const auto d = download(id);
        EXPECT_EQ(d.status, S::Downloading);
        EXPECT_TRUE(d.waitingFor.has_value());
        EXPECT_EQ(d.attempts, 1);
    }

    TEST_F(DownloadRoadTest, TheWatchdogPutsASearchWithNoLiveOwnerBack)
    {
        const auto id = wantTrack("Daft Punk", "One More Time");
        auto claimed = lifecycle->claimNext(); // claimed, then the worker "dies" before searching
        ASSERT_TRUE(claimed);
        clock->advance(policy.leaseTtl + std::chrono::seconds(5));
        // Leases are written with the hand-moved clock; the watchdog compares with it too.
        lifecycle->watchdog();
        const auto d = download(id);
        EXPECT_EQ(d.status, S::Queued);
        EXPECT_EQ(reasons(id).back(), "stranded");
    }
} // namespace soulspot::testing
