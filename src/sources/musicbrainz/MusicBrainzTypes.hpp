#pragma once
// What SoulSpot keeps from MusicBrainz answers (reference/musicbrainz-api.md §2–3). Unknown numbers are 0
// or nullopt, unknown strings "" — MusicBrainz itself sends null for many of them.

#include <optional>
#include <string>
#include <vector>

namespace soulspot::sources::musicbrainz
{
    /// One entry of an artist credit: the name as credited, the artist MBID, the text joining it to the next.
    struct CreditedArtist
    {
        std::string name;
        std::string id;
        std::string joinPhrase;
    };

    /// "name + joinphrase" over all entries, e.g. "m-flo ♥ BoA".
    std::string creditDisplay(const std::vector<CreditedArtist>& credit);

    struct ReleaseInfo
    {
        std::string id;
        std::string title;
        std::string status; // "Official", "Bootleg", … or ""
        std::string date;   // partial date: "", "YYYY", "YYYY-MM", "YYYY-MM-DD"
        std::string country;
        int trackNumber{0}; // position on the medium, from 1; 0 = unknown
        int trackCount{0};  // tracks on that medium
        int discNumber{0};  // medium position, from 1
        int discCount{0};   // media on the release (0 = unknown: search and ISRC answers don't list them all)
        std::string releaseGroupId;
        std::string primaryType; // "Album", "Single", "EP", … or ""
        std::vector<std::string> secondaryTypes;
        std::string albumArtist; // release artist credit as displayed; "" when not in the answer
        std::optional<bool> hasFrontCover; // cover-art-archive.front; false = don't ask the Cover Art Archive
    };

    /// A recording as MusicBrainz describes it, with the releases the answer listed (at most 25 in lookups).
    struct Recording
    {
        std::string id;
        std::string title;
        std::string disambiguation;
        std::vector<CreditedArtist> artists;
        std::optional<int> lengthMs;
        std::vector<std::string> isrcs;
        std::vector<ReleaseInfo> releases;
        int score{0}; // search relevance 0–100; 0 for lookups
    };

    enum class MatchSource { Isrc, Search };

    /// The answer of identify(): one recording on one chosen release.
    struct RecordingMatch
    {
        std::string recordingId;
        std::string title;
        std::vector<CreditedArtist> artists;
        std::string artistCredit; // creditDisplay(artists)
        std::optional<int> lengthMs;
        std::vector<std::string> isrcs;
        std::optional<ReleaseInfo> release; // nullopt when the recording is on no release (standalone)
        MatchSource source{MatchSource::Search};
        int confidence{0}; // 100 for an ISRC match that fits; the MusicBrainz search score otherwise
    };

    /// What the caller wants identified (usually from Spotify). Empty/nullopt fields are unknown.
    struct WantedInfo
    {
        std::string artist;
        std::string title;
        std::string album;
        std::optional<int> durationMs;
        std::string isrc;
    };
} // namespace soulspot::sources::musicbrainz

namespace soulspot::sources::musicbrainz
{
    struct ReleaseTrack
    {
        int position{0};    // from 1
        std::string number; // as printed: "A1", "1-03"; never parsed
        std::string title;
        std::optional<int> lengthMs;
        std::string recordingId;
        std::vector<std::string> isrcs;       // of the recording; needs inc=isrcs (with recordings)
        std::vector<CreditedArtist> artists;  // the track's own credit (features differ from the release's)
    };

    struct Medium
    {
        int position{0};    // disc number, from 1
        std::string format; // "CD", "Digital Media", "12\" Vinyl", … or "" (null) when unknown
        std::string title;  // disc subtitle, "" when none
        int trackCount{0};
        std::vector<ReleaseTrack> tracks;
    };

    /// A release lookup with its track list (GET /release/{mbid}?inc=recordings+…).
    struct ReleaseDetails
    {
        ReleaseInfo info; // trackNumber/trackCount/discNumber stay 0 here: they depend on the recording
        std::vector<Medium> media;
    };

    /// Tracks on all media: each medium's track-count, or its listed tracks when the count is missing.
    int totalTracks(const ReleaseDetails& details);

    /// A release-group search hit (GET /release-group?query=…).
    struct ReleaseGroupHit
    {
        std::string id;
        std::string title;
        std::string primaryType; // "Album", "Single", "EP", … or ""
        std::vector<std::string> secondaryTypes;
        std::vector<CreditedArtist> artists;
        std::string artistCredit; // creditDisplay(artists)
        std::string firstReleaseDate;
        int score{0}; // 0–100, best first
    };

    /// `details.info` with trackNumber, trackCount, discNumber and discCount of `recordingId` filled in
    /// (first appearance); the other fields unchanged when the recording is not on the release.
    ReleaseInfo placeRecording(const ReleaseDetails& details, const std::string& recordingId);
} // namespace soulspot::sources::musicbrainz
