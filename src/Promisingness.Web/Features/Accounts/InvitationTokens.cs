using System.Security.Cryptography;
using System.Text;

namespace Promisingness.Web.Features.Accounts;

/// <summary>Invitation tokens: 256 random bits in the link, only their SHA-256 in the database.</summary>
public static class InvitationTokens
{
    public static string New() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
