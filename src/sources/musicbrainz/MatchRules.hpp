#pragma once
// When a MusicBrainz recording counts as "the track the user wants", and which of its releases to tag
// with. Deliberately strict: a missing enrichment costs little, a wrong one mislabels the library.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sources/musicbrainz/MusicBrainzTypes.hpp"

namespace soulspot::sources::musicbrainz
{
    inline constexpr int kMinSearchScore = 90;
    inline constexpr int kMaxLengthDeltaMs = 5000;

    /// Lower case, Latin diacritics folded (é → e, ß → ss), "&" → "and", punctuation → space, single
    /// spaces, a leading "the " dropped. Non-Latin text passes through unchanged.
    std::string normaliseText(std::string_view text);
    /// Equal after normalisation, or equal once "(…)", "[…]" and " - …" suffixes are removed from both
    /// (Spotify's "Song - Remastered 2011" vs MusicBrainz "Song").
    bool titlesAgree(std::string_view wanted, std::string_view candidate);
    /// The title without "(…)", "[…]" and a " - …" suffix, trimmed; for a second, looser search when the
    /// full title (with Spotify's "- Remastered 2011" or "(feat. X)") finds nothing confident.
    std::string searchableTitle(std::string_view title);
    /// The wanted artist string equals the whole credit, or its first named artist (before ", ", " & ",
    /// " feat. " …) equals one of the credited artists.
    bool artistsAgree(std::string_view wanted, const std::vector<CreditedArtist>& credit);
    /// True when either length is unknown, else |a − b| ≤ kMaxLengthDeltaMs.
    bool lengthsAgree(std::optional<int> wantedMs, std::optional<int> candidateMs);

    /// Title, artist (when wanted.artist is set) and length fit.
    bool fitsWanted(const WantedInfo& wanted, const Recording& candidate);
    /// A search hit good enough to accept: score ≥ kMinSearchScore and fitsWanted.
    bool isConfidentSearchHit(const WantedInfo& wanted, const Recording& hit);

    /// Best release to tag with: the wanted album's title first, then Official, then a plain Album (no
    /// secondary types such as Compilation/Live), then the earliest date; nullopt for an empty list.
    std::optional<ReleaseInfo> chooseRelease(const std::vector<ReleaseInfo>& releases, std::string_view wantedAlbum);
} // namespace soulspot::sources::musicbrainz
