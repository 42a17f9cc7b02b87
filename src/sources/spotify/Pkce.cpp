#include "sources/spotify/Pkce.hpp"

#include <array>
#include <stdexcept>

#include <sodium.h>

namespace soulspot::sources::spotify
{
    namespace
    {
        constexpr std::string_view kUnreserved =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

        void ensureSodium()
        {
            // sodium_init is idempotent and thread-safe; the static makes it run once per process.
            static const int rc = sodium_init();
            if (rc < 0)
                throw std::runtime_error("libsodium could not be initialised");
        }
    } // namespace

    std::string base64UrlNoPadding(std::span<const unsigned char> bytes)
    {
        ensureSodium();
        constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
        std::string out(sodium_base64_encoded_len(bytes.size(), kVariant), '\0');
        sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), kVariant);
        out.resize(std::char_traits<char>::length(out.c_str())); // drop the terminating NUL sodium writes
        return out;
    }

    std::string generateCodeVerifier(std::size_t length)
    {
        if (length < kMinVerifierLength || length > kMaxVerifierLength)
            throw std::invalid_argument("PKCE verifier length must be 43..128");
        ensureSodium();
        std::string out;
        out.reserve(length);
        for (std::size_t i = 0; i < length; ++i)
            out.push_back(kUnreserved[randombytes_uniform(static_cast<std::uint32_t>(kUnreserved.size()))]);
        return out;
    }

    std::string codeChallengeS256(std::string_view verifier)
    {
        ensureSodium();
        // Hash the verifier *string*; hashing the random bytes behind it is the classic
        // "code_verifier was incorrect" bug (reference/spotify-api.md §1.1).
        std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
        crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(verifier.data()), verifier.size());
        return base64UrlNoPadding(digest);
    }

    PkcePair generatePkcePair()
    {
        PkcePair pair;
        pair.verifier = generateCodeVerifier();
        pair.challenge = codeChallengeS256(pair.verifier);
        return pair;
    }

    std::string generateState()
    {
        ensureSodium();
        std::array<unsigned char, 32> random{};
        randombytes_buf(random.data(), random.size());
        return base64UrlNoPadding(random);
    }
} // namespace soulspot::sources::spotify
