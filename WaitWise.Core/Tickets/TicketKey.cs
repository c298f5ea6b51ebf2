using System.Security.Cryptography;
using System.Text;

namespace WaitWise.Core.Tickets;

/// <summary>
/// The key that holds a guest's ticket: 256 random bits, URL-safe. Only its SHA-256 is stored, so the database alone
/// cannot open a ticket; a wrong key and a missing ticket look the same to whoever asks.
/// </summary>
public static class TicketKey
{
    public const int MaxLength = 100;

    public static string New() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
