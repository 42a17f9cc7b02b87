#pragma once
// The correlation id of the work running on this thread. HTTP middleware sets it from X-Correlation-ID,
// jobs restore the id of the request that created them, outbound calls send it on, and every log line
// carries it, so `grep 'correlation_id":"<ID>"'` finds the whole story.

#include <string>

namespace soulspot::core
{
    const std::string& currentCorrelationId();

    /// Sets the id for the lifetime of the scope and restores the previous one afterwards.
    class CorrelationScope
    {
    public:
        explicit CorrelationScope(std::string id);
        ~CorrelationScope();
        CorrelationScope(const CorrelationScope&) = delete;
        CorrelationScope& operator=(const CorrelationScope&) = delete;

    private:
        std::string previous_;
    };
} // namespace soulspot::core
