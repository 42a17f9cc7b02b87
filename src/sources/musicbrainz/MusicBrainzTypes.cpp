#include "sources/musicbrainz/MusicBrainzTypes.hpp"

namespace soulspot::sources::musicbrainz
{
    std::string creditDisplay(const std::vector<CreditedArtist>& credit)
    {
        std::string out;
        for (const auto& entry : credit)
            out += entry.name + entry.joinPhrase;
        return out;
    }

    int totalTracks(const ReleaseDetails& details)
    {
        int total = 0;
        for (const auto& medium : details.media)
            total += medium.trackCount > 0 ? medium.trackCount : static_cast<int>(medium.tracks.size());
        return total;
    }

    ReleaseInfo placeRecording(const ReleaseDetails& details, const std::string& recordingId)
    {
        ReleaseInfo info = details.info;
        info.discCount = static_cast<int>(details.media.size());
        for (const auto& medium : details.media)
        {
            for (const auto& track : medium.tracks)
            {
                if (track.recordingId != recordingId)
                    continue;
                info.trackNumber = track.position;
                info.discNumber = medium.position;
                info.trackCount = medium.trackCount > 0 ? medium.trackCount : static_cast<int>(medium.tracks.size());
                return info;
            }
        }
        return info;
    }
} // namespace soulspot::sources::musicbrainz
