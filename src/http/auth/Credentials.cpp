#include "http/auth/Credentials.hpp"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace soulspot::http
{
    void initCrypto()
    {
        if (sodium_init() < 0)
            throw std::runtime_error("libsodium failed to initialise");
    }

    core::Result<std::string> hashPassword(std::string_view password)
    {
        initCrypto();
        char out[crypto_pwhash_STRBYTES];
        if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                  crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
            return core::fail(core::Error::internal("password hashing ran out of memory"));
        return std::string(out);
    }

    bool verifyPassword(const std::string& storedHash, std::string_view password)
    {
        initCrypto();
        return crypto_pwhash_str_verify(storedHash.c_str(), password.data(), password.size()) == 0;
    }

    std::string randomToken(std::size_t bytes)
    {
        initCrypto();
        std::vector<unsigned char> raw(bytes);
        randombytes_buf(raw.data(), raw.size());
        std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
        sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
        out.resize(std::char_traits<char>::length(out.c_str()));
        return out;
    }

    std::string digestSecret(std::string_view secret)
    {
        unsigned char hash[32];
        crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), nullptr, 0);
        char hex[sizeof hash * 2 + 1];
        sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
        return std::string(hex);
    }

    bool equalsConstantTime(std::string_view a, std::string_view b)
    {
        if (a.size() != b.size() || a.empty())
            return false;
        return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
    }
} // namespace soulspot::http
