#include "core/CorrelationId.hpp"

#include <utility>

namespace soulspot::core
{
    namespace
    {
        thread_local std::string tlsCorrelationId;
    }

    const std::string& currentCorrelationId() { return tlsCorrelationId; }

    CorrelationScope::CorrelationScope(std::string id) : previous_(std::exchange(tlsCorrelationId, std::move(id))) {}

    CorrelationScope::~CorrelationScope() { tlsCorrelationId = std::move(previous_); }
} // namespace soulspot::core
