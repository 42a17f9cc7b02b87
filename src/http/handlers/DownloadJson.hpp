#pragma once
// The JSON shape of downloads, candidates, attempts and blocklist entries, as the API documents them.

#include <nlohmann/json_fwd.hpp>

#include "db/repositories/Records.hpp"

namespace soulspot::http
{
    nlohmann::json downloadToJson(const db::DownloadRecord& d);
    nlohmann::json candidateToJson(const db::CandidateRecord& c);
    nlohmann::json attemptToJson(const db::AttemptRecord& a);
    nlohmann::json blocklistToJson(const db::BlocklistEntry& b);
} // namespace soulspot::http
