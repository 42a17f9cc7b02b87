#pragma once
// slskd's wire objects as this room sees them (reference/slskd-api.md §1.4, §1.6). Own DTOs: sources/ may not
// depend on matching/. Fields slskd omits when unknown are std::optional; nothing here is nlohmann.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/DownloadStatus.hpp"

namespace soulspot::sources::slskd
{
    /// "0.24.1", "0.26.0.0", "0.22.2+abc" → {0,24,1}; unparseable parts count as 0.
    struct SlskdVersion
    {
        int major{0};
        int minor{0};
        int patch{0};
        std::string raw;

        static SlskdVersion parse(std::string_view text);
        bool atLeast(int maj, int min, int pat = 0) const;
        /// POST /transfers/downloads/batches exists from 0.26.
        bool hasBatches() const { return atLeast(0, 26); }
    };

    struct SlskdHealth
    {
        bool reachable{false};  // slskd answered at all
        bool authorized{false}; // our credentials were accepted
        bool loggedIn{false};   // server.isLoggedIn: the real readiness signal (GET /health lies)
        std::string serverState; // e.g. "Connected, LoggedIn"
        std::string version;
        std::string detail; // why not ready, for /ready and logs
    };

    struct SearchFileDto
    {
        std::string filename; // full remote path with backslashes
        std::int64_t size{0};
        std::string extension; // derived from the filename when slskd sends it empty
        std::optional<int> bitRate;    // kbps
        std::optional<int> bitDepth;
        std::optional<int> sampleRate; // Hz
        std::optional<int> length;     // seconds
        std::optional<bool> isVariableBitRate;
        bool isLocked{false};
    };

    struct SearchResponseDto
    {
        std::string username;
        bool hasFreeUploadSlot{false};
        std::int64_t uploadSpeed{0}; // bytes/s
        std::int64_t queueLength{0};
        std::vector<SearchFileDto> files;
        std::vector<SearchFileDto> lockedFiles;
    };

    /// One directory of a peer's answer to a directory browse (POST /api/v0/users/{u}/directory).
    struct BrowsedDirectory
    {
        std::string name; // full remote directory path as the peer names it, backslashes, no trailing one
        /// Each filename is the FULL remote path (name + "\\" + the basename the peer sent), ready to enqueue.
        std::vector<SearchFileDto> files;
        int skippedFiles{0}; // entries dropped as unsafe (separators, "..", control characters) or over the bounds
    };

    struct SearchState
    {
        std::string id;
        std::string searchText;
        std::string state; // raw flags string, e.g. "InProgress", "Queued", "Completed, TimedOut"
        bool isComplete{false};
        int responseCount{0};
        int fileCount{0};
        int lockedFileCount{0};

        /// Waiting for one of slskd's two search slots; not finished (soularr's "!= InProgress" bug).
        bool isQueued() const;
    };

    struct SearchRequest
    {
        std::string id; // our own GUID, so a timed-out POST still leaves us the id
        std::string searchText;
        std::chrono::milliseconds searchTimeout{15000}; // slskd's idle timeout, in milliseconds
        std::optional<int> responseLimit;
        std::optional<int> fileLimit;
    };

    struct SearchResult
    {
        SearchState state;
        std::vector<SearchResponseDto> responses;
    };

    /// Soulseek.NET TransferStates bits.
    enum TransferStateFlag : std::uint32_t
    {
        kRequested = 1,
        kQueued = 2,
        kInitializing = 4,
        kInProgress = 8,
        kCompleted = 16,
        kSucceeded = 32,
        kCancelled = 64,
        kTimedOut = 128,
        kErrored = 256,
        kRejected = 512,
        kAborted = 1024,
        kLocally = 2048,
        kRemotely = 4096,
    };
    /// "Completed, Succeeded" → kCompleted|kSucceeded; unknown names are ignored.
    std::uint32_t parseTransferStates(std::string_view text);

    enum class TransferOutcome { Queued, InProgress, Succeeded, Errored, Rejected, TimedOut, Cancelled, Aborted };

    /// Bare "Completed" without a reason flag counts as Errored: the file cannot be trusted.
    TransferOutcome outcomeFromStates(std::uint32_t flags);
    bool isTerminal(TransferOutcome outcome);
    /// Stable reason codes for FAILED/CANCELLED rows: "queued", "in_progress", "succeeded", "errored",
    /// "rejected", "timed_out", "cancelled", "aborted".
    std::string_view reasonCode(TransferOutcome outcome);
    /// Queued/InProgress → DOWNLOADING, Succeeded → VERIFYING (the file still has to be checked),
    /// Cancelled → CANCELLED, everything else → FAILED.
    core::DownloadStatus toDownloadStatus(TransferOutcome outcome);

    struct TransferDto
    {
        std::string id; // slskd's GUID: the only key we track a download by
        std::string username;
        std::string filename;
        std::int64_t size{0};
        std::string state; // raw, e.g. "Queued, Remotely"
        std::uint32_t stateFlags{0};
        TransferOutcome outcome{TransferOutcome::Queued};
        std::int64_t bytesTransferred{0};
        std::int64_t bytesRemaining{0}; // size - transferred; slskd does send negative values
        double percentComplete{0};
        double averageSpeed{0}; // bytes/s
        std::optional<int> placeInQueue;
        std::optional<std::string> exception; // slskd's failure text
        std::optional<std::string> batchId;   // 0.26+
        std::string requestedAt;
        std::optional<std::string> endedAt;

        bool terminal() const { return isTerminal(outcome); }
    };

    struct EnqueueFile
    {
        std::string filename; // full remote path exactly as the search response gave it
        std::int64_t size{0};
    };

    struct EnqueueOptions
    {
        std::optional<std::string> batchId;     // 0.26+: our own id for the batch
        std::optional<std::string> searchId;    // 0.26+
        std::optional<std::string> destination; // 0.26+: folder under downloads; avoids the leaf-folder merge
    };

    struct EnqueuedTransfer
    {
        std::string filename;
        std::string transferId; // empty only if slskd accepted the file but we could not find its record
    };

    struct EnqueueFailure
    {
        std::string filename;
        std::string message;
    };

    struct EnqueueResult
    {
        std::vector<EnqueuedTransfer> enqueued;
        std::vector<EnqueueFailure> failed;
        std::optional<std::string> batchId;
    };
} // namespace soulspot::sources::slskd
