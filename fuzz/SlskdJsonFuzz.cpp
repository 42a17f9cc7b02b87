// slskd's JSON answers (reference/slskd-api.md): every reply parser in sources/slskd/SlskdJson.hpp gets the
// same bytes, as a hostile or broken slskd could send any of them to any endpoint.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "FuzzCheck.hpp"
#include "sources/slskd/SlskdJson.hpp"
#include "sources/slskd/SlskdTypes.hpp"

namespace
{
    using namespace soulspot::sources::slskd;

    void checkTransfer(const TransferDto& t)
    {
        // The outcome is a pure function of the state flags, which are a pure function of the state text.
        FUZZ_CHECK(t.stateFlags == parseTransferStates(t.state), "state flags follow the state text");
        FUZZ_CHECK(t.outcome == outcomeFromStates(t.stateFlags), "outcome follows the state flags");
        (void)reasonCode(t.outcome);
    }
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string_view body(reinterpret_cast<const char*>(data), size);

    if (auto r = json::searchResponses(body))
        for (const auto& response : *r)
        {
            for (const auto& f : response.files)
                FUZZ_CHECK(!f.isLocked, "files[] are never locked");
            for (const auto& f : response.lockedFiles)
                FUZZ_CHECK(f.isLocked, "lockedFiles[] are always locked");
        }
    if (auto r = json::transfer(body))
    {
        FUZZ_CHECK(!r->id.empty(), "a parsed transfer has an id");
        checkTransfer(*r);
    }
    if (auto r = json::transfers(body))
        for (const auto& t : *r)
            checkTransfer(t);
    for (const bool batch : {false, true})
        if (auto r = batch ? json::batchEnqueueReply(body) : json::legacyEnqueueReply(body))
        {
            FUZZ_CHECK(r->hasTransferList || r->enqueued.empty(), "enqueued transfers only from a transfer list");
            for (const auto& t : r->enqueued)
                checkTransfer(t);
        }
    if (auto r = json::searchState(body); r && r->isQueued())
        FUZZ_CHECK(!r->state.empty(), "queued comes from the state text");
    (void)json::applicationState(body);
    (void)json::sessionToken(body);
    (void)json::versionString(body);
    (void)json::errorText(body);
    const auto version = SlskdVersion::parse(body);
    (void)version.hasBatches();
    const auto flags = parseTransferStates(body);
    FUZZ_CHECK((flags & kCompleted) == 0 || isTerminal(outcomeFromStates(flags)),
               "a Completed transfer has a terminal outcome");
    return 0;
}
